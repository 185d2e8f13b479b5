import { base64url, compactVerify, CompactSign, importJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { DEMO_KEYS } from '../../lib/github/demo-keys.js'
import { importSigningKey, kidFromJwk } from '../../lib/github/keys.js'

describe('DEMO_KEYS', () => {
  it('are three distinct private RSA-2048 keys labelled with their derived kid', async () => {
    expect(DEMO_KEYS).toHaveLength(3)
    expect(new Set(DEMO_KEYS.map((k) => k.n)).size).toBe(3)
    for (const key of DEMO_KEYS) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' })
      expect(base64url.decode(key.n!).length * 8).toBe(2048)
      expect(key.kid).toBe(await kidFromJwk(key))
    }
  })

  it('each signs what its public half verifies', async () => {
    for (const jwk of DEMO_KEYS) {
      const key = await importSigningKey(jwk)
      const jws = await new CompactSign(new TextEncoder().encode(key.kid))
        .setProtectedHeader({ alg: 'RS256' })
        .sign(key.privateKey)
      const { payload } = await compactVerify(jws, await importJWK(key.publicJwk, 'RS256'))
      expect(new TextDecoder().decode(payload)).toBe(key.kid)
    }
  })

  it('are frozen, so no example can change them for the next', () => {
    expect(Object.isFrozen(DEMO_KEYS)).toBe(true)
  })
})
