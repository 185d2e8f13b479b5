/**
 * One-line explanations of every claim in a GitHub Actions OIDC token, for learners (the site's
 * token inspector and `trustwalk decode`).
 *
 * Sources: GitHub's OIDC reference https://docs.github.com/en/actions/reference/security/oidc
 * (GitHub claims), RFC 7519 §4.1 https://www.rfc-editor.org/rfc/rfc7519#section-4.1 (registered
 * claims), RFC 7515 §4.1 https://www.rfc-editor.org/rfc/rfc7515#section-4.1 (header), and
 * FACTS.md §1 for the facts GitHub's docs leave out (lifetimes, `%3A`, immutable `sub`).
 */

/** Where the explanations come from, by claim group. */
export const GITHUB_CLAIM_DOCS_SOURCES = {
  github: 'https://docs.github.com/en/actions/reference/security/oidc',
  registered: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1',
  header: 'https://www.rfc-editor.org/rfc/rfc7515#section-4.1',
} as const

/**
 * Claim name → one plain sentence. `repo_property_*` stands for every custom-property claim.
 *
 * @example
 * GITHUB_CLAIM_DOCS.aud
 * // 'Audience: who the token is for; AWS expects sts.amazonaws.com, and it must be in the IAM OIDC provider's client IDs.'
 */
export const GITHUB_CLAIM_DOCS: Record<string, string> = {
  iss: 'Issuer: who signed the token; AWS looks up the IAM OIDC provider with exactly this URL.',
  sub: 'Subject: the repository and context (environment, pull_request or ref) — what trust policies usually match on.',
  aud: "Audience: who the token is for; AWS expects sts.amazonaws.com, and it must be in the IAM OIDC provider's client IDs.",
  exp: 'Expiry time (seconds since 1970). GitHub does not document the lifetime; every token observed so far expires 300 seconds after iat (FACTS.md §1.4).',
  iat: 'Issued-at time (seconds since 1970): when GitHub minted the token.',
  nbf: 'Not-before time (seconds since 1970): the token is not valid before this; GitHub sets it a few minutes before iat.',
  jti: 'Token id: a UUID unique to this token, so a relying party can spot replays.',
  ref: 'The git ref the workflow ran on, e.g. refs/heads/main, refs/tags/v1 or refs/pull/7/merge.',
  ref_type: 'Whether the ref is a branch or a tag.',
  ref_protected:
    'Whether branch protection or rulesets protect the ref, as the string "true" or "false".',
  sha: 'The commit SHA the workflow ran on.',
  repository: 'The repository as owner/name; names can change, ids cannot.',
  repository_id:
    'The numeric id of the repository (a string); stays the same if the repository is renamed.',
  repository_owner: 'The user or organisation that owns the repository.',
  repository_owner_id:
    'The numeric id of the owner (a string); stays the same if the owner is renamed.',
  repository_visibility: 'The repository visibility: public, private or internal.',
  actor: 'The account that started the run.',
  actor_id: 'The numeric id of the account that started the run (a string).',
  workflow:
    'The workflow name (its name: key) — chosen by whoever edits the file, so never trust it alone.',
  workflow_ref:
    'The calling workflow file and ref, e.g. org/repo/.github/workflows/deploy.yml@refs/heads/main.',
  workflow_sha: 'The commit SHA of the calling workflow file.',
  job_workflow_ref:
    'The reusable workflow this job runs, if any; otherwise the same as workflow_ref.',
  job_workflow_sha:
    'The commit SHA of the reusable workflow this job runs; otherwise the same as workflow_sha.',
  head_ref: 'For pull requests, the source branch; an empty string otherwise.',
  base_ref: 'For pull requests, the target branch; an empty string otherwise.',
  event_name: 'The event that triggered the run, e.g. push, pull_request or workflow_dispatch.',
  environment: 'The deployment environment the job uses; present only when the job names one.',
  environment_node_id: 'The GraphQL node id of that environment; present only with environment.',
  run_id: 'The id of the workflow run (a numeric string).',
  run_number: 'How many times this workflow has run in the repository (a numeric string).',
  run_attempt: 'Which retry of the run this is, starting at "1".',
  runner_environment: 'Whether the job ran on a GitHub-hosted or a self-hosted runner.',
  enterprise:
    'The enterprise that owns the repository; present only for enterprise-owned repositories.',
  enterprise_id: 'The numeric id of that enterprise (a string); present only with enterprise.',
  check_run_id: "The id of the job's check run (a numeric string).",
  issuer_scope: "Listed in GitHub's discovery document; its meaning is not documented.",
  'repo_property_*':
    'A repository custom property the organisation opted into tokens; multi-select values are comma-joined.',
}

/**
 * JOSE header field → one plain sentence.
 *
 * @example
 * GITHUB_HEADER_DOCS.kid // 'Key id: which key in the issuer's JWKS verifies the signature; keys rotate, so look it up every time.'
 */
export const GITHUB_HEADER_DOCS: Record<string, string> = {
  typ: 'Media type of the token: JWT.',
  alg: 'Signature algorithm: GitHub signs with RS256 (RSA with SHA-256); anything else must be refused.',
  kid: "Key id: which key in the issuer's JWKS verifies the signature; keys rotate, so look it up every time.",
  x5t: "Thumbprint of the signing key's certificate (base64url SHA-1); older GitHub keys carry it.",
}

/**
 * The explanation for a claim name, including `repo_property_<name>` claims; `undefined` for a
 * claim GitHub does not issue.
 *
 * @example
 * explainGithubClaim('repo_property_team') // 'A repository custom property …'
 */
export function explainGithubClaim(name: string): string | undefined {
  if (Object.hasOwn(GITHUB_CLAIM_DOCS, name)) return GITHUB_CLAIM_DOCS[name]
  if (/^repo_property_./.test(name)) return GITHUB_CLAIM_DOCS['repo_property_*']
  return undefined
}
