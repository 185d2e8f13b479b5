import { generateKeyPairSync } from 'node:crypto'
import { base64url, compactVerify, exportJWK, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors.js'
import { DEMO_KEYS } from '../../lib/github/demo-keys.js'
import { generateSigningKey, importSigningKey, kidFromJwk } from '../../lib/github/keys.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('kidFromJwk', () => {
  it('is a UUID that depends only on the public key', async () => {
    const k = DEMO_KEYS[0]!
    const kid = await kidFromJwk(k)
    expect(kid).toMatch(UUID)
    expect(await kidFromJwk({ kty: 'RSA', n: k.n, e: k.e })).toBe(kid)
    expect(await kidFromJwk(DEMO_KEYS[1]!)).not.toBe(kid)
  })
})

describe('generateSigningKey', () => {
  let generated: Awaited<ReturnType<typeof generateSigningKey>>
  beforeAll(async () => {
    generated = await generateSigningKey()
  })

  it('makes an RSA-2048 key whose JWKS entry has exactly GitHub fields', async () => {
    const { key, privateJwk } = generated
    expect(Object.keys(key.publicJwk)).toEqual(['kty', 'alg', 'use', 'kid', 'n', 'e'])
    expect(key.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' })
    expect(base64url.decode(key.publicJwk.n).length * 8).toBe(2048)
    expect(key.kid).toBe(await kidFromJwk(key.publicJwk))
    expect(privateJwk.d).toBeTypeOf('string')
    expect(key.publicJwk).not.toHaveProperty('d')
  })

  it('signs what its public JWK verifies', async () => {
    const { key } = generated
    const { CompactSign, importJWK } = await import('jose')
    const jws = await new CompactSign(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(key.privateKey)
    const verified = await compactVerify(jws, await importJWK(key.publicJwk, 'RS256'))
    expect(new TextDecoder().decode(verified.payload)).toBe('hello')
  })
})

describe('importSigningKey', () => {
  it('keeps a given kid and derives one otherwise', async () => {
    const demo = DEMO_KEYS[0]!
    expect((await importSigningKey(demo)).kid).toBe(demo.kid)
    const { kid: _kid, ...withoutKid } = demo
    expect((await importSigningKey(withoutKid)).kid).toBe(await kidFromJwk(demo))
    expect((await importSigningKey({ ...demo, kid: 'my-key' })).publicJwk.kid).toBe('my-key')
  })

  async function rejection(jwk: unknown): Promise<InvalidInputError> {
    try {
      await importSigningKey(jwk as JWK, 'keys[0]')
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError)
      return e as InvalidInputError
    }
    throw new Error('expected InvalidInputError')
  }

  it('rejects public keys, other key types, other algorithms and short keys', async () => {
    const demo = DEMO_KEYS[0]!
    expect((await rejection({ kty: 'RSA', n: demo.n, e: demo.e })).path).toBe('keys[0].d')
    expect((await rejection({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' })).path).toBe(
      'keys[0].kty',
    )
    expect((await rejection({ ...demo, alg: 'RS512' })).path).toBe('keys[0].alg')
    expect((await rejection({ ...demo, kid: '' })).path).toBe('keys[0].kid')
    expect((await rejection({ ...demo, n: '!!!' })).path).toBe('keys[0].n')
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const small = await exportJWK(privateKey)
    const error = await rejection(small)
    expect(error.path).toBe('keys[0].n')
    expect(error.message).toContain('2048')
  })

  it('rejects a private key whose parts do not fit together', async () => {
    const [a, b] = [DEMO_KEYS[0]!, DEMO_KEYS[1]!]
    const error = await rejection({ ...a, d: b.d, p: b.p })
    expect(error.path).toBe('keys[0]')
  })
})
