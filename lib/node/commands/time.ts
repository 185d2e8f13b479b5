/**
 * Times as a person reads them: an ISO date plus "in 4 min" / "2 h ago".
 */

/**
 * A duration in the largest unit that keeps it readable: `45 s`, `4 min`, `2 h`, `3 d`.
 *
 * @example
 * humanDuration(250) // '4 min'
 * humanDuration(7300) // '2 h'
 */
export function humanDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds))
  if (s < 90) return `${s} s`
  if (s < 90 * 60) return `${Math.round(s / 60)} min`
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`
  return `${Math.round(s / 86400)} d`
}

/**
 * "in 4 min" or "2 h ago", relative to `now` (both in seconds since the epoch).
 *
 * @example
 * relativeTime(1000 + 240, 1000) // 'in 4 min'
 */
export function relativeTime(at: number, now: number): string {
  const delta = at - now
  return delta >= 0 ? `in ${humanDuration(delta)}` : `${humanDuration(delta)} ago`
}

/**
 * ISO-8601 UTC without milliseconds, as AWS writes `Expiration`: `2026-10-08T19:31:15Z`. A number
 * beyond the dates JavaScript can hold (±8.64e12 s, ECMA-262 §21.4.1.22) reads `(not a date)`.
 *
 * @example
 * isoSeconds(1791484275) // '2026-10-08T18:31:15Z'
 * isoSeconds(1e21) // '(not a date)'
 */
export function isoSeconds(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000)
  if (Number.isNaN(date.getTime())) return '(not a date)'
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** What a JWT time claim means at `now`, in words: "expires in 4 min", "issued 1 min ago". */
export function describeTimeClaim(claim: string, at: number, now: number): string {
  const rel = relativeTime(at, now)
  switch (claim) {
    case 'exp':
      return at > now ? `expires ${rel}` : `expired ${rel}`
    case 'iat':
      return at > now ? `issued ${rel} (in the future!)` : `issued ${rel}`
    case 'nbf':
      return at > now ? `not valid until ${rel}` : `valid since ${rel}`
    default:
      return rel
  }
}

/** The claims whose values are NumericDate (RFC 7519 §2). */
export const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time'])
