/**
 * The issuer kinds, without their profiles: what scenario validation needs, so that code which
 * only checks a kind (or walks GitHub) does not load every issuer profile (the site's pages ship
 * only what they use; lib/issuers/load.ts loads one profile on demand).
 */
import { InvalidInputError } from '../core/errors.js'
import type { IssuerKind } from '../oidc-issuer/profile.js'

/** The kinds, in registry order (a test checks it against ISSUERS). */
export const ISSUER_KINDS: readonly IssuerKind[] = Object.freeze([
  'github',
  'gitlab',
  'circleci',
  'terraform',
  'buildkite',
  'bitbucket',
] as const)

/**
 * Whether a string names an issuer kind.
 *
 * @example
 * isIssuerKind('gitlab') // true
 */
export function isIssuerKind(value: unknown): value is IssuerKind {
  return typeof value === 'string' && (ISSUER_KINDS as readonly string[]).includes(value)
}

/** The error for a kind that is not one of ISSUER_KINDS. */
export function unknownIssuerError(kind: string, path: string): InvalidInputError {
  return new InvalidInputError(
    `${path}: unknown issuer ${JSON.stringify(kind)} (expected one of ${ISSUER_KINDS.join(', ')})`,
    path,
  )
}
