/**
 * The issuer registry: every CI system trustwalk models, behind one interface (`IssuerProfile`),
 * so surfaces can offer "any issuer" without naming each (DESIGN.md "Public API").
 */
import { bitbucketProfile } from '../bitbucket/profile.js'
import { buildkiteProfile } from '../buildkite/profile.js'
import { circleciProfile } from '../circleci/profile.js'
import { githubProfile } from '../github/profile.js'
import { gitlabProfile } from '../gitlab/profile.js'
import type { IssuerKind, IssuerProfile } from '../oidc-issuer/profile.js'
import { terraformProfile } from '../terraform/profile.js'
import { ISSUER_KINDS, isIssuerKind, unknownIssuerError } from './kinds.js'

export { ISSUER_KINDS, isIssuerKind }

/** Every issuer, GitHub first. */
export const ISSUERS: readonly IssuerProfile<any>[] = Object.freeze([
  githubProfile,
  gitlabProfile,
  circleciProfile,
  terraformProfile,
  buildkiteProfile,
  bitbucketProfile,
])

/**
 * The profile of an issuer kind; throws `InvalidInputError` naming the kinds for anything else.
 *
 * @example
 * getIssuerProfile('circleci').name // 'CircleCI'
 */
export function getIssuerProfile(kind: string, path = 'issuerKind'): IssuerProfile<any> {
  const profile = ISSUERS.find((p) => p.kind === kind)
  if (profile === undefined) {
    throw unknownIssuerError(kind, path)
  }
  return profile
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

/**
 * The explanation of a claim for whichever issuer signed the token (by its `iss`), falling back
 * to GitHub's docs when the issuer is not recognised.
 *
 * @example
 * explainClaimFor('https://gitlab.com', 'project_id') // 'The numeric id of the project …'
 */
export function explainClaimFor(iss: string, claim: string): string | undefined {
  return getIssuerProfile(issuerKindForUrl(iss) ?? 'github').explainClaim(claim)
}

export type { IssuerKind, IssuerProfile } from '../oidc-issuer/profile.js'
