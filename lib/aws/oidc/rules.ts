/**
 * The last questions STS asks of a token: may this algorithm and key sign it at all, and is it
 * inside its validity window (`exp` with 5 minutes of skew, `nbf`, `iat`)?
 */
import { StsError } from '../../errors.js'
import type { Check } from '../../handshake/trace.js'
import type { PublicJwk } from './jwks.js'
import { SOURCES, STS_ALGORITHMS, STS_MESSAGES } from './sources.js'

/**
 * Why a token's `alg` cannot be verified with its key, or `undefined` when it can be tried: `none`
 * (unsigned) and HMAC algorithms are never accepted (RFC 8725 §2.1, §3.1); only the algorithms STS
 * lists are; and the key must be of the algorithm's type.
 *
 * @example
 * signatureProblem('none', false) // 'The header says alg "none": an unsigned token…'
 */
export function signatureProblem(
  alg: string,
  allowed: boolean,
  mismatchedKey?: PublicJwk,
): string | undefined {
  if (alg === 'none') {
    return 'The header says alg "none": an unsigned token, which anyone can write. STS never accepts one.'
  }
  if (/^HS\d+$/.test(alg)) {
    return `The header says alg ${alg}, an HMAC (shared-secret) algorithm. The issuer's key is public, so an HMAC "signed" with it proves nothing; STS never accepts one.`
  }
  if (!allowed)
    return `The header says alg ${JSON.stringify(alg)}; STS accepts only ${STS_ALGORITHMS.join(', ')}.`
  if (mismatchedKey) {
    const kind = mismatchedKey.kty === 'EC' ? `an EC ${mismatchedKey.crv} key` : 'an RSA key'
    const forAlg = mismatchedKey.alg ? ` published for ${mismatchedKey.alg}` : ''
    return `The header says alg ${alg}, but key ${mismatchedKey.kid ?? '(no kid)'} is ${kind}${forAlg}, which cannot verify ${alg}.`
  }
  return undefined
}

/** A time check, with the STS error it raises when it fails. */
export type TimeCheck = Check & { error?: StsError }

/**
 * The validity-window checks, in order: `exp` (STS accepts a token up to `skew` seconds after it,
 * failing with `ExpiredTokenException`), then `nbf` and `iat` not later than now + `skew` (sim
 * choice: STS documents no rule for them; trustwalk uses the same 300 s). Expired means
 * `now >= exp + skew`, exactly jose's `exp <= now - clockTolerance`.
 *
 * @example
 * timeChecks({ exp: 1791484575, iat: 1791484275 }, new Date(1791484875000), 300)[0].ok // false
 */
export function timeChecks(
  claims: Record<string, unknown>,
  currentDate: Date,
  skew: number,
): TimeCheck[] {
  const now = Math.floor(currentDate.getTime() / 1000)
  const exp = claims.exp as number
  const iat = claims.iat as number
  const nbf = claims.nbf as number | undefined
  const expOk = now < exp + skew
  const checks: TimeCheck[] = [
    {
      id: 'verify.exp',
      ok: expOk,
      summary: `The token ${exp > now ? 'expires' : 'expired'} at ${iso(exp)} (exp ${exp}); STS allows ${skew} s of clock skew, so it ${expOk ? 'is' : 'was'} accepted until ${iso(exp + skew)}, and it is now ${iso(now)}.`,
      expected: `now < ${exp + skew}`,
      actual: now,
      source: SOURCES.iamOidc,
      ...(expOk
        ? {}
        : { error: new StsError('ExpiredTokenException', STS_MESSAGES.expired(now, exp)) }),
    },
  ]
  if (!expOk) return checks
  const simNote = `STS documents its ${skew} s of skew only for exp; trustwalk applies it here too.`
  const nbfOk = nbf === undefined || nbf <= now + skew
  checks.push({
    id: 'verify.nbf',
    ok: nbfOk,
    summary:
      nbf === undefined
        ? 'The token has no nbf (not before) claim, so it is valid from when it was issued.'
        : `The token is valid from ${iso(nbf)} (nbf ${nbf}); it is now ${iso(now)}. ${simNote}`,
    expected: `nbf <= ${now + skew}`,
    actual: nbf,
    source: SOURCES.jwtClaims,
  })
  if (!nbfOk) return checks
  checks.push({
    id: 'verify.iat',
    ok: iat <= now + skew,
    summary: `The token was issued at ${iso(iat)} (iat ${iat}), which must not be in the future; it is now ${iso(now)}. ${simNote}`,
    expected: `iat <= ${now + skew}`,
    actual: iat,
    source: SOURCES.jwtClaims,
  })
  return checks
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime())
    ? `${seconds} s after 1970`
    : date.toISOString().replace('.000Z', 'Z')
}
