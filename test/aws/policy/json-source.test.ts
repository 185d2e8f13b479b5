import { describe, expect, it } from 'vitest'
import {
  JsonSyntaxError,
  LineIndex,
  childPath,
  parseJsonSource,
} from '../../../lib/aws/policy/json-source.js'
import type { JsonNode } from '../../../lib/aws/policy/json-source.js'

/** Back to a plain value (last key wins), to compare with JSON.parse. */
function plain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]))
    case 'array':
      return node.items.map(plain)
    case 'null':
      return null
    default:
      return node.value
  }
}

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonSource(text)
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e
    throw e
  }
  throw new Error(`parsed: ${text}`)
}

describe('parseJsonSource', () => {
  it.each([
    '{}',
    '[]',
    '"a\\u00e9\\n\\"\\\\\\/"',
    '-0.5e+3',
    '{"a":[1,true,false,null,{"b":"c"}],"d":"e"}',
    ' \n\t{ "x" : [ ] } \r\n',
    '"😀"',
  ])('reads %j like JSON.parse', (text) => {
    expect(plain(parseJsonSource(text))).toEqual(JSON.parse(text))
  })

  it('keeps duplicate keys in order with their offsets', () => {
    const root = parseJsonSource('{"a": 1, "a": 2}')
    expect(root.kind).toBe('object')
    if (root.kind !== 'object') return
    expect(root.entries.map((e) => [e.key, e.keyOffset])).toEqual([
      ['a', 1],
      ['a', 9],
    ])
  })

  it('keeps the number text as written', () => {
    const root = parseJsonSource('1.50')
    expect(root).toMatchObject({ kind: 'number', value: 1.5, raw: '1.50' })
  })

  it.each([
    ['{"a": 1,}', 8, /expected a property name/],
    ['[1, 2', 5, /expected ',' or '\]'/],
    ['{"a" 1}', 5, /expected ':'/],
    ['"abc', 0, /Unterminated string/],
    ['{"a": tru}', 6, /expected a JSON value/],
    ['{} x', 3, /after the end/],
    ['"\\q"', 1, /Invalid escape/],
    ['"a\nb"', 2, /Control character/],
    ['01', 1, /after the end/],
    ['', 0, /the end of the document/],
  ])('rejects %j at offset %i', (text, offset, message) => {
    const e = syntaxError(text)
    expect(e.offset).toBe(offset)
    expect(e.message).toMatch(message)
  })

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(syntaxError('['.repeat(100) + ']'.repeat(100)).message).toMatch(/Nesting deeper/)
  })
})

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('{\n  "a": 1\n}')
    expect(index.position(0)).toEqual({ line: 1, column: 1 })
    expect(index.position(4)).toEqual({ line: 2, column: 3 })
    expect(index.position(11)).toEqual({ line: 3, column: 1 })
    expect(index.position(10)).toEqual({ line: 2, column: 9 })
  })
})

describe('childPath', () => {
  it('uses dots for identifiers and quoted brackets otherwise', () => {
    expect(childPath('', 'Statement')).toBe('Statement')
    expect(childPath('Statement[0]', 'Condition')).toBe('Statement[0].Condition')
    expect(childPath('Statement[0].Condition', 'ForAnyValue:StringLike')).toBe(
      'Statement[0].Condition["ForAnyValue:StringLike"]',
    )
  })
})
