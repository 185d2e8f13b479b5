import { beforeAll, describe, expect, it } from 'vitest'
import { exportJWK, generateKeyPair } from 'jose'
import {
  importVerificationKey,
  inspectJwks,
  keyFitsAlgorithm,
  keysForKid,
  type PublicJwk,
} from '../../../lib/aws/oidc/jwks.js'
import { makeKey, type TestKey } from './fixture.js'

let rsa: TestKey
let ec: PublicJwk
beforeAll(async () => {
  rsa = await makeKey('rsa-1')
  const pair = await generateKeyPair('ES256', { extractable: true })
  ec = { ...(await exportJWK(pair.publicKey)), kid: 'ec-1' } as PublicJwk
})

describe('inspectJwks', () => {
  it('keeps usable RSA and EC signing keys, public members only', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    const leaked = { ...(await exportJWK(privateKey)), kid: 'leaked' }
    const result = inspectJwks({ keys: [rsa.publicJwk, ec, leaked] })
    expect(result.problem).toBeUndefined()
    expect(result.keys.map((k) => k.kid)).toEqual(['rsa-1', 'ec-1', 'leaked'])
    expect(Object.keys(result.keys[2]!).sort()).toEqual(['e', 'kid', 'kty', 'n'])
  })

  it('skips keys that cannot verify an STS token, saying why', () => {
    const result = inspectJwks({
      keys: [
        { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' },
        { kty: 'RSA', kid: 'enc', use: 'enc', n: 'AQAB', e: 'AQAB' },
        { kty: 'RSA', kid: 'no-n', e: 'AQAB' },
        { kty: 'EC', kid: 'k1', crv: 'secp256k1', x: 'AA', y: 'AA' },
        { kty: 'RSA', kid: 'ps', alg: 'PS256', n: 'AQAB', e: 'AQAB' },
        { kty: 'RSA', kid: 'ops', key_ops: ['encrypt'], n: 'AQAB', e: 'AQAB' },
        { kty: 'RSA', kid: 9, n: 'AQAB', e: 'AQAB' },
        'not a key',
        rsa.publicJwk,
      ],
    })
    expect(result.keys.map((k) => k.kid)).toEqual(['rsa-1'])
    expect(result.skipped).toEqual([
      'keys[0]: key "hmac" has kty the string "oct"; only RSA and EC keys verify STS tokens',
      'keys[1]: key "enc" has "use" the string "enc", not "sig"',
      'keys[2]: RSA key "no-n" lacks base64url "n" and "e"',
      'keys[3]: EC key "k1" uses curve the string "secp256k1", not P-256, P-384 or P-521',
      'keys[4]: key "ps" is for the string "PS256", not an algorithm STS accepts',
      'keys[5]: key "ops" has "key_ops" without "verify"',
      'keys[6]: its "kid" is not a string',
      'keys[7]: not a JSON object but the string "not a key"',
    ])
  })

  it.each([
    [null, 'The JWKS must be a JSON object, not null.'],
    [[1], 'The JWKS must be a JSON object, not an array.'],
    [{}, 'The JWKS must have a "keys" array, not undefined.'],
    [{ keys: {} }, 'The JWKS must have a "keys" array, not an object.'],
    [{ keys: [] }, 'The JWKS has no usable RSA or EC signing key.'],
  ])('names what is wrong with %j', (document, problem) => {
    expect(inspectJwks(document).problem).toBe(problem)
  })

  it('lists the skipped keys when none is usable', () => {
    expect(inspectJwks({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }).problem).toBe(
      'The JWKS has no usable RSA or EC signing key (keys[0]: key has kty the string "oct"; only RSA and EC keys verify STS tokens).',
    )
  })
})

describe('key selection', () => {
  it('selects by kid; a header without kid may use the only key', () => {
    const keys = inspectJwks({ keys: [rsa.publicJwk, ec] }).keys
    expect(keysForKid(keys, 'ec-1').map((k) => k.kid)).toEqual(['ec-1'])
    expect(keysForKid(keys, 'gone')).toEqual([])
    expect(keysForKid(keys, undefined)).toEqual([])
    expect(keysForKid(keys.slice(0, 1), undefined)).toHaveLength(1)
  })

  it('matches algorithm to key type and curve', () => {
    const r = inspectJwks({ keys: [rsa.publicJwk] }).keys[0]!
    expect(keyFitsAlgorithm(r, 'RS256')).toBe(true)
    expect(keyFitsAlgorithm(r, 'RS512')).toBe(false) // the key says alg RS256
    expect(keyFitsAlgorithm({ ...r, alg: undefined }, 'RS512')).toBe(true)
    expect(keyFitsAlgorithm(r, 'ES256')).toBe(false)
    expect(keyFitsAlgorithm(ec, 'ES256')).toBe(true)
    expect(keyFitsAlgorithm(ec, 'ES384')).toBe(false)
  })

  it('imports public keys and refuses RSA keys under 2048 bits', async () => {
    const key = await importVerificationKey(
      inspectJwks({ keys: [rsa.publicJwk] }).keys[0]!,
      'RS256',
    )
    expect(key.type).toBe('public')
    expect(key.usages).toEqual(['verify'])
    const small = (await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair
    const jwk = (await exportJWK(small.publicKey)) as PublicJwk
    await expect(importVerificationKey(jwk, 'RS256')).rejects.toThrow(
      'The RSA key is 1024 bits; RS256 needs at least 2048.',
    )
  })
})
