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
import { ISSUER_KINDS, isIssuerKind, issuerKindForUrl, unknownIssuerError } from './kinds.js'

export { ISSUER_KINDS, isIssuerKind, issuerKindForUrl }

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
