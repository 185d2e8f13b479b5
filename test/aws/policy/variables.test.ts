import { describe, expect, it } from 'vitest'
import { ContextIndex } from '../../../lib/aws/policy/context-index.js'
import { resolvePolicyVariables } from '../../../lib/aws/policy/variables.js'
import { QUESTION, STAR, matchWildcard } from '../../../lib/aws/policy/wildcard.js'

const context: Record<string, string | string[]> = {
  'aws:username': 'octo*cat',
  'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
  'aws:TagKeys': ['a', 'b'],
}
const lookup = new ContextIndex(context).lookup

describe('resolvePolicyVariables', () => {
  it('expands variables, case-insensitively', () => {
    const r = resolvePolicyVariables('x-${AWS:UserName}-y', lookup, false)
    expect(r).toMatchObject({ ok: true, text: 'x-octo*cat-y' })
  })

  it('keeps substituted text literal in Like patterns', () => {
    const r = resolvePolicyVariables('${aws:username}*', lookup, true)
    if (!r.ok) throw new Error(r.problem)
    expect(r.pattern.filter((u) => u === STAR)).toHaveLength(1)
    expect(matchWildcard(r.pattern, 'octo*cat-and-more')).toBe(true)
    expect(matchWildcard(r.pattern, 'octoXcat')).toBe(false)
  })

  it('turns ${*}, ${?} and ${$} into literal characters', () => {
    const r = resolvePolicyVariables('${*}${?}${$}*?', lookup, true)
    if (!r.ok) throw new Error(r.problem)
    expect(r.text).toBe('*?$*?')
    expect(r.pattern).toEqual([0x2a, 0x3f, 0x24, STAR, QUESTION])
  })

  it("uses a default when the key is missing: ${key, 'default'}", () => {
    expect(resolvePolicyVariables("${aws:missing, 'none'}", lookup, false)).toMatchObject({
      ok: true,
      text: 'none',
    })
    expect(resolvePolicyVariables("${aws:username, 'none'}", lookup, false)).toMatchObject({
      ok: true,
      text: 'octo*cat',
    })
  })

  it('fails for a missing or multi-valued key without a default', () => {
    expect(resolvePolicyVariables('${aws:missing}', lookup, false)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no value/),
    })
    expect(resolvePolicyVariables('${aws:TagKeys}', lookup, false).ok).toBe(false)
  })

  it('leaves an unterminated ${ as text', () => {
    expect(resolvePolicyVariables('a${b', lookup, false)).toMatchObject({ ok: true, text: 'a${b' })
  })
})
