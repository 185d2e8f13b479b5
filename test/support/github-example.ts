/**
 * Shared fixtures: the real GitHub claim set printed in FACTS.md §1.3 (a push to main of
 * octo-org/octo-repo), with its truncated SHA filled in. Tests on both sides of the trust boundary
 * use the same token.
 */
export const SHA = 'f0ce60e2b0a1c8d4e7f9a3b5c6d7e8f9a0b1c2d3'

/** The FACTS.md §1.3 example token's claims (its truncated SHA filled in). */
export const FACTS_EXAMPLE = {
  jti: 'a71fccd5-a254-47bc-8e4b-d652c9d5233f',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: 'sts.amazonaws.com',
  ref: 'refs/heads/main',
  sha: SHA,
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  repository_owner_id: '65',
  run_id: '37824901043',
  run_number: '1',
  run_attempt: '1',
  repository_visibility: 'private',
  repository_id: '74',
  actor_id: '12',
  actor: 'octocat',
  workflow: 'deploy',
  head_ref: '',
  base_ref: '',
  event_name: 'push',
  ref_protected: 'true',
  ref_type: 'branch',
  workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  workflow_sha: SHA,
  job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  job_workflow_sha: SHA,
  runner_environment: 'github-hosted',
  check_run_id: '113475122442',
  iss: 'https://token.actions.githubusercontent.com',
  nbf: 1791483975,
  exp: 1791484575,
  iat: 1791484275,
}
