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

/**
 * The issuer kind whose tokens carry this `iss`, judged from the issuer URL's shape (gitlab.com,
 * per-organisation CircleCI, app.terraform.io, agent.buildkite.com, per-workspace Bitbucket,
 * GitHub's hosts); `undefined` for self-hosted instances, which cannot be told apart by URL.
 *
 * @example
 * issuerKindForUrl('https://oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b') // 'circleci'
 */
export function issuerKindForUrl(iss: string): IssuerKind | undefined {
  const m = /^https:\/\/([^/]+)(\/.*)?$/.exec(iss)
  if (!m) return undefined
  const host = m[1]!.toLowerCase()
  const path = m[2] ?? ''
  if (
    host === 'token.actions.githubusercontent.com' ||
    /^token\.actions\.[^.]+\.ghe\.com$/.test(host)
  )
    return 'github'
  if (host === 'gitlab.com') return 'gitlab'
  if (host === 'oidc.circleci.com') return 'circleci'
  if (host === 'app.terraform.io' || host === 'app.eu.terraform.io') return 'terraform'
  if (host === 'agent.buildkite.com') return 'buildkite'
  if (
    host === 'api.bitbucket.org' &&
    /^\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(path)
  )
    return 'bitbucket'
  return undefined
}

/** The error for a kind that is not one of ISSUER_KINDS. */
export function unknownIssuerError(kind: string, path: string): InvalidInputError {
  return new InvalidInputError(
    `${path}: unknown issuer ${JSON.stringify(kind)} (expected one of ${ISSUER_KINDS.join(', ')})`,
    path,
  )
}
