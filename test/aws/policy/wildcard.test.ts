import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  QUESTION,
  STAR,
  compileWildcard,
  hasWildcard,
  matchWildcard,
  patternText,
  wildcardMatches,
} from '../../../lib/aws/policy/wildcard.js'

/**
 * An independent reference: memoised recursion over code points, straight from the definition
 * ("* matches any run, including empty; ? exactly one character; all else literal").
 */
function reference(pattern: string, text: string): boolean {
  const p = Array.from(pattern)
  const t = Array.from(text)
  const memo = new Map<string, boolean>()
  const go = (i: number, j: number): boolean => {
    const k = `${i},${j}`
    const hit = memo.get(k)
    if (hit !== undefined) return hit
    let r: boolean
    if (i === p.length) r = j === t.length
    else if (p[i] === '*') r = go(i + 1, j) || (j < t.length && go(i, j + 1))
    else if (j === t.length) r = false
    else r = (p[i] === '?' || p[i] === t[j]) && go(i + 1, j + 1)
    memo.set(k, r)
    return r
  }
  return go(0, 0)
}

describe('matchWildcard', () => {
  it.each([
    ['repo:octo-org/*', 'repo:octo-org/app:ref:refs/heads/main', true],
    ['repo:octo-org*', 'repo:octo-org-evil/x:ref:refs/heads/main', true],
    ['*:pull_request', 'repo:o/r:pull_request', true],
    ['v?', 'v1', true],
    ['v?', 'v', false],
    ['v?', 'v10', false],
    ['?', '😀', true],
    ['??', '😀', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['A*', 'a', false],
  ])('%j against %j → %s', (pattern, text, expected) => {
    expect(matchWildcard(compileWildcard(pattern), text)).toBe(expected)
  })

  it('keeps literal and wildcard stars apart in compiled patterns', () => {
    const p = compileWildcard('a*?')
    expect(p).toEqual([0x61, STAR, QUESTION])
    expect(hasWildcard(p)).toBe(true)
    expect(hasWildcard(compileWildcard('abc'))).toBe(false)
    expect(patternText(p)).toBe('a*?')
  })

  it('stays linear on hostile patterns', () => {
    const pattern = compileWildcard('*a'.repeat(30) + 'b')
    const text = 'a'.repeat(5000)
    const start = performance.now()
    expect(matchWildcard(pattern, text)).toBe(false)
    expect(performance.now() - start).toBeLessThan(1000)
  })

  const alphabet = ['a', 'b', '/', ':', '😀', 'é']
  const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 })
  const pattern = fc.string({ unit: fc.constantFrom(...alphabet, '*', '?'), maxLength: 8 })

  it('agrees with the reference matcher on random patterns and strings', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(matchWildcard(compileWildcard(p), t)).toBe(reference(p, t))
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with the reference on strings built to match', () => {
    // Replace pieces of a random text with * and ? so that matches are common, not rare.
    const built = text.chain((t) =>
      fc
        .array(fc.constantFrom('keep', 'star', 'question'), {
          minLength: Array.from(t).length,
          maxLength: Array.from(t).length,
        })
        .map((ops) => ({
          t,
          p: Array.from(t)
            .map((ch, i) => (ops[i] === 'star' ? '*' : ops[i] === 'question' ? '?' : ch))
            .join(''),
        })),
    )
    fc.assert(
      fc.property(built, ({ p, t }) => {
        expect(reference(p, t)).toBe(true)
        expect(matchWildcard(compileWildcard(p), t)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})

/** A second reference: a regular expression built from the pattern, literals escaped. */
function regexReference(pattern: string, text: string): boolean {
  const source = Array.from(pattern)
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 'su').test(text)
}

describe('wildcardMatches: the one matcher of the engine and the auditor', () => {
  it('matches text patterns as matchWildcard does', () => {
    expect(wildcardMatches('repo:acme*', 'repo:acme-evil/x:ref:refs/heads/main')).toBe(true)
    expect(wildcardMatches('sts.amazonaws.com', 'sts.amazonaws.com')).toBe(true)
    expect(wildcardMatches('sts.amazonaws.co?', 'sts.amazonaws.com')).toBe(true)
    expect(wildcardMatches('sts.*.com', 'sts.amazonaws.org')).toBe(false)
  })

  it('answers at once on sixteen stars and Z (issue 15 #1: 34 s in the old auditor matcher)', () => {
    const pattern = '*'.repeat(16) + 'Z'
    expect(wildcardMatches(pattern, 'sts.amazonaws.com')).toBe(false)
    expect(wildcardMatches(pattern, 'a'.repeat(200) + 'Z')).toBe(true)
  })

  it('answers right on 10,000 stars', () => {
    const stars = '*'.repeat(10_000)
    expect(wildcardMatches(stars + 'Z', 'a'.repeat(10_000))).toBe(false)
    expect(wildcardMatches(stars + 'Z', 'a'.repeat(10_000) + 'Z')).toBe(true)
    expect(wildcardMatches(stars, '')).toBe(true)
    expect(wildcardMatches(`repo:octo-org/${stars}`, 'repo:octo-org/app:ref:refs/heads/main')).toBe(
      true,
    )
    expect(wildcardMatches(`repo:octo-org/${stars}`, 'repo:evil/app')).toBe(false)
  })

  const unit = fc.constantFrom('a', 'b', '.', '/', ':', '-', '😀', '*', '?')
  it('agrees with an escaped-literal regular expression on small patterns (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), fc.string({ unit, maxLength: 12 }), (p, t) => {
        expect(wildcardMatches(p, t)).toBe(regexReference(p, t))
      }),
      { numRuns: 5000, seed: 15 },
    )
  })
})
