import { describe, expect, it } from 'vitest'
import { printable, terminalSafe } from '../../lib/node/printable.js'

describe('printable', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls; keeps other text', () => {
    expect(printable('a\u001b]0;t\u0007b')).toBe('a\\u001b]0;t\\u0007b')
    expect(printable('line\nforged\r')).toBe('line\\nforged\\r')
    expect(printable('\t\u007f\u009b\u2028\u202e\u2066')).toBe(
      '\\t\\u007f\\u009b\\u2028\\u202e\\u2066',
    )
    expect(printable('répertoire/☃/日本.json')).toBe('répertoire/☃/日本.json')
  })
})

describe('terminalSafe', () => {
  it("keeps newlines, tabs and the CLI's own colours; escapes every other control", () => {
    const red = '\u001b[31mdenied\u001b[39m'
    expect(terminalSafe(`${red}\n\tok`)).toBe(`${red}\n\tok`)
    expect(terminalSafe('\u001b]0;t\u0007\u001b[2J\r\u009b')).toBe(
      '\\u001b]0;t\\u0007\\u001b[2J\\r\\u009b',
    )
  })

  it('leaves JSON valid and equal', () => {
    const value = { s: 'a\u2028b\u009bc\u202e' }
    expect(JSON.parse(terminalSafe(JSON.stringify(value)))).toEqual(value)
  })
})
