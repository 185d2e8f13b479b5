/**
 * Property tests (fast-check): random and mutated tokens never make the verifier throw or answer
 * anything but a typed STS error, and no token with an altered signature is ever accepted.
 */
import fc from 'fast-check'
import { compactVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createVerificationCache } from '../../../lib/aws/oidc/cache.js'
import { decodeJwt } from '../../../lib/aws/oidc/jwt.js'
import { verifyWebIdentityToken } from '../../../lib/aws/oidc/verify.js'
import { MalformedTokenError, StsError } from '../../../lib/core/errors.js'
import {
  b64url,
  claims,
  clock,
  issuerNetwork,
  makeKey,
  provider,
  sign,
  type TestKey,
} from './fixture.js'

const STS_CODES = ['ValidationError', 'InvalidIdentityToken', 'ExpiredTokenException']
const PREFIXES = /^(issue|discovery|verify)\.[a-z-]+$/
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

let key: TestKey
let good: string
let verify: (token: string) => ReturnType<typeof verifyWebIdentityToken>
beforeAll(async () => {
  key = await makeKey('k1')
  good = await sign(key)
  const { fetch } = issuerNetwork([key])
  const configurationCache = createVerificationCache()
  verify = (token) =>
    verifyWebIdentityToken(token, { providers: [provider], fetch, clock, configurationCache })
})

/** The verifier's answer is always well-formed: typed error, checks with known ids. */
async function wellFormed(token: string) {
  const result = await verify(token)
  expect(typeof result.ok).toBe('boolean')
  for (const check of result.checks) expect(check.id).toMatch(PREFIXES)
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(StsError)
    expect(STS_CODES).toContain(result.error!.code)
    expect(result.error!.status).toBe(400)
    expect(result.checks.at(-1)?.ok).toBe(false)
  }
  return result
}

const segment = (index: 0 | 1 | 2) => good.split('.')[index]!

/** Mutations of a valid token: edits anywhere, in one segment, truncation, re-encoded payloads. */
const mutated = () =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(...B64URL, '.', '=', ' ', '+', '/', 'é')).map(([i, c]) => {
      const at = i % good.length
      return good.slice(0, at) + c + good.slice(at + 1)
    }),
    fc
      .tuple(fc.constantFrom(0, 1, 2), fc.nat(), fc.integer({ min: 1, max: 63 }))
      .map(([s, i, x]) => {
        const parts = good.split('.')
        const part = parts[s]!
        const at = i % part.length
        parts[s] =
          part.slice(0, at) + B64URL[(B64URL.indexOf(part[at]!) ^ x) % 64] + part.slice(at + 1)
        return parts.join('.')
      }),
    fc.nat().map((n) => good.slice(0, n % good.length)),
    fc.nat().map((n) => good.slice(n % good.length)),
    fc
      .record({
        key: fc.constantFrom('iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'extra'),
        value: fc.jsonValue(),
      })
      .map(({ key: name, value }) => {
        const payload = b64url(JSON.stringify(claims({ [name]: value ?? null })))
        return `${segment(0)}.${payload}.${segment(2)}`
      }),
    fc.jsonValue().map((header) => `${b64url(JSON.stringify(header))}.${segment(1)}.${segment(2)}`),
  )

describe('verifyWebIdentityToken under random input', () => {
  it('the unmutated token verifies (the properties below test something)', async () => {
    expect((await verify(good)).ok).toBe(true)
  })

  it('random strings: never a throw, always a typed STS error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          // Any UTF-16 code units, lone surrogates included (fc's 'binary' unit is slow to generate).
          fc
            .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
            .map((codes) => String.fromCharCode(...codes)),
          fc
            .array(fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 60 }), { maxLength: 6 })
            .map((p) => p.join('.')),
        ),
        async (token) => {
          const result = await wellFormed(token)
          expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('mutated tokens: never a throw, only the original is accepted, signatures judged as jose does', async () => {
    let reachedSignature = 0
    await fc.assert(
      fc.asyncProperty(mutated(), async (token) => {
        const result = await wellFormed(token)
        if (result.ok) expect(token).toBe(good)
        const signature = result.checks.find((c) => c.id === 'verify.signature')
        if (signature) {
          reachedSignature++
          const jose = await compactVerify(token, key.publicKey, { algorithms: ['RS256'] }).then(
            () => true,
            () => false,
          )
          expect(signature.ok).toBe(jose)
        }
      }),
      { numRuns: 2000 },
    )
    expect(reachedSignature).toBeGreaterThan(100) // the differential check really ran
  })

  it('a token whose signature bytes were altered is never accepted', async () => {
    const signature = decodeJwt(good).signature
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: signature.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, xor) => {
          const altered = new Uint8Array(signature)
          altered[index]! ^= xor
          const token = `${segment(0)}.${segment(1)}.${b64url(altered)}`
          const result = await wellFormed(token)
          expect(result.ok).toBe(false)
          expect(result.checks.at(-1)?.id).toBe('verify.signature')
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('decodeJwt under random input', () => {
  it('returns or throws MalformedTokenError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), mutated()), (token) => {
        try {
          const decoded = decodeJwt(token)
          expect(typeof decoded.header.alg).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedTokenError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
