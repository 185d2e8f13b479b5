import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  derivedId,
  derivedNodeId,
  derivedSha,
  derivedUuid,
  sha256Hex,
} from '../../lib/github/derive.js'

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('agrees with node:crypto on random strings of every padding length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'))
      }),
      { numRuns: 500 },
    )
  })
})

describe('derived identifiers', () => {
  it('are stable, well-formed and seed-dependent', () => {
    expect(derivedSha('a')).toMatch(/^[0-9a-f]{40}$/)
    expect(derivedSha('a')).toBe(derivedSha('a'))
    expect(derivedSha('a')).not.toBe(derivedSha('b'))
    for (const digits of [2, 8, 9, 11, 12]) {
      expect(derivedId(`seed${digits}`, digits)).toMatch(new RegExp(`^[1-9][0-9]{${digits - 1}}$`))
    }
    expect(derivedUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(derivedUuid('x')).not.toBe(derivedUuid('y'))
    expect(derivedNodeId('EN_kwDO', 'x')).toMatch(/^EN_kwDO[A-Za-z0-9]{12}$/)
  })
})
