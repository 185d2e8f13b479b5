/**
 * Bitbucket Pipelines as one entry of the issuer registry (lib/issuers).
 */
import { fixedClock } from '../core/clock.js'
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { record } from '../oidc-issuer/values.js'
import {
  bitbucketAudience,
  bitbucketClaims,
  bitbucketIssuerUrl,
  resolveBitbucketRun,
} from './claims.js'
import {
  BITBUCKET_CLAIM_CONTROL,
  BITBUCKET_CLAIM_DOCS,
  explainBitbucketClaim,
} from './claim-docs.js'
import { createBitbucketIssuer } from './issuer.js'
import type { BitbucketRun } from './run.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

export const bitbucketProfile: IssuerProfile<BitbucketRun> = {
  kind: 'bitbucket',
  name: 'Bitbucket Pipelines',
  docs: 'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
  shared: false,
  tenantClaim: 'workspaceUuid',
  exampleRun: { workspace: 'acme', repository: 'app', branch: 'main', deployment: 'production' },
  parseRun(value, path = 'run') {
    const run = record(value, path) as unknown as BitbucketRun
    bitbucketClaims(run, { clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) =>
    `${run.workspace}/${run.repository ?? 'app'} on ${run.branch ?? 'main'}${run.deployment === undefined ? '' : ` (deployment ${run.deployment})`}`,
  issuerUrl: (run) => bitbucketIssuerUrl(run.workspace),
  defaultAudience: (run) => bitbucketAudience(resolveBitbucketRun(run).workspaceUuid),
  // Bitbucket's AWS guide copies the audience from the settings page: the workspace ARI.
  awsAudience: (run) => bitbucketAudience(resolveBitbucketRun(run).workspaceUuid),
  claims: (run, options) => bitbucketClaims(run, options),
  subject: (run) => String(bitbucketClaims(run, { clock: CHECK_CLOCK }).sub),
  subjectParts: (sub) => {
    const uuid = '\\{[0-9a-f-]{36}\\}'
    const m = new RegExp(`^(${uuid}):(?:(${uuid}):)?(${uuid})$`).exec(sub)
    if (!m) return undefined
    return [
      ['repository', m[1]!],
      ...(m[2] === undefined ? [] : ([['environment', m[2]]] as [string, string][])),
      ['step', m[3]!],
    ]
  },
  createIssuer: (options) => createBitbucketIssuer(options),
  claimDocs: BITBUCKET_CLAIM_DOCS,
  explainClaim: explainBitbucketClaim,
  claimControl: BITBUCKET_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      "A step with oidc: true gets its token as BITBUCKET_STEP_OIDC_TOKEN; audiences come from the step's oidc: audiences: list, else the workspace ARI.",
    env: ['BITBUCKET_STEP_OIDC_TOKEN'],
    source:
      'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
  },
  // Bitbucket's AWS example: --role-session-name build-session.
  sessionName: 'build-session',
}
