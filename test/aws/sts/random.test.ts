import { describe, expect, it } from 'vitest'
import { cryptoRandom, randomUuid, seededRandom } from '../../../lib/aws/sts/random.js'

describe('cryptoRandom', () => {
  it('hands out fresh arrays of the asked length, never the same bytes twice', () => {
    const seen = new Set<string>()
    // Enough draws to refill the pool several times.
    for (let i = 0; i < 200; i++) {
      const bytes = cryptoRandom(72)
      expect(bytes).toHaveLength(72)
      const hex = Buffer.from(bytes).toString('hex')
      expect(seen.has(hex)).toBe(false)
      seen.add(hex)
    }
  })

  it('a caller that changes its array does not change the next one', () => {
    const a = cryptoRandom(16)
    a.fill(0)
    expect(cryptoRandom(16).every((b) => b === 0)).toBe(false)
  })

  it('serves lengths from 0 to beyond one getRandomValues call (65,536 bytes)', () => {
    expect(cryptoRandom(0)).toHaveLength(0)
    expect(cryptoRandom(4096)).toHaveLength(4096)
    const big = cryptoRandom(70_000)
    expect(big).toHaveLength(70_000)
    expect(big.subarray(65_536).some((b) => b !== 0)).toBe(true)
  })
})

describe('randomUuid', () => {
  it('is a version-4 UUID, reproducible with seeded randomness', () => {
    expect(randomUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(randomUuid(seededRandom('x'))).toBe(randomUuid(seededRandom('x')))
  })
})
