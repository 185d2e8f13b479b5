/**
 * Which token claims AWS turns into trust-policy condition keys for an OIDC
 * AssumeRoleWithWebIdentity, and which it never does (FACTS.md §5 "Keys").
 * Generic keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * GitHub keys (since 2026-02-02): https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/
 * and https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 */

/** The generic OIDC keys, `PROVIDER:<claim>`, filled from the claim of the same name when present. */
export const OIDC_CONDITION_CLAIMS: readonly string[] = ['aud', 'sub', 'amr', 'email']

/**
 * The GitHub claims AWS maps to `PROVIDER:<claim>` keys for GitHub issuers (String, trust policies
 * and RCPs only, not in the session). A blog lists nine (no `repository_owner_id`); Sim choice: ten.
 */
export const GITHUB_CONDITION_CLAIMS: readonly string[] = [
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
]

/**
 * GitHub claims a condition sees as missing — AWS never fills a key for them. The first eleven
 * were observed (FACTS.md §5 "Never populated"); the rest are simply not in AWS's list.
 */
export const UNMAPPED_GITHUB_CLAIMS: readonly string[] = [
  'repository_owner',
  'event_name',
  'sha',
  'ref_type',
  'run_id',
  'workflow_ref',
  'runner_environment',
  'repository_visibility',
  'head_ref',
  'base_ref',
  'iss',
  'ref_protected',
  'workflow_sha',
  'job_workflow_sha',
  'run_number',
  'run_attempt',
  'environment_node_id',
  'enterprise',
  'check_run_id',
  'jti',
  'exp',
  'iat',
  'nbf',
]

const GITHUB_COM_HOST = 'token.actions.githubusercontent.com'
const GHE_COM_HOST = /^token\.actions\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.ghe\.com$/

/**
 * Whether AWS treats `issuer` as GitHub Actions and fills the GitHub-specific keys: github.com
 * (`https://token.actions.githubusercontent.com`), its enterprise-slug form (`…/<slug>`), and
 * GHE.com (`https://token.actions.<subdomain>.ghe.com`). Sim choice: GitHub Enterprise Server
 * issuers (`https://HOST/_services/token`) are not recognised — AWS cannot tell a self-hosted
 * hostname is GitHub — so they get only the generic keys; nor is GHE.com's enterprise issuer
 * (`…ghe.com/<subdomain>`, unconfirmed: FACTS-ISSUERS.md §6), nor the SAR's
 * `github.com/enterprises/<name>:` prefix, whose issuer is unconfirmed.
 *
 * @example
 * isGitHubIssuer('https://token.actions.githubusercontent.com/octo-enterprise') // true
 * isGitHubIssuer('https://github.example.com/_services/token') // false
 */
export function isGitHubIssuer(issuer: string): boolean {
  const m = /^https:\/\/([^/]+)(\/[^/]+)?\/?$/.exec(issuer)
  if (!m) return false
  const host = m[1]!.toLowerCase()
  if (host === GITHUB_COM_HOST) return true
  return GHE_COM_HOST.test(host) && m[2] === undefined
}

/**
 * Whether `claim` is one GitHub emits that AWS never turns into a condition key.
 *
 * @example
 * isUnmappedGitHubClaim('repository_owner') // true
 * isUnmappedGitHubClaim('repository_owner_id') // false
 */
export function isUnmappedGitHubClaim(claim: string): boolean {
  const c = claim.toLowerCase()
  return UNMAPPED_GITHUB_CLAIMS.includes(c) || c.startsWith('repo_property_')
}
