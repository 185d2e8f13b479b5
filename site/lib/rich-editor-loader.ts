/**
 * The light editors (policy-editor.ts, example-editor.ts) work the moment the page loads; the rich
 * one (rich-editor.ts, CodeMirror) is fetched only when the reader starts editing — the first
 * focus, pointer press or key press in the textarea — so a page ships none of it on load (budget:
 * test/bench/site.ts). If the chunk cannot load (offline), the light editor simply stays.
 */
import type { EditorMarks } from './editor-marks.js'
import type { RichEditor, RichEditorOptions } from './rich-editor.js'

export interface RichEditorSlot {
  /** The textarea's text changed from outside the rich editor: show it there too. */
  sync(): void
  mark(marks: EditorMarks): void
  /** Focus the rich editor if it is in place, else the textarea (which asks for it). */
  focus(): void
  /** Whether the rich editor has replaced the light one. */
  readonly upgraded: boolean
}

const ASK = ['focus', 'pointerdown', 'keydown'] as const

/**
 * Offer the rich editor for `textarea`: it is loaded on the first interaction and then replaces
 * `options.baseline`.
 *
 * @example
 * const slot = offerRichEditor(textarea, { language: 'json', baseline: frame, label: 'Policy' })
 * slot.mark({ lines: new Map([[4, 'miss']]) })
 */
export function offerRichEditor(
  textarea: HTMLTextAreaElement,
  options: RichEditorOptions,
): RichEditorSlot {
  let rich: RichEditor | undefined
  let marks: EditorMarks = {}
  const ask = () => {
    for (const type of ASK) textarea.removeEventListener(type, ask)
    import('./rich-editor.js')
      .then(({ createRichEditor }) => createRichEditor(textarea, options))
      .then(
        (editor) => {
          rich = editor
          editor.mark(marks)
        },
        () => {
          // The chunk did not load (offline, a new deploy): the light editor keeps working.
        },
      )
  }
  for (const type of ASK) textarea.addEventListener(type, ask)
  return {
    sync: () => rich?.setValue(textarea.value),
    mark(next) {
      marks = next
      rich?.mark(next)
    },
    focus: () => (rich ? rich.focus() : textarea.focus()),
    get upgraded() {
      return rich !== undefined
    },
  }
}
