/**
 * The JSON editor for trust policies and claims. At once: a transparent <textarea> over a coloured
 * <pre>, both wrapping long lines the same way (a `sub` value is never cut off), each line numbered
 * in the left margin. On the first interaction it upgrades to the rich editor (CodeMirror, loaded
 * on demand: rich-editor-loader.ts), which keeps this textarea as the holder of the text.
 *
 * Other code marks lines (an error, a matched condition) and exact token offsets (a value that
 * matched) — marks are visual; the evaluation panel carries the same information as text for
 * screen readers.
 */
import { el } from './dom.js'
import { LINE_MARK_SYMBOL, type EditorMarks } from './editor-marks.js'
import { tokenizeJson } from './json-highlight.js'
import { offerRichEditor } from './rich-editor-loader.js'

export type { EditorMarks, LineMark, SpanMark } from './editor-marks.js'

export interface JsonEditor {
  /** Holds the text whichever editor is showing; an `input` event on it follows every edit. */
  textarea: HTMLTextAreaElement
  value(): string
  setValue(text: string): void
  mark(marks: EditorMarks): void
}

/** Turn a `[data-json-editor]` element (containing a textarea) into an editor. */
export function createJsonEditor(root: HTMLElement, onInput: (text: string) => void): JsonEditor {
  const textarea = root.querySelector('textarea')
  if (!textarea) throw new Error('trustwalk site: a JSON editor needs a textarea')
  const pre = el('pre', { class: 'highlight', 'aria-hidden': 'true' })
  const surface = el('div', { class: 'surface' }, pre)
  const frame = el('div', { class: 'frame' }, surface)
  textarea.replaceWith(frame)
  surface.append(textarea)
  textarea.wrap = 'soft'
  textarea.spellcheck = false
  let marks: EditorMarks = {}
  const label = textarea.labels?.[0]?.textContent?.trim() || textarea.getAttribute('aria-label')
  const rich = offerRichEditor(textarea, {
    language: 'json',
    baseline: frame,
    label: label || 'JSON',
  })

  const render = () => {
    // Once the rich editor shows the text, the hidden copy is not kept up.
    if (rich.upgraded) return
    const text = textarea.value
    const lines: HTMLElement[] = [el('span', { class: 'line' })]
    let offset = 0
    for (const token of tokenizeJson(text)) {
      const pieces = token.text.split('\n')
      pieces.forEach((piece, i) => {
        if (i > 0) lines.push(el('span', { class: 'line' }))
        if (!piece) return
        const line = lines[lines.length - 1]!
        const span = i === 0 ? marks.spans?.get(offset) : undefined
        const cls = [
          token.type === 'space' || token.type === 'other' ? '' : `json-${token.type}`,
          span ? `span-${span}` : '',
        ]
          .filter(Boolean)
          .join(' ')
        line.append(cls ? el('span', { class: cls }, piece) : piece)
      })
      offset += token.text.length
    }
    lines.forEach((line, i) => {
      const mark = marks.lines?.get(i + 1)
      if (mark) line.classList.add(`line-${mark}`)
      // The number sits in the margin, outside the text's flow, so wrapping is the textarea's.
      line.prepend(
        el(
          'span',
          { class: mark ? `num line-${mark}` : 'num' },
          mark ? `${LINE_MARK_SYMBOL[mark]} ` : '',
          String(i + 1),
        ),
      )
    })
    pre.replaceChildren(...lines)
  }

  textarea.addEventListener('input', () => {
    render()
    rich.sync()
    onInput(textarea.value)
  })
  render()
  return {
    textarea,
    value: () => textarea.value,
    setValue(text) {
      textarea.value = text
      render()
      rich.sync()
      onInput(text)
    },
    mark(next) {
      marks = next
      render()
      rich.mark(next)
    },
  }
}
