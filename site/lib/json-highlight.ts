/**
 * Syntax colouring for JSON (and almost-JSON while someone is typing it), for the policy editor
 * and the read-only JSON views. It never fails: text it cannot classify is kept as plain text.
 */
import { el } from './dom.js'

export type JsonTokenType = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'other'

export interface JsonToken {
  type: JsonTokenType
  text: string
}

const TOKEN =
  /("(?:[^"\\\n]|\\.)*"?)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])|(\s+)|([^\s"{}[\],:]+)/gy

/** Split JSON text into coloured tokens; a string followed by `:` is a key. */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = []
  TOKEN.lastIndex = 0
  let match: RegExpExecArray | null
  while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text))) {
    const [whole, str, num, lit, punct, space] = match
    const type: JsonTokenType =
      str !== undefined
        ? 'string'
        : num !== undefined
          ? 'number'
          : lit !== undefined
            ? 'literal'
            : punct !== undefined
              ? 'punct'
              : space !== undefined
                ? 'space'
                : 'other'
    tokens.push({ type, text: whole })
  }
  // A string is a key when the next non-space token is a colon.
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.type !== 'string') continue
    let j = i + 1
    while (tokens[j]?.type === 'space') j++
    if (tokens[j]?.text === ':') tokens[i]!.type = 'key'
  }
  return tokens
}

/** Render JSON text as coloured spans (text nodes only). */
export function highlightJson(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment()
  for (const token of tokenizeJson(text)) {
    if (token.type === 'space' || token.type === 'other') {
      fragment.append(token.text)
    } else {
      fragment.append(el('span', { class: `json-${token.type}` }, token.text))
    }
  }
  return fragment
}

/** Pretty-print a value and render it coloured. */
export function jsonView(value: unknown): DocumentFragment {
  return highlightJson(JSON.stringify(value, null, 2))
}
