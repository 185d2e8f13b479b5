/**
 * The world every exercise lives in: GitHub's issuer, one AWS account, the organisation
 * `octo-org` (owner id 65) and its repositories, the attacker's organisations, and one fixed
 * moment, so every check gives the same answer everywhere.
 */
import { oidcProviderArn } from '../aws/arn.js'
import { fixedClock } from '../core/clock.js'
import type { WorkflowRun } from '../github/run.js'

export const ACCOUNT_ID = '123456789012'
export const ISSUER = 'https://token.actions.githubusercontent.com'
/** The condition-key prefix for GitHub's issuer. */
export const K = 'token.actions.githubusercontent.com'
export const AUDIENCE = 'sts.amazonaws.com'
export const PROVIDER_ARN = oidcProviderArn(ACCOUNT_ID, ISSUER)
export const PROVIDER = { Url: ISSUER, ClientIDList: [AUDIENCE], Arn: PROVIDER_ARN }
export const WORKSHOP_TIME = '2026-10-08T18:31:15Z'
export const clock = fixedClock(WORKSHOP_TIME)

/** octo-org's numeric ids (`repository_owner_id`, `repository_id`): they survive renames. */
export const OCTO_ORG_ID = '65'
export const OCTO_REPO_ID = '74'

/** A run in octo-org/octo-repo, with its real ids, changed by `more`. */
export function octoRepo(more: Partial<WorkflowRun> = {}): WorkflowRun {
  return {
    owner: 'octo-org',
    repo: 'octo-repo',
    ownerId: OCTO_ORG_ID,
    repoId: OCTO_REPO_ID,
    branch: 'main',
    ...more,
  }
}

/** A run in another repository of octo-org. */
export function octoOrg(
  repo: string,
  repoId: string,
  more: Partial<WorkflowRun> = {},
): WorkflowRun {
  return { owner: 'octo-org', repo, ownerId: OCTO_ORG_ID, repoId, branch: 'main', ...more }
}

/** A run in a repository someone else owns. */
export function stranger(
  owner: string,
  repo: string,
  more: Partial<WorkflowRun> = {},
): WorkflowRun {
  return { owner, repo, ownerId: '6660', repoId: '6661', branch: 'main', ...more }
}

/** A trust policy for GitHub's provider with these conditions, as the JSON a learner edits. */
export function trustPolicyText(
  condition: Record<string, Record<string, string | string[]>>,
): string {
  return json({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  })
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
