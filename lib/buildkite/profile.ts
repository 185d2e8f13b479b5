/**
 * Buildkite as one entry of the issuer registry (lib/issuers).
 */
import { fixedClock } from '../core/clock.js'
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { record } from '../oidc-issuer/values.js'
import { BUILDKITE_ISSUER, buildkiteClaims } from './claims.js'
import {
  BUILDKITE_CLAIM_CONTROL,
  BUILDKITE_CLAIM_DOCS,
  explainBuildkiteClaim,
} from './claim-docs.js'
import { createBuildkiteIssuer } from './issuer.js'
import type { BuildkiteRun } from './run.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

export const buildkiteProfile: IssuerProfile<BuildkiteRun> = {
  kind: 'buildkite',
  name: 'Buildkite',
  docs: 'https://buildkite.com/docs/agent/cli/reference/oidc',
  shared: true,
  tenantClaim: 'sub',
  exampleRun: { organization: 'acme', pipeline: 'app', branch: 'main', stepKey: 'deploy' },
  parseRun(value, path = 'run') {
    const run = record(value, path) as unknown as BuildkiteRun
    buildkiteClaims(run, { clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) =>
    `${run.organization}/${run.pipeline} on ${run.tag === undefined ? (run.branch ?? 'main') : `tag ${run.tag}`}`,
  issuerUrl: () => BUILDKITE_ISSUER,
  defaultAudience: (run) => `https://buildkite.com/${run.organization}`,
  // Buildkite's AWS guide: --audience sts.amazonaws.com (FACTS-ISSUERS.md §4.4).
  awsAudience: () => 'sts.amazonaws.com',
  claims: (run, options) => buildkiteClaims(run, options),
  subject: (run) => String(buildkiteClaims(run, { clock: CHECK_CLOCK }).sub),
  subjectParts: (sub) => {
    const m = /^organization:([^:]+):pipeline:([^:]+):ref:([^:]+):commit:([^:]+):step:(.*)$/.exec(
      sub,
    )
    if (!m) return undefined
    return [
      ['organization', m[1]!],
      ['pipeline', m[2]!],
      ['ref', m[3]!],
      ['commit', m[4]!],
      ['step', m[5] === '' ? '(no key)' : m[5]!],
    ]
  },
  createIssuer: (options) => createBuildkiteIssuer(options),
  claimDocs: BUILDKITE_CLAIM_DOCS,
  explainClaim: explainBuildkiteClaim,
  claimControl: BUILDKITE_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      'The job runs buildkite-agent oidc request-token --audience sts.amazonaws.com (with --lifetime, --claim, --aws-session-tag or --subject-claim as it likes); the agent asks the Agent API with its access token and prints the token.',
    env: ['BUILDKITE_AGENT_ENDPOINT', 'BUILDKITE_AGENT_ACCESS_TOKEN', 'BUILDKITE_JOB_ID'],
    source: 'https://buildkite.com/docs/agent/cli/reference/oidc',
  },
  // The aws-assume-role-with-web-identity plugin uses buildkite-job-${BUILDKITE_JOB_ID}.
  sessionName: 'buildkite-job',
}
