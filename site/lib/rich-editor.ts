/**
 * The rich code editor (CodeMirror 6), loaded only when a reader starts editing (see
 * rich-editor-loader.ts): lines wrap, JSON or TypeScript is highlighted, lines are numbered, and
 * the policy editors' marks (a line that failed or matched, a value underlined) are drawn. The
 * textarea it replaces stays the holder of the text: every edit is written back to it with an
 * `input` event, so code that reads or writes the textarea keeps working, and a page whose chunk
 * cannot load simply keeps the light editor.
 *
 * Keyboard: Tab indents; Escape then Tab moves focus on (CodeMirror's tab-focus mode), so the
 * keyboard is never trapped; Ctrl/⌘+Enter runs where the editor has something to run.
 */
import { EditorSelection, EditorState, RangeSet, StateEffect, StateField } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  GutterMarker,
  gutter,
  keymap,
  lineNumberMarkers,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import {
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
  type LanguageSupport,
} from '@codemirror/language'
import { classHighlighter } from '@lezer/highlight'
import { tokenizeJson } from './json-highlight.js'
import { LINE_MARK_SYMBOL, type EditorMarks, type LineMark } from './editor-marks.js'

export type RichLanguage = 'json' | 'typescript'

export interface RichEditorOptions {
  language: RichLanguage
  /** The light editor's element: hidden once the rich editor is in place after it. */
  baseline: HTMLElement
  /** The accessible name of the editing area (the textarea's label). */
  label: string
  /** Ctrl/⌘+Enter. */
  onRun?: () => void
}

export interface RichEditor {
  /** Replace the text (a no-op when it is already the text). */
  setValue(text: string): void
  mark(marks: EditorMarks): void
  focus(): void
}

class SymbolMarker extends GutterMarker {
  constructor(readonly kind: LineMark) {
    super()
    this.elementClass = `num line-${kind}`
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof SymbolMarker && other.kind === this.kind
  }
  override toDOM(): Node {
    return document.createTextNode(LINE_MARK_SYMBOL[this.kind])
  }
}

/** Colours a line number without replacing it (no toDOM). */
class NumberClass extends GutterMarker {
  constructor(readonly kind: LineMark) {
    super()
    this.elementClass = `num line-${kind}`
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof NumberClass && other.kind === this.kind
  }
}

const setMarks = StateEffect.define<EditorMarks>()

interface MarkSets {
  decorations: DecorationSet
  symbols: RangeSet<GutterMarker>
  numbers: RangeSet<GutterMarker>
}

function markSets(state: EditorState, marks: EditorMarks): MarkSets {
  const decorations = []
  const symbols = []
  const numbers = []
  for (const [line, kind] of marks.lines ?? []) {
    if (line < 1 || line > state.doc.lines) continue
    const from = state.doc.line(line).from
    decorations.push(Decoration.line({ class: `line-${kind}` }).range(from))
    symbols.push(new SymbolMarker(kind).range(from))
    numbers.push(new NumberClass(kind).range(from))
  }
  if (marks.spans?.size) {
    // A span mark names the offset of a token's first character; it covers that token.
    let offset = 0
    for (const token of tokenizeJson(state.doc.toString())) {
      const kind = marks.spans.get(offset)
      if (kind && token.type !== 'space') {
        decorations.push(
          Decoration.mark({ class: `span-${kind}` }).range(offset, offset + token.text.length),
        )
      }
      offset += token.text.length
    }
  }
  return {
    decorations: Decoration.set(decorations, true),
    symbols: RangeSet.of(symbols, true),
    numbers: RangeSet.of(numbers, true),
  }
}

const marksField = StateField.define<MarkSets>({
  create: () => ({
    decorations: Decoration.none,
    symbols: RangeSet.empty,
    numbers: RangeSet.empty,
  }),
  update(sets, tr) {
    for (const effect of tr.effects)
      if (effect.is(setMarks)) return markSets(tr.state, effect.value)
    if (!tr.docChanged) return sets
    return {
      decorations: sets.decorations.map(tr.changes),
      symbols: sets.symbols.map(tr.changes),
      numbers: sets.numbers.map(tr.changes),
    }
  },
  provide: (field) => [
    EditorView.decorations.from(field, (sets) => sets.decorations),
    lineNumberMarkers.from(field, (sets) => sets.numbers),
  ],
})

const markGutter = gutter({
  class: 'cm-mark-gutter',
  markers: (view) => view.state.field(marksField).symbols,
  initialSpacer: () => new SymbolMarker('match'),
})

/** Site colours come from CSS variables, so the light and dark themes both apply, live. */
const siteTheme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '0.6rem 0' },
  '.cm-line': { padding: '0 0.7rem 0 0.5rem' },
  '.cm-content ::selection, .cm-line::selection': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 35%, transparent)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-lineNumbers .cm-gutterElement': { minWidth: '2.4em' },
  '.cm-mark-gutter .cm-gutterElement': { padding: '0 0 0 0.4rem', fontWeight: '700' },
  '.cm-matchingBracket': { outline: '1px solid var(--muted)', backgroundColor: 'transparent' },
})

async function languageSupport(language: RichLanguage): Promise<LanguageSupport> {
  if (language === 'json') return (await import('@codemirror/lang-json')).json()
  return (await import('@codemirror/lang-javascript')).javascript({ typescript: true })
}

let keyHints = 0

/**
 * Put a CodeMirror editor in place of `textarea`'s light editor, holding the textarea's current
 * text (and, when it has focus, its selection and the focus).
 *
 * @example
 * const rich = await createRichEditor(textarea, { language: 'json', baseline: frame, label })
 * rich.mark({ lines: new Map([[3, 'error']]) })
 */
export async function createRichEditor(
  textarea: HTMLTextAreaElement,
  options: RichEditorOptions,
): Promise<RichEditor> {
  const language = await languageSupport(options.language)
  const text = textarea.value
  const hadFocus = document.activeElement === textarea
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n))
  const run = options.onRun
  // Tab indents here, so say how to leave (WCAG 2.1.2, no keyboard trap: the way out is told).
  const keys = document.createElement('p')
  keys.className = 'editor-keys'
  keys.id = `${textarea.id || 'editor'}-keys-${++keyHints}`
  keys.textContent = `Tab indents; Esc then Tab leaves the editor${run ? '; Ctrl+Enter (⌘+Enter) runs' : ''}.`
  const describedBy = [textarea.getAttribute('aria-describedby'), keys.id].filter(Boolean).join(' ')
  const state = EditorState.create({
    doc: text,
    selection: EditorSelection.single(clamp(textarea.selectionStart), clamp(textarea.selectionEnd)),
    extensions: [
      lineNumbers(),
      markGutter,
      marksField,
      history(),
      indentOnInput(),
      bracketMatching(),
      indentUnit.of('  '),
      EditorState.tabSize.of(2),
      EditorView.lineWrapping,
      syntaxHighlighting(classHighlighter),
      language,
      keymap.of([
        ...(run ? [{ key: 'Mod-Enter', run: () => (run(), true), preventDefault: true }] : []),
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      EditorView.contentAttributes.of({
        'aria-label': options.label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
      }),
      siteTheme,
    ],
  })
  const view = new EditorView({
    state,
    // Write each edit back to the textarea after the view has updated (so listeners may mark).
    dispatchTransactions(transactions, view) {
      view.update(transactions)
      const doc = view.state.doc.toString()
      if (transactions.some((tr) => tr.docChanged) && doc !== textarea.value) {
        textarea.value = doc
        textarea.dispatchEvent(new Event('input', { bubbles: true }))
      }
    },
  })
  options.baseline.after(view.dom, keys)
  // Inline, because the light editor's CSS sets its display (which would beat `hidden`).
  options.baseline.hidden = true
  options.baseline.style.display = 'none'
  // The textarea's <label> now names the rich editor: a click on it lands there.
  for (const label of textarea.labels ?? []) label.addEventListener('click', () => view.focus())
  if (hadFocus) view.focus()

  return {
    setValue(next) {
      const current = view.state.doc.toString()
      if (next === current) return
      view.dispatch({ changes: { from: 0, to: current.length, insert: next } })
    },
    mark(marks) {
      view.dispatch({ effects: setMarks.of(marks) })
    },
    focus: () => view.focus(),
  }
}
