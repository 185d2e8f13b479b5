import { beforeAll, describe, expect, it } from 'vitest'
import { createVerificationCache, verificationKeyFor } from '../../../lib/aws/oidc/cache.js'
import type { PublicJwk } from '../../../lib/aws/oidc/jwks.js'
import { verifyWebIdentityToken } from '../../../lib/aws/oidc/verify.js'
import { manualClock } from '../../../lib/core/clock.js'
import {
  claims,
  clock,
  ISSUER,
  issuerNetwork,
  makeKey,
  NOW,
  provider,
  sign,
  type TestKey,
} from './fixture.js'

let k1: TestKey
let k2: TestKey
beforeAll(async () => {
  ;[k1, k2] = await Promise.all([makeKey('k1'), makeKey('k2')])
})

function setup(keys: TestKey[]) {
  const network = issuerNetwork(keys)
  const cache = createVerificationCache()
  const verify = (token: string, c = clock) =>
    verifyWebIdentityToken(token, {
      providers: [provider],
      fetch: network.fetch,
      clock: c,
      configurationCache: cache,
    })
  return { ...network, cache, verify, requests: () => network.net.log.length }
}

describe('createVerificationCache', () => {
  it('fetches discovery and JWKS once, then reuses them (and the imported key)', async () => {
    const { verify, requests, cache } = setup([k1])
    const token = await sign(k1)
    for (let i = 0; i < 3; i++) expect((await verify(token)).ok).toBe(true)
    expect(requests()).toBe(2)
    expect(cache.issuers()).toEqual([ISSUER])
    const again = await verify(token)
    expect(again.checks.filter((c) => c.id.startsWith('discovery.'))).toHaveLength(6)
    cache.clear()
    expect(cache.issuers()).toEqual([])
    await verify(token)
    expect(requests()).toBe(4)
  })

  it('concurrent verifications share one discovery', async () => {
    const { verify, requests } = setup([k1])
    const token = await sign(k1)
    const results = await Promise.all(Array.from({ length: 5 }, () => verify(token)))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(requests()).toBe(2)
  })

  it('key rotation: an unknown kid refetches once, then the new key is cached too', async () => {
    const { verify, requests, state } = setup([k1])
    expect((await verify(await sign(k1))).ok).toBe(true)
    state.jwks = { keys: [k1.publicJwk, k2.publicJwk] } // the issuer rotates to k2
    const rotated = await verify(await sign(k2))
    expect(rotated.ok).toBe(true)
    expect(requests()).toBe(4)
    expect(rotated.checks.find((c) => c.id === 'verify.kid-in-jwks')?.summary).toBe(
      "The header names key k2, which the issuer's JWKS (fetched again, as keys rotate) publishes.",
    )
    expect((await verify(await sign(k2))).ok).toBe(true)
    expect((await verify(await sign(k1))).ok).toBe(true) // still published
    expect(requests()).toBe(4)
  })

  it('a kid that stays unknown costs exactly one refetch per token, then fails', async () => {
    const { verify, requests } = setup([k1])
    await verify(await sign(k1))
    const result = await verify(await sign(k2))
    expect(result.ok).toBe(false)
    expect(result.checks.at(-1)?.id).toBe('verify.kid-in-jwks')
    expect(result.error?.code).toBe('InvalidIdentityToken')
    expect(requests()).toBe(4)
  })

  it('unknown kids refetch an issuer at most once per 30 s cooldown, and the Trace says so', async () => {
    const c = manualClock(NOW * 1000)
    const { verify, requests, state } = setup([k1])
    expect((await verify(await sign(k1), c)).ok).toBe(true)
    expect(requests()).toBe(2)
    const forged = await sign(k2) // k2 is not published
    const results = await Promise.all(Array.from({ length: 1000 }, () => verify(forged, c)))
    expect(results.every((r) => !r.ok && r.checks.at(-1)?.id === 'verify.kid-in-jwks')).toBe(true)
    // 1,000 tokens: the first refetches discovery and JWKS, the others wait out the cooldown.
    expect(requests()).toBe(4)
    expect(results.at(-1)?.checks.at(-1)?.summary).toMatch(
      /not fetched again: it was refetched for an unknown key less than 30 s ago, and trustwalk refetches an issuer at most once per 30 s \(as jose's remote JWKS does; how often STS does is undocumented\)\.$/,
    )
    c.advance(29)
    await verify(forged, c)
    expect(requests()).toBe(4)
    // After the cooldown, a rotation is picked up again.
    c.advance(2)
    state.jwks = { keys: [k1.publicJwk, k2.publicJwk] }
    expect((await verify(forged, c)).ok).toBe(true)
    expect(requests()).toBe(6)
  })

  it('a retired key keeps verifying until the cached JWKS ages out', async () => {
    const c = manualClock(NOW * 1000)
    const { verify, requests, state } = setup([k1])
    const token = await sign(k1, claims({ exp: NOW + 10000 }))
    expect((await verify(token, c)).ok).toBe(true)
    state.jwks = { keys: [k2.publicJwk] } // k1 retired
    c.advance(599)
    expect((await verify(token, c)).ok).toBe(true)
    expect(requests()).toBe(2)
    c.advance(2)
    const stale = await verify(token, c)
    expect(stale.ok).toBe(false)
    expect(stale.checks.at(-1)?.id).toBe('verify.kid-in-jwks')
    expect(requests()).toBe(4)
  })

  it('never caches a failed discovery', async () => {
    const { verify, state, requests } = setup([k1])
    state.jwks = { keys: [] }
    expect((await verify(await sign(k1))).checks.at(-1)?.id).toBe('discovery.jwks-keys')
    state.jwks = { keys: [k1.publicJwk] }
    expect((await verify(await sign(k1))).ok).toBe(true)
    expect(requests()).toBe(4)
  })

  it('a failed refetch reports discovery and keeps the good cached configuration', async () => {
    const { verify, state, requests } = setup([k1])
    const token = await sign(k1)
    await verify(token)
    state.jwks = 'gone'
    const result = await verify(await sign(k2))
    expect(result.ok).toBe(false)
    expect(result.checks.at(-1)?.id).toBe('discovery.jwks-keys')
    expect((await verify(token)).ok).toBe(true)
    expect(requests()).toBe(4)
  })
})

describe('verificationKeyFor', () => {
  it('imports a key once per material and algorithm, whatever object carries it', async () => {
    const a = { ...(k1.publicJwk as PublicJwk) }
    const b = { ...(k1.publicJwk as PublicJwk), kid: 'another-name' }
    const first = verificationKeyFor(a, 'RS256')
    expect(verificationKeyFor(b, 'RS256')).toBe(first)
    expect(verificationKeyFor({ ...a, alg: undefined }, 'RS384')).not.toBe(first)
    expect(verificationKeyFor(k2.publicJwk as PublicJwk, 'RS256')).not.toBe(first)
    const key = await first
    expect(key.type).toBe('public')
    expect(key.usages).toEqual(['verify'])
  })

  it('does not remember a failed import', async () => {
    const bad = { kty: 'RSA', n: 'AQAB', e: 'AQAB' } as PublicJwk
    const failed = verificationKeyFor(bad, 'RS256')
    await expect(failed).rejects.toThrow()
    expect(verificationKeyFor(bad, 'RS256')).not.toBe(failed)
    await expect(verificationKeyFor(bad, 'RS256')).rejects.toThrow()
  })
})
