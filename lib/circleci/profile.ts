/**
 * CircleCI as one entry of the issuer registry (lib/issuers).
 */
import { fixedClock } from '../core/clock.js'
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { record } from '../oidc-issuer/values.js'
import { circleciClaims, circleciIssuerUrl, resolveCircleCIRun } from './claims.js'
import { CIRCLECI_CLAIM_CONTROL, CIRCLECI_CLAIM_DOCS, explainCircleCIClaim } from './claim-docs.js'
import { createCircleCIIssuer } from './issuer.js'
import type { CircleCIRun } from './run.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

export const circleciProfile: IssuerProfile<CircleCIRun> = {
  kind: 'circleci',
  name: 'CircleCI',
  docs: 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/',
  shared: false,
  tenantClaim: 'oidc.circleci.com/org-id',
  exampleRun: { org: 'acme', project: 'app', branch: 'main' },
  parseRun(value, path = 'run') {
    const run = record(value, path) as CircleCIRun
    circleciClaims(run, { clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) =>
    `${run.org ?? 'acme'}/${run.project ?? 'app'} on ${run.tag === undefined ? (run.branch ?? 'main') : `tag ${run.tag}`}`,
  issuerUrl: (run) => circleciIssuerUrl(resolveCircleCIRun(run).orgId),
  defaultAudience: (run) => resolveCircleCIRun(run).orgId,
  // CircleCI's AWS guide registers the organisation UUID as the audience.
  awsAudience: (run) => resolveCircleCIRun(run).orgId,
  claims: (run, options) => circleciClaims(run, options),
  subject: (run) => String(circleciClaims(run, { clock: CHECK_CLOCK }).sub),
  subjectParts: (sub) => {
    const m =
      /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(?:\/vcs-origin\/(.+)\/vcs-ref\/(refs\/.+))?$/.exec(
        sub,
      )
    if (!m) return undefined
    const parts: [string, string][] = [
      ['org', m[1]!],
      ['project', m[2]!],
      ['user', m[3]!],
    ]
    if (m[4] !== undefined) parts.push(['vcs-origin', m[4]], ['vcs-ref', m[5]!])
    return parts
  },
  createIssuer: (options) => createCircleCIIssuer(options),
  claimDocs: CIRCLECI_CLAIM_DOCS,
  explainClaim: explainCircleCIClaim,
  claimControl: CIRCLECI_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      'Every job gets two tokens as environment variables, CIRCLE_OIDC_TOKEN (short sub) and CIRCLE_OIDC_TOKEN_V2 (sub with repository and ref), with the organisation as aud; circleci run oidc get --claims \'{"aud": "…"}\' prints one with another audience.',
    env: ['CIRCLE_OIDC_TOKEN', 'CIRCLE_OIDC_TOKEN_V2'],
    source: 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/',
  },
  // The aws-cli orb's default role_session_name is ${CIRCLE_JOB} (FACTS-ISSUERS.md §2.4).
  sessionName: 'deploy',
}
