import { describe, expect, it } from 'vitest'
import { signatureProblem, timeChecks } from '../../../lib/aws/oidc/rules.js'

const exp = 1791484575
const at = (seconds: number) => new Date(seconds * 1000)
const window = { exp, iat: exp - 300, nbf: exp - 600 }

describe('timeChecks', () => {
  it('accepts a token up to 299 s after exp and refuses it from 300 s on (jose: exp <= now - 300)', () => {
    expect(timeChecks(window, at(exp + 299), 300).every((c) => c.ok)).toBe(true)
    for (const late of [300, 301]) {
      const [check, ...rest] = timeChecks(window, at(exp + late), 300)
      expect(rest).toEqual([]) // nothing after a failure
      expect(check).toMatchObject({ id: 'verify.exp', ok: false })
      expect(check!.error?.toJSON()).toEqual({
        code: 'ExpiredTokenException',
        message: `Token expired: current date/time ${exp + late} must be before the expiration date/time ${exp}`,
        status: 400,
        type: 'Sender',
      })
    }
  })

  it('words the exp check for a learner', () => {
    expect(timeChecks(window, at(exp + 301), 300)[0]!.summary).toBe(
      'The token expired at 2026-10-08T18:36:15Z (exp 1791484575); STS allows 300 s of clock skew, so it was accepted until 2026-10-08T18:41:15Z, and it is now 2026-10-08T18:41:16Z.',
    )
  })

  it('nbf and iat may be at most skew seconds in the future', () => {
    const now = exp - 400
    const ids = (c: ReturnType<typeof timeChecks>) => c.map((x) => `${x.id}:${x.ok}`)
    expect(ids(timeChecks({ ...window, nbf: now + 300 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:true',
      'verify.iat:true',
    ])
    expect(ids(timeChecks({ ...window, nbf: now + 301 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:false',
    ])
    expect(ids(timeChecks({ exp, iat: now + 301 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:true',
      'verify.iat:false',
    ])
  })
})

describe('signatureProblem', () => {
  it('refuses none, HMAC and unlisted algorithms, and mismatched keys', () => {
    expect(signatureProblem('none', false)).toMatch(/unsigned token/)
    expect(signatureProblem('HS512', false)).toMatch(/HS512, an HMAC/)
    expect(signatureProblem('EdDSA', false)).toBe(
      'The header says alg "EdDSA"; STS accepts only RS256, RS384, RS512, ES256, ES384, ES512.',
    )
    expect(signatureProblem('ES256', true, { kty: 'RSA', kid: 'r', alg: 'RS256' })).toBe(
      'The header says alg ES256, but key r is an RSA key published for RS256, which cannot verify ES256.',
    )
    expect(signatureProblem('RS256', true)).toBeUndefined()
  })
})
