import { beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt, extractToken } from '../../../lib/aws/oidc/jwt.js'
import { MalformedTokenError } from '../../../lib/core/errors.js'
import { b64url, claims, makeKey, rawToken, sign, type TestKey } from './fixture.js'

let key: TestKey
let token: string
beforeAll(async () => {
  key = await makeKey('k1')
  token = await sign(key)
})

function malformed(input: unknown): MalformedTokenError {
  try {
    decodeJwt(input as string)
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedTokenError)
    expect((error as MalformedTokenError).code).toBe('TW_MALFORMED_TOKEN')
    return error as MalformedTokenError
  }
  throw new Error(`decodeJwt accepted ${String(input).slice(0, 40)}`)
}

describe('decodeJwt', () => {
  it('takes a signed JWT apart without verifying it', () => {
    const decoded = decodeJwt(token)
    expect(decoded.header).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'k1' })
    expect(decoded.payload).toEqual(claims())
    const [h, p, s] = token.split('.')
    expect(decoded.signingInput).toBe(`${h}.${p}`)
    expect(decoded.parts).toEqual({ header: h, payload: p, signature: s })
    expect(Buffer.from(decoded.signature).toString('base64url')).toBe(s)
    expect(decoded.signature).toHaveLength(256) // RSA-2048
  })

  it('reads UTF-8 claims', () => {
    const t = rawToken({ alg: 'RS256' }, { workflow: 'Déploiement 🚀' }, 'AA')
    expect(decodeJwt(t).payload.workflow).toBe('Déploiement 🚀')
  })

  it('accepts an empty signature (an unsigned token is still readable)', () => {
    expect(decodeJwt(rawToken({ alg: 'none' }, { sub: 'x' })).signature).toHaveLength(0)
  })

  it.each([
    ['', /The token is empty\./],
    ['abc', /has 1\. It may be an opaque access token/],
    ['a.b', /3 base64url parts .* this token has 2\./],
    ['a.b.c.d', /this token has 4\./],
    ['a.b.c.d.e', /This is a JWE \(5 dot-separated parts\): an encrypted token/],
  ])('refuses %j with a clear sentence', (input, message) => {
    expect(malformed(input).message).toMatch(message)
  })

  it('refuses non-strings and oversize tokens (STS max 20000 characters)', () => {
    expect(malformed(42).message).toBe('The token must be a string, not the number 42.')
    expect(malformed(undefined).message).toBe('The token must be a string, not undefined.')
    const big = rawToken({ alg: 'RS256' }, { pad: 'x'.repeat(20480) }, 'AA')
    expect(malformed(big).message).toMatch(
      /^The token is \d+ characters long; STS accepts at most 20000\.$/,
    )
  })

  it('is strict about surrounding whitespace and Bearer prefixes', () => {
    expect(malformed(` ${token}\n`).message).toMatch(/starts or ends with whitespace/)
    expect(malformed(`Bearer ${token}`).message).toMatch(/header \(first part\) is not base64url/)
  })

  it('names the part with bad base64url, and the character', () => {
    const [h, p, s] = token.split('.') as [string, string, string]
    expect(malformed(`${h}=.${p}.${s}`).message).toBe(
      'The header (first part) is not base64url: "=" at position ' +
        h.length +
        ' is not allowed (only A-Z, a-z, 0-9, "-" and "_", without "=" padding).',
    )
    expect(malformed(`${h}.${p.slice(0, 10)}+${p.slice(11)}.${s}`).message).toMatch(
      /^The payload \(second part\) is not base64url: "\+" at position 10/,
    )
    expect(malformed(`${h}.${p}.${s.slice(0, 5)}/${s.slice(6)}`).message).toMatch(
      /^The signature \(third part\) is not base64url: "\/" at position 5/,
    )
    expect(malformed(`${h}.${p}.${s}AAA`).message).toMatch(
      /^The signature \(third part\) is not base64url: \d+ characters cannot encode whole bytes/,
    )
  })

  it('refuses non-canonical base64url, so an edited last character never decodes the same', () => {
    // 256 signature bytes → 342 characters; the last one carries 4 unused bits.
    const [h, p, s] = token.split('.') as [string, string, string]
    const last = s[s.length - 1]!
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!
    expect(Buffer.from(s.slice(0, -1) + sibling, 'base64url')).toEqual(Buffer.from(s, 'base64url'))
    expect(malformed(`${h}.${p}.${s.slice(0, -1)}${sibling}`).message).toMatch(
      /^The signature \(third part\) is not canonical base64url/,
    )
  })

  it.each([
    ['header', (x: string) => `${x}.${b64url('{}')}.AA`, 'header (first part)'],
    ['payload', (x: string) => `${b64url('{"alg":"RS256"}')}.${x}.AA`, 'payload (second part)'],
  ])('says when the %s is not a JSON object', (_name, build, part) => {
    expect(malformed(build(b64url('not json'))).message).toBe(
      `The ${part} decodes to text that is not JSON.`,
    )
    expect(malformed(build(b64url('[1,2]'))).message).toBe(
      `The ${part} must be a JSON object, not an array.`,
    )
    expect(malformed(build(b64url('"text"'))).message).toBe(
      `The ${part} must be a JSON object, not the string "text".`,
    )
    expect(malformed(build(b64url('null'))).message).toBe(
      `The ${part} must be a JSON object, not null.`,
    )
    expect(malformed(build('')).message).toBe(`The ${part} is empty.`)
    expect(malformed(build(b64url(new Uint8Array([0x7b, 0xff, 0x7d])))).message).toBe(
      `The ${part} decodes to bytes that are not UTF-8 text.`,
    )
  })

  it('needs a string alg and, when present, a string kid', () => {
    expect(malformed(rawToken({ typ: 'JWT' }, {}, 'AA')).message).toMatch(/header has no "alg"/)
    expect(malformed(rawToken({ alg: 256 }, {}, 'AA')).message).toBe(
      'The header\'s "alg" must be a string, not the number 256.',
    )
    expect(malformed(rawToken({ alg: 'RS256', kid: 7 }, {}, 'AA')).message).toBe(
      'The header\'s "kid" must be a string, not the number 7.',
    )
    expect(malformed(rawToken({ alg: 'RS256', kid: ['a'] }, {}, 'AA')).message).toBe(
      'The header\'s "kid" must be a string, not an array.',
    )
  })
})

describe('extractToken', () => {
  it('finds the token in pasted text', () => {
    expect(extractToken(token)).toBe(token)
    expect(extractToken(`  Bearer ${token}\n`)).toBe(token)
    expect(extractToken(`bearer\t${token}`)).toBe(token)
    expect(extractToken(JSON.stringify({ count: 1, value: token }))).toBe(token)
    expect(extractToken(JSON.stringify({ id_token: token }))).toBe(token)
    expect(extractToken(JSON.stringify(token))).toBe(token)
    expect(extractToken(`${token.slice(0, 70)}\n${token.slice(70)}`)).toBe(token)
  })

  it('leaves other text for decodeJwt to judge', () => {
    expect(extractToken('{not json')).toBe('{notjson')
    expect(extractToken('{"other":1}')).toBe('{"other":1}')
    expect(() => decodeJwt(extractToken('{"other":1}'))).toThrow(MalformedTokenError)
  })
})
