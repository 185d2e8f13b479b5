/**
 * GitHub's OpenID Connect discovery document, for any issuer URL.
 *
 * GitHub does not print the document in its docs; the shape and field order below match
 * github.com's live document as captured in crates.io's fixtures
 * (https://github.com/rust-lang/crates.io/blob/main/crates/crates_io_trustpub/src/keystore/load_jwks.rs),
 * FACTS.md §1.1. There is no authorization or token endpoint: GitHub only ever issues tokens to
 * its own runners.
 */

/**
 * `claims_supported` exactly as github.com publishes it. `check_run_id` and `repo_property_*` occur
 * in tokens but are not listed here (FACTS.md §1.1).
 */
export const GITHUB_CLAIMS_SUPPORTED = [
  'sub',
  'aud',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'ref',
  'sha',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'enterprise',
  'enterprise_id',
  'run_id',
  'run_number',
  'run_attempt',
  'actor',
  'actor_id',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'head_ref',
  'base_ref',
  'event_name',
  'ref_type',
  'ref_protected',
  'environment',
  'environment_node_id',
  'job_workflow_ref',
  'job_workflow_sha',
  'repository_visibility',
  'runner_environment',
  'issuer_scope',
] as const

/** The fields of GitHub's discovery document, in GitHub's order. */
export interface GitHubDiscoveryDocument {
  issuer: string
  jwks_uri: string
  subject_types_supported: string[]
  response_types_supported: string[]
  claims_supported: string[]
  id_token_signing_alg_values_supported: string[]
  scopes_supported: string[]
}

/** Path of the JWKS below the issuer URL, as on github.com. */
export const JWKS_PATH = '/.well-known/jwks'
export { DISCOVERY_PATH } from '../oidc-issuer/discovery.js'

/**
 * The discovery document GitHub serves for an issuer URL (no trailing slash).
 *
 * @example
 * githubDiscoveryDocument('https://token.actions.githubusercontent.com').jwks_uri
 * // 'https://token.actions.githubusercontent.com/.well-known/jwks'
 */
export function githubDiscoveryDocument(issuerUrl: string): GitHubDiscoveryDocument {
  return {
    issuer: issuerUrl,
    jwks_uri: `${issuerUrl}${JWKS_PATH}`,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: [...GITHUB_CLAIMS_SUPPORTED],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  }
}
