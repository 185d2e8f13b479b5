/**
 * The last question STS asks of a token: is it inside its validity window (`exp` with 5 minutes of
 * skew, then `nbf` and `iat`)?
 */
import { StsError } from '../../core/errors.js'
import type { Check } from '../../core/trace.js'
import { makeCheck } from '../../core/check.js'
import { SOURCES, STS_MESSAGES } from './sources.js'

/**
 * The validity-window checks, in order, stopping at the first failure: `exp` (STS accepts a token
 * up to `skew` seconds after it, else `ExpiredTokenException`), then `nbf` and `iat` no later than
 * now + `skew` (sim choice: STS documents no rule for them; trustwalk uses the same 300 s, failing
 * with `InvalidIdentityToken`). Expired means `now >= exp + skew`, exactly jose's
 * `exp <= now - clockTolerance`. Not modelled: STS's max-age check (`ExpiredTokenException`
 * "Token too old: N"), whose claim and limit are unconfirmed (FACTS.md §4).
 *
 * @example
 * timeChecks({ exp: 1791484575, iat: 1791484275 }, new Date(1791484875000), 300).error?.code
 * // 'ExpiredTokenException'
 */
export function timeChecks(
  claims: Record<string, unknown>,
  currentDate: Date,
  skew: number,
): { checks: Check[]; error?: StsError } {
  const now = Math.floor(currentDate.getTime() / 1000)
  const exp = claims.exp as number
  const iat = claims.iat as number
  const nbf = claims.nbf as number | undefined
  const expOk = now < exp + skew
  const expCheck = makeCheck(
    'verify.exp',
    expOk,
    SOURCES.iamOidc,
    () =>
      `The token ${exp > now ? 'expires' : 'expired'} at ${iso(exp)} (exp ${exp}); STS allows ${skew} s of clock skew, so it ${expOk ? 'is' : 'was'} accepted until ${iso(exp + skew)}, and it is now ${iso(now)}.`,
    `now < ${exp + skew}`,
    now,
  )
  if (!expOk) {
    const error = new StsError('ExpiredTokenException', STS_MESSAGES.expired(now, exp))
    return { checks: [expCheck], error }
  }
  const simNote = `STS documents its ${skew} s of skew only for exp; trustwalk applies it here too.`
  const notYet = () => new StsError('InvalidIdentityToken', STS_MESSAGES.notValidated)
  const nbfOk = nbf === undefined || nbf <= now + skew
  const nbfCheck = makeCheck(
    'verify.nbf',
    nbfOk,
    SOURCES.jwtClaims,
    () =>
      nbf === undefined
        ? 'The token has no nbf (not before) claim, so it is valid from when it was issued.'
        : `The token is valid from ${iso(nbf)} (nbf ${nbf}); it is now ${iso(now)}. ${simNote}`,
    `nbf <= ${now + skew}`,
    nbf,
  )
  if (!nbfOk) return { checks: [expCheck, nbfCheck], error: notYet() }
  const iatOk = iat <= now + skew
  const iatCheck = makeCheck(
    'verify.iat',
    iatOk,
    SOURCES.jwtClaims,
    () =>
      `The token was issued at ${iso(iat)} (iat ${iat}), which must not be in the future; it is now ${iso(now)}. ${simNote}`,
    `iat <= ${now + skew}`,
    iat,
  )
  const checks = [expCheck, nbfCheck, iatCheck]
  return iatOk ? { checks } : { checks, error: notYet() }
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime())
    ? `${seconds} s after 1970`
    : date.toISOString().replace('.000Z', 'Z')
}
