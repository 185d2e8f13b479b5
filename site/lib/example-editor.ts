/**
 * A light code editor: a transparent textarea over a highlighted copy of its text, kept in step
 * as the reader types and scrolls; both wrap long lines. Tab indents (Escape, then Tab, moves
 * focus on, so the keyboard is never trapped); Ctrl/⌘+Enter runs. On the first interaction it
 * upgrades to the rich editor (CodeMirror, loaded on demand: rich-editor-loader.ts), which keeps
 * the textarea as the holder of the text and the same keys.
 */
import { highlightTypeScript } from './example-highlight.js'
import { offerRichEditor } from './rich-editor-loader.js'
import type { RichLanguage } from './rich-editor.js'

export interface ExampleEditor {
  readonly element: HTMLElement
  value: string
  focus(): void
}

export interface EditorOptions {
  label: string
  onRun(): void
  onChange?(value: string): void
  /** The rich editor's highlighting (default TypeScript); the light one is TypeScript-ish. */
  language?: RichLanguage
}

const INDENT = '  '

/**
 * Build an editor holding `initial`.
 *
 * @example
 * const editor = createEditor(source, { label: 'Edit 03-verify.ts', onRun: run })
 * container.append(editor.element)
 */
export function createEditor(initial: string, options: EditorOptions): ExampleEditor {
  const element = document.createElement('div')
  element.className = 'example-editor'
  const highlight = document.createElement('pre')
  highlight.className = 'example-editor-highlight'
  highlight.setAttribute('aria-hidden', 'true')
  const code = document.createElement('code')
  highlight.append(code)
  const textarea = document.createElement('textarea')
  textarea.className = 'example-editor-input'
  textarea.spellcheck = false
  textarea.setAttribute('autocapitalize', 'off')
  textarea.setAttribute('autocomplete', 'off')
  textarea.setAttribute('autocorrect', 'off')
  textarea.setAttribute('aria-label', options.label)
  textarea.wrap = 'soft'
  textarea.value = initial
  // One box to hide when the rich editor takes over (the textarea's own CSS sets its display).
  const baseline = document.createElement('div')
  baseline.className = 'example-editor-light'
  baseline.append(highlight, textarea)
  element.append(baseline)
  const rich = offerRichEditor(textarea, {
    language: options.language ?? 'typescript',
    baseline,
    label: options.label,
    onRun: options.onRun,
  })

  let escaped = false
  const render = () => {
    if (rich.upgraded) return
    // A trailing newline needs a character after it, or the last empty line has no height.
    code.innerHTML = highlightTypeScript(textarea.value) + '\n'
    textarea.rows = Math.min(40, textarea.value.split('\n').length + 1)
  }
  const sync = () => {
    highlight.scrollTop = textarea.scrollTop
    highlight.scrollLeft = textarea.scrollLeft
  }
  textarea.addEventListener('input', () => {
    render()
    sync()
    rich.sync()
    options.onChange?.(textarea.value)
  })
  textarea.addEventListener('scroll', sync)
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      options.onRun()
      return
    }
    if (event.key === 'Escape') {
      escaped = true
      return
    }
    if (event.key === 'Tab' && !escaped && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      indent(textarea, event.shiftKey)
      render()
      rich.sync()
      options.onChange?.(textarea.value)
    }
    escaped = false
  })
  render()

  return {
    element,
    get value() {
      return textarea.value
    },
    set value(text: string) {
      textarea.value = text
      render()
      rich.sync()
    },
    focus: () => rich.focus(),
  }
}

/** Indent (or with Shift, outdent) the selected lines, or insert an indent at the caret. */
function indent(textarea: HTMLTextAreaElement, outdent: boolean): void {
  const { value, selectionStart: start, selectionEnd: end } = textarea
  if (start === end && !outdent) {
    textarea.setRangeText(INDENT, start, end, 'end')
    return
  }
  const lineStart = value.lastIndexOf('\n', start - 1) + 1
  const block = value.slice(lineStart, end)
  const changed = outdent ? block.replace(/^ {1,2}/gm, '') : block.replace(/^/gm, INDENT)
  textarea.setRangeText(changed, lineStart, end, 'select')
}
