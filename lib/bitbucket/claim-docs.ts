/**
 * One-line explanations of every claim in a Bitbucket Pipelines OIDC token, and who can choose
 * each value (FACTS-ISSUERS.md §5.2, §5.5).
 */
import type { ClaimControl } from '../oidc-issuer/profile.js'

export const BITBUCKET_CLAIM_DOCS: Readonly<Record<string, string>> = {
  iss: "Issuer: https://api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc, one per workspace; AWS's provider URL and condition-key prefix keep the whole path.",
  aud: 'Audience: ari:cloud:bitbucket::workspace/WORKSPACE_UUID by default — the same for every repository in the workspace; a list when the step sets oidc: audiences:.',
  sub: 'Subject: {REPOSITORY_UUID}:{STEP_UUID}, or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID} for deployment steps. The step UUID changes every run, so policies need a wildcard after the repository or environment.',
  iat: 'Issued-at time (seconds since 1970).',
  exp: 'Expiry time (seconds since 1970); trustwalk assumes one hour (Bitbucket does not document it).',
  workspaceUuid: "The workspace's UUID, in braces.",
  repositoryUuid: "The repository's UUID, in braces.",
  pipelineUuid: 'The UUID of this pipeline run.',
  stepUuid: 'The UUID of this step run; new on every run.',
  deploymentEnvironmentUuid:
    "The UUID of the step's deployment environment; present for deployment steps.",
  branchName:
    'The branch — any pusher names it, and it is neither in sub nor an AWS condition key.',
  compliant: "Listed in Bitbucket's discovery document; its meaning is not documented.",
  accountUuid: 'Seen only in an emulator; not confirmed in real tokens.',
}

export const BITBUCKET_CLAIM_CONTROL: Readonly<Record<string, ClaimControl>> = {
  aud: 'job-author',
  sub: 'job-author',
  workspaceUuid: 'platform',
  repositoryUuid: 'platform',
  pipelineUuid: 'platform',
  stepUuid: 'platform',
  deploymentEnvironmentUuid: 'job-author',
  branchName: 'job-author',
}

/**
 * The explanation for a Bitbucket claim; `undefined` for one it does not issue.
 *
 * @example
 * explainBitbucketClaim('stepUuid') // 'The UUID of this step run; new on every run.'
 */
export function explainBitbucketClaim(name: string): string | undefined {
  return Object.hasOwn(BITBUCKET_CLAIM_DOCS, name) ? BITBUCKET_CLAIM_DOCS[name] : undefined
}
