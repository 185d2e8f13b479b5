/**
 * One issuer profile, loaded on demand: each profile is its own dynamic import, so a bundler
 * splits it into a chunk fetched only when a scenario of that issuer is walked (a page that walks
 * only GitHub scenarios never ships GitLab's, CircleCI's, … profiles).
 */
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { unknownIssuerError } from './kinds.js'

/**
 * The profile of an issuer kind; rejects with `InvalidInputError` naming the kinds for anything
 * else (the same error as `getIssuerProfile`).
 *
 * @example
 * (await loadIssuerProfile('gitlab')).name // 'GitLab'
 */
export async function loadIssuerProfile(
  kind: string,
  path = 'issuerKind',
): Promise<IssuerProfile<any>> {
  switch (kind) {
    case 'github':
      return (await import('../github/profile.js')).githubProfile
    case 'gitlab':
      return (await import('../gitlab/profile.js')).gitlabProfile
    case 'circleci':
      return (await import('../circleci/profile.js')).circleciProfile
    case 'terraform':
      return (await import('../terraform/profile.js')).terraformProfile
    case 'buildkite':
      return (await import('../buildkite/profile.js')).buildkiteProfile
    case 'bitbucket':
      return (await import('../bitbucket/profile.js')).bitbucketProfile
    default:
      throw unknownIssuerError(kind, path)
  }
}
