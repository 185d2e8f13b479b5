/**
 * The world every exercise's check lives in: GitHub's issuer, one AWS account, and one fixed
 * moment, so every check gives the same answer everywhere. The runs themselves (octo-org's and the
 * attackers') are listed in each exercise's check.json.
 */
import { oidcProviderArn } from '../aws/arn.js'
import { fixedClock } from '../core/clock.js'
import { DEMO_ACCOUNT_ID, DEMO_OWNER, DEMO_REPO, DEMO_TIME, STS_AUDIENCE } from '../core/demo.js'
import { GITHUB_ISSUER } from '../github/claims.js'
import type { WorkflowRun } from '../github/run.js'

export const ACCOUNT_ID = DEMO_ACCOUNT_ID
export const ISSUER = GITHUB_ISSUER
export const AUDIENCE = STS_AUDIENCE
export const PROVIDER_ARN = oidcProviderArn(ACCOUNT_ID, ISSUER)
export const PROVIDER = { Url: ISSUER, ClientIDList: [AUDIENCE], Arn: PROVIDER_ARN }
export const clock = fixedClock(DEMO_TIME)

/** octo-org's numeric ids (`repository_owner_id`, `repository_id`): they survive renames. */
export const OCTO_ORG_ID = '65'
export const OCTO_REPO_ID = '74'

/** A run in octo-org/octo-repo, with its real ids, changed by `more`. */
export function octoRepo(more: Partial<WorkflowRun> = {}): WorkflowRun {
  return {
    owner: DEMO_OWNER,
    repo: DEMO_REPO,
    ownerId: OCTO_ORG_ID,
    repoId: OCTO_REPO_ID,
    branch: 'main',
    ...more,
  }
}

/** A JSON document as a learner's file shows it: two-space indented, with a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
