/**
 * A small, strict JSON reader (RFC 8259) that remembers where every value came from.
 *
 * Why not `JSON.parse`: it silently keeps the last of two equal keys, and a trust policy with two
 * `"StringEquals"` blocks has dropped real `sub` conditions that way
 * (https://github.com/alphagov/govuk-infrastructure/pull/879). This reader keeps every object
 * member in order, duplicates included, with its offset, so the policy parser can warn with both
 * locations and then keep the last one, as IAM and `JSON.parse` do.
 */

/** A syntax error at `offset` (0-based, UTF-16 code units) in the text. */
export class JsonSyntaxError extends Error {
  readonly offset: number
  constructor(message: string, offset: number) {
    super(message)
    this.name = 'JsonSyntaxError'
    this.offset = offset
  }
}

export interface JsonEntry {
  key: string
  /** Offset of the key's opening quote. */
  keyOffset: number
  value: JsonNode
}

export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number; raw: string }
  | { kind: 'boolean'; offset: number; value: boolean }
  | { kind: 'null'; offset: number }

/** Deeper nesting than this is refused (a policy is at most five levels deep). */
const MAX_DEPTH = 64
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/**
 * Parse JSON text into nodes that keep their offsets and every object member (duplicates too).
 *
 * @example
 * const root = parseJsonSource('{"a": 1, "a": 2}')
 * // root.kind === 'object', root.entries.map((e) => e.key) → ['a', 'a']
 */
export function parseJsonSource(text: string): JsonNode {
  let pos = 0

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at)
  }
  const describe = (at: number): string =>
    at >= text.length ? 'the end of the document' : `'${text[at]}'`

  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++
      else break
    }
  }

  const readString = (): string => {
    const start = pos
    pos++ // opening quote
    let out = ''
    let chunk = pos
    for (;;) {
      if (pos >= text.length) fail('Unterminated string', start)
      const c = text.charCodeAt(pos)
      if (c === 0x22) break
      if (c < 0x20) fail('Control character in a string (write it as an escape such as \\n)')
      if (c !== 0x5c) {
        pos++
        continue
      }
      out += text.slice(chunk, pos)
      const e = text[pos + 1]
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u escape in a string')
        out += String.fromCharCode(parseInt(hex, 16))
        pos += 6
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e]
        pos += 2
      } else {
        fail(`Invalid escape '\\${e ?? ''}' in a string`)
      }
      chunk = pos
    }
    out += text.slice(chunk, pos)
    pos++ // closing quote
    return out
  }

  const readValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`Nesting deeper than ${MAX_DEPTH} levels`)
    skipWhitespace()
    const offset = pos
    const c = text[pos]
    if (c === '{') return readObject(depth, offset)
    if (c === '[') return readArray(depth, offset)
    if (c === '"') return { kind: 'string', offset, value: readString() }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = pos
      const m = NUMBER.exec(text)
      if (!m) return fail('Invalid number')
      pos += m[0].length
      return { kind: 'number', offset, value: Number(m[0]), raw: m[0] }
    }
    for (const [word, node] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length
        return { ...node, offset }
      }
    }
    return fail(`Unexpected ${describe(pos)}; expected a JSON value`)
  }

  const readObject = (depth: number, offset: number): JsonNode => {
    pos++
    const entries: JsonEntry[] = []
    skipWhitespace()
    if (text[pos] === '}') {
      pos++
      return { kind: 'object', offset, entries }
    }
    for (;;) {
      skipWhitespace()
      if (text[pos] !== '"') fail(`Unexpected ${describe(pos)}; expected a property name in quotes`)
      const keyOffset = pos
      const key = readString()
      skipWhitespace()
      if (text[pos] !== ':') fail(`Unexpected ${describe(pos)}; expected ':' after a property name`)
      pos++
      entries.push({ key, keyOffset, value: readValue(depth + 1) })
      skipWhitespace()
      if (text[pos] === ',') {
        pos++
        continue
      }
      if (text[pos] === '}') {
        pos++
        return { kind: 'object', offset, entries }
      }
      fail(`Unexpected ${describe(pos)}; expected ',' or '}' after a property value`)
    }
  }

  const readArray = (depth: number, offset: number): JsonNode => {
    pos++
    const items: JsonNode[] = []
    skipWhitespace()
    if (text[pos] === ']') {
      pos++
      return { kind: 'array', offset, items }
    }
    for (;;) {
      items.push(readValue(depth + 1))
      skipWhitespace()
      if (text[pos] === ',') {
        pos++
        continue
      }
      if (text[pos] === ']') {
        pos++
        return { kind: 'array', offset, items }
      }
      fail(`Unexpected ${describe(pos)}; expected ',' or ']' after an array element`)
    }
  }

  if (text.charCodeAt(0) === 0xfeff) pos = 1 // a byte-order mark left by an editor
  const root = readValue(0)
  skipWhitespace()
  if (pos < text.length) fail(`Unexpected ${describe(pos)} after the end of the JSON document`)
  return root
}

const LITERALS: [string, { kind: 'boolean'; value: boolean } | { kind: 'null' }][] = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
]

/** Turns offsets into 1-based line and column numbers (columns count UTF-16 code units). */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this.starts.push(i + 1)
  }

  /**
   * @example
   * new LineIndex('{\n  "a": 1\n}').position(4) // { line: 2, column: 3 }
   */
  position(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 }
  }
}

/**
 * Append a member name to a JSON path: `.Name` when it reads as an identifier, else `["…"]`.
 *
 * @example
 * childPath('Statement[0].Condition.StringEquals', 'token.actions.githubusercontent.com:sub')
 * // 'Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]'
 */
export function childPath(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key
  return `${parent}[${JSON.stringify(key)}]`
}
