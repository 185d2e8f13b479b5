/**
 * GitLab as one entry of the issuer registry (lib/issuers): everything a surface needs to offer it.
 */
import { fixedClock } from '../core/clock.js'
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { nonEmpty, record } from '../oidc-issuer/values.js'
import { GITLAB_ISSUER, gitlabClaims } from './claims.js'
import { explainGitLabClaim, GITLAB_CLAIM_CONTROL, GITLAB_CLAIM_DOCS } from './claim-docs.js'
import { createGitLabIssuer, GITLAB_TOKEN_VARIABLE } from './issuer.js'
import type { GitLabRun } from './run.js'
import { parseGitLabSubject } from './subject.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

/** GitLab (gitlab.com; self-managed and Dedicated instances use their own URL). */
export const gitlabProfile: IssuerProfile<GitLabRun> = {
  kind: 'gitlab',
  name: 'GitLab',
  docs: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  shared: true,
  tenantClaim: 'sub',
  exampleRun: { projectPath: 'acme/app', branch: 'main', refProtected: true },
  parseRun(value, path = 'run') {
    const run = record(value, path) as unknown as GitLabRun
    nonEmpty(run.projectPath, `${path}.projectPath`)
    gitlabClaims(run, { audience: 'sts.amazonaws.com', clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) =>
    `${run.projectPath} on ${run.tag === undefined ? (run.branch ?? 'main') : `tag ${run.tag}`}`,
  issuerUrl: () => GITLAB_ISSUER,
  // Sim choice (FACTS-ISSUERS.md §1.1, Unconfirmed): no default; the job must name aud.
  defaultAudience: () => undefined,
  // GitLab's AWS guide: "often sts.amazonaws.com or your GitLab instance URL".
  awsAudience: () => 'sts.amazonaws.com',
  claims: (run, options = {}) =>
    gitlabClaims(run, { ...options, audience: options.audience ?? 'sts.amazonaws.com' }),
  subject: (run) =>
    String(gitlabClaims(run, { audience: 'sts.amazonaws.com', clock: CHECK_CLOCK }).sub),
  subjectParts: (sub) => {
    const parts = parseGitLabSubject(sub)
    return parts && Object.entries(parts)
  },
  createIssuer: (options) => createGitLabIssuer(options),
  claimDocs: GITLAB_CLAIM_DOCS,
  explainClaim: explainGitLabClaim,
  claimControl: GITLAB_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      'The job lists the tokens it wants under id_tokens: in .gitlab-ci.yml, each with its aud; GitLab mints them when the job starts and sets one CI/CD variable per entry. There is no endpoint to ask later.',
    env: [GITLAB_TOKEN_VARIABLE],
    source: 'https://docs.gitlab.com/ci/yaml/#id_tokens',
  },
  sessionName: 'GitLabRunner',
}
