import { describe, expect, it } from 'vitest'
import { timeChecks } from '../../../lib/aws/oidc/validity.js'

const exp = 1791484575
const at = (seconds: number) => new Date(seconds * 1000)
const window = { exp, iat: exp - 300, nbf: exp - 600 }

describe('timeChecks', () => {
  it('accepts a token up to 299 s after exp and refuses it from 300 s on (jose: exp <= now - 300)', () => {
    const fine = timeChecks(window, at(exp + 299), 300)
    expect(fine.error).toBeUndefined()
    expect(fine.checks.map((c) => c.ok)).toEqual([true, true, true])
    for (const late of [300, 301]) {
      const { checks, error } = timeChecks(window, at(exp + late), 300)
      expect(checks).toHaveLength(1) // nothing after a failure
      expect(checks[0]).toMatchObject({ id: 'verify.exp', ok: false })
      expect(error?.toJSON()).toEqual({
        code: 'ExpiredTokenException',
        message: `Token expired: current date/time ${exp + late} must be before the expiration date/time ${exp}`,
        status: 400,
        type: 'Sender',
      })
    }
  })

  it('words the exp check for a learner', () => {
    expect(timeChecks(window, at(exp + 301), 300).checks[0]!.summary).toBe(
      'The token expired at 2026-10-08T18:36:15Z (exp 1791484575); STS allows 300 s of clock skew, so it was accepted until 2026-10-08T18:41:15Z, and it is now 2026-10-08T18:41:16Z.',
    )
  })

  it('nbf and iat may be at most skew seconds in the future', () => {
    const now = exp - 400
    const ids = (r: ReturnType<typeof timeChecks>) => [
      ...r.checks.map((x) => `${x.id}:${x.ok}`),
      r.error?.code ?? 'no error',
    ]
    expect(ids(timeChecks({ ...window, nbf: now + 300 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:true',
      'verify.iat:true',
      'no error',
    ])
    expect(ids(timeChecks({ ...window, nbf: now + 301 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:false',
      'InvalidIdentityToken',
    ])
    expect(ids(timeChecks({ exp, iat: now + 301 }, at(now), 300))).toEqual([
      'verify.exp:true',
      'verify.nbf:true',
      'verify.iat:false',
      'InvalidIdentityToken',
    ])
  })
})
