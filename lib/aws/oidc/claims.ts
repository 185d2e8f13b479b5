/**
 * The registered claims an OIDC ID token must carry, and their JSON types. STS parses these before
 * it can look anything up (the provider by `iss`, the client ID by `aud`).
 */
import { describe } from './describe.js'

/** The claims OpenID Connect requires in every ID token (OIDC Core §2). */
export const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat'] as const

const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const

/**
 * The first required claim the token lacks (in `REQUIRED_CLAIMS` order), or `undefined`. STS
 * answers such a token `InvalidIdentityToken` "Missing a required claim: aud" (real answers for
 * `aud` and `sub`: https://github.com/aws/aws-sdk-ruby/issues/2698,
 * https://github.com/aws-actions/configure-aws-credentials/issues/502). Sim choice: the same text
 * for `iss`, `exp` and `iat`, whose answers are unrecorded.
 *
 * @example
 * missingRequiredClaim({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main' })
 * // 'aud'
 */
export function missingRequiredClaim(
  claims: Record<string, unknown>,
): (typeof REQUIRED_CLAIMS)[number] | undefined {
  return REQUIRED_CLAIMS.find((name) => claims[name] === undefined)
}

/**
 * Why the token's registered claims cannot be used, in one sentence, or `undefined` when they can.
 * Rules: `iss`, `sub` non-empty strings; `aud` a string or an array of strings; `exp`, `iat` and
 * (optional) `nbf` whole numbers of seconds, never strings (RFC 7519 §2 NumericDate; IAM accepts
 * integer timestamps, FACTS.md §3); `jti`, when present, a string.
 *
 * @example
 * registeredClaimsProblem({ iss: 'https://token.actions.githubusercontent.com', exp: '1791484575' })
 * // 'The token has no "sub" claim; …'
 */
export function registeredClaimsProblem(claims: Record<string, unknown>): string | undefined {
  const missing = missingRequiredClaim(claims)
  if (missing !== undefined) {
    return `The token has no "${missing}" claim; an OpenID Connect ID token always carries ${REQUIRED_CLAIMS.join(', ')}.`
  }
  for (const name of ['iss', 'sub'] as const) {
    const value = claims[name]
    if (typeof value !== 'string' || value.length === 0) {
      return `The "${name}" claim must be a non-empty string, not ${describe(value)}.`
    }
  }
  const aud = claims.aud
  if (Array.isArray(aud) ? !aud.every((a) => typeof a === 'string') : typeof aud !== 'string') {
    return `The "aud" claim must be a string or an array of strings, not ${describe(aud)}.`
  }
  for (const name of TIME_CLAIMS) {
    const value = claims[name]
    if (value === undefined) continue
    if (typeof value === 'string') {
      return `The "${name}" claim is ${describe(value)}; token times are JSON numbers of seconds since 1970, not strings.`
    }
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      return `The "${name}" claim must be a whole number of seconds since 1970, not ${describe(value)}.`
    }
  }
  if (claims.jti !== undefined && typeof claims.jti !== 'string') {
    return `The "jti" claim must be a string, not ${describe(claims.jti)}.`
  }
  return undefined
}

/**
 * The audiences a token names: `aud` as a list (a string becomes a one-element list).
 *
 * @example
 * audiences({ aud: 'sts.amazonaws.com' }) // ['sts.amazonaws.com']
 */
export function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud
  if (typeof aud === 'string') return [aud]
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : []
}
