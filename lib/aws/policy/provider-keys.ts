/**
 * Which provider-specific claims AWS turns into `PROVIDER:<claim>` condition keys, per provider
 * host — AWS's own knowledge of the issuers (this file imports no issuer). Every provider also
 * gets the generic keys (`aud`, `sub`, `amr`, `email`; `oaud` for Google), see context.ts.
 *
 * Source: the Service Authorization Reference for STS,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 * and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * (FACTS-ISSUERS.md §0.1). Providers AWS lists no keys for — HCP Terraform and Terraform Enterprise,
 * Bitbucket, GitHub Enterprise Server, self-managed GitLab, the CircleCI root issuer, Azure
 * DevOps — get only the generic keys.
 */
import { GITHUB_CONDITION_CLAIMS, isGitHubIssuer } from './github-keys.js'

/**
 * gitlab.com's keys. GitLab's own docs list eight (no `runner_environment`) and say
 * self-managed instances get only `sub`; AWS's list has nine. Unconfirmed; Sim choice: AWS's nine,
 * for `https://gitlab.com` only.
 */
export const GITLAB_CONDITION_CLAIMS: readonly string[] = [
  'namespace_id',
  'pipeline_source',
  'project_id',
  'ref_protected',
  'runner_environment',
  'user_access_level',
  'user_email',
  'user_id',
  'user_login',
]

/** CircleCI's one key, on per-organisation issuers only: `oidc.circleci.com/org/<ORG>:oidc.circleci.com/project-id`. */
export const CIRCLECI_CONDITION_CLAIMS: readonly string[] = ['oidc.circleci.com/project-id']

/**
 * Buildkite's keys. AWS also lists `agent.${Domain}.buildkite.dev`/`.site` prefixes, documented
 * nowhere else (Unconfirmed); Sim choice: only `agent.buildkite.com`. `organization_id`,
 * `pipeline_id` and `cluster_*` are filled only when the job asked for the claim (`--claim`).
 */
export const BUILDKITE_CONDITION_CLAIMS: readonly string[] = [
  'build_branch',
  'cluster_id',
  'cluster_name',
  'organization_id',
  'organization_slug',
  'pipeline_id',
  'pipeline_slug',
]

/** Oracle Cloud Infrastructure identity domains: the resource principal session token id. */
export const OCI_CONDITION_CLAIMS: readonly string[] = ['rpst_id']

const CIRCLECI_ORG = /^oidc\.circleci\.com\/org\/[^/]+$/
const OCI = /^idcs-[a-z0-9]+\.identity\.oraclecloud\.com$/

/** A provider AWS knows by name, and the claims it maps for it. */
export interface KnownProvider {
  /** `github`, `gitlab.com`, `circleci`, `buildkite`, `oci`, `google`. */
  family: 'github' | 'gitlab.com' | 'circleci' | 'buildkite' | 'oci' | 'google'
  /** The claims AWS turns into `P:<claim>` keys besides the generic ones. */
  claims: readonly string[]
}

/**
 * The provider family AWS recognises for an issuer URL and the claims it maps; `undefined` for
 * providers that only get the generic keys. Google (`accounts.google.com`) also has
 * `google/organization_number` (Numeric), but which claim feeds it is unconfirmed
 * (FACTS-ISSUERS.md §8): Sim choice, never filled.
 *
 * @example
 * knownProvider('https://gitlab.com')?.claims.includes('project_id') // true
 * knownProvider('https://gitlab.example.com') // undefined — self-managed: generic keys only
 * knownProvider('https://oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b')?.family // 'circleci'
 */
export function knownProvider(providerUrl: string): KnownProvider | undefined {
  if (isGitHubIssuer(providerUrl)) return { family: 'github', claims: GITHUB_CONDITION_CLAIMS }
  const m = /^https:\/\/(.+?)\/?$/.exec(providerUrl)
  if (!m) return undefined
  const p = m[1]!
  const host = p.split('/')[0]!.toLowerCase()
  const path = p.slice(host.length)
  if (host === 'gitlab.com' && path === '')
    return { family: 'gitlab.com', claims: GITLAB_CONDITION_CLAIMS }
  if (CIRCLECI_ORG.test(`${host}${path}`))
    return { family: 'circleci', claims: CIRCLECI_CONDITION_CLAIMS }
  if (host === 'agent.buildkite.com' && path === '')
    return { family: 'buildkite', claims: BUILDKITE_CONDITION_CLAIMS }
  if (OCI.test(host) && path === '') return { family: 'oci', claims: OCI_CONDITION_CLAIMS }
  if (host === 'accounts.google.com' && path === '') return { family: 'google', claims: [] }
  return undefined
}

/**
 * The provider-specific claims AWS maps for an issuer URL (empty for generic-only providers).
 *
 * @example
 * providerConditionClaims('https://agent.buildkite.com') // ['build_branch', 'cluster_id', …]
 * providerConditionClaims('https://app.terraform.io') // []
 */
export function providerConditionClaims(providerUrl: string): readonly string[] {
  return knownProvider(providerUrl)?.claims ?? []
}
