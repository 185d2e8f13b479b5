/**
 * A small code editor for JSON: a transparent <textarea> over a coloured <pre>, with line numbers.
 * Lines never wrap, so the gutter, the colours and the caret always line up. Other code marks
 * lines (an error, a matched condition) and exact token offsets (a value that matched) — marks are
 * visual; the evaluation panel carries the same information as text for screen readers.
 */
import { el } from './dom.js'
import { tokenizeJson } from './json-highlight.js'

export type LineMark = 'error' | 'match' | 'miss'
export type SpanMark = 'match' | 'miss'

export interface EditorMarks {
  /** 1-based line → mark. */
  lines?: Map<number, LineMark>
  /** 0-based offset of a token's first character → mark. */
  spans?: Map<number, SpanMark>
}

export interface JsonEditor {
  textarea: HTMLTextAreaElement
  value(): string
  setValue(text: string): void
  mark(marks: EditorMarks): void
}

const GUTTER_SYMBOL: Record<LineMark, string> = { error: '!', match: '✓', miss: '✗' }

/** Turn a `[data-json-editor]` element (containing a textarea) into an editor. */
export function createJsonEditor(root: HTMLElement, onInput: (text: string) => void): JsonEditor {
  const textarea = root.querySelector('textarea')
  if (!textarea) throw new Error('trustwalk site: a JSON editor needs a textarea')
  const gutter = el('div', { class: 'gutter', 'aria-hidden': 'true' })
  const pre = el('pre', { class: 'highlight', 'aria-hidden': 'true' })
  const surface = el('div', { class: 'surface' }, pre)
  const scroller = el('div', { class: 'scroller' }, surface)
  textarea.replaceWith(el('div', { class: 'frame' }, gutter, scroller))
  surface.append(textarea)
  textarea.wrap = 'off'
  textarea.spellcheck = false
  let marks: EditorMarks = {}

  const render = () => {
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
    pre.replaceChildren()
    gutter.replaceChildren()
    lines.forEach((line, i) => {
      const mark = marks.lines?.get(i + 1)
      if (mark) line.classList.add(`line-${mark}`)
      pre.append(line, '\n')
      gutter.append(
        el(
          'span',
          { class: mark ? `num line-${mark}` : 'num' },
          mark ? `${GUTTER_SYMBOL[mark]} ` : '',
          String(i + 1),
        ),
      )
    })
  }

  textarea.addEventListener('input', () => {
    render()
    onInput(textarea.value)
  })
  render()
  return {
    textarea,
    value: () => textarea.value,
    setValue(text) {
      textarea.value = text
      render()
      onInput(text)
    },
    mark(next) {
      marks = next
      render()
    },
  }
}
