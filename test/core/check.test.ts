import { describe, expect, it } from 'vitest'
import { makeCheck } from '../../lib/core/check.js'

describe('makeCheck', () => {
  it('words the summary on first read only, then behaves as a plain string property', () => {
    let worded = 0
    const check = makeCheck(
      'verify.exp',
      true,
      'https://example.com/doc',
      () => {
        worded++
        return 'The token expires later.'
      },
      'now < 10',
      5,
    )
    expect(worded).toBe(0)
    expect(check.summary).toBe('The token expires later.')
    expect(check.summary).toBe('The token expires later.')
    expect(worded).toBe(1)
    expect(JSON.parse(JSON.stringify(check))).toEqual({
      id: 'verify.exp',
      ok: true,
      summary: 'The token expires later.',
      expected: 'now < 10',
      actual: 5,
      source: 'https://example.com/doc',
    })
    expect({ ...check }.summary).toBe('The token expires later.')
    expect(structuredClone(check).summary).toBe('The token expires later.')
  })

  it('leaves expected and actual out of JSON when not given', () => {
    const check = makeCheck('issue.claims', false, 'https://example.com/doc', () => 'Bad.')
    expect(JSON.stringify(check)).toBe(
      '{"id":"issue.claims","ok":false,"summary":"Bad.","source":"https://example.com/doc"}',
    )
  })
})
