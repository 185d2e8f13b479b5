/**
 * GitHub Actions as one entry of the issuer registry (lib/issuers): the same interface as every
 * other CI issuer, built on githubClaims and createGitHubIssuer.
 */
import { DEMO_OWNER, DEMO_REPO } from '../core/demo.js'
import { fixedClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import type { IssuerProfile, PlatformIssuer } from '../oidc-issuer/profile.js'
import { record } from '../oidc-issuer/values.js'
import { explainGithubClaim, GITHUB_CLAIM_DOCS } from './claim-docs.js'
import { GITHUB_ISSUER, githubClaims } from './claims.js'
import { createGitHubIssuer } from './issuer.js'
import type { WorkflowRun } from './run.js'
import { parseSubject } from './subject.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

/** Who can choose each GitHub claim (FACTS.md §1.3, §6). */
const GITHUB_CLAIM_CONTROL = {
  aud: 'job-author',
  sub: 'job-author',
  ref: 'job-author',
  ref_type: 'job-author',
  sha: 'job-author',
  head_ref: 'outsider',
  base_ref: 'outsider',
  event_name: 'outsider',
  workflow: 'job-author',
  workflow_ref: 'job-author',
  job_workflow_ref: 'job-author',
  environment: 'job-author',
  actor: 'outsider',
  actor_id: 'platform',
  repository: 'admin',
  repository_id: 'platform',
  repository_owner: 'admin',
  repository_owner_id: 'platform',
  repository_visibility: 'admin',
  ref_protected: 'admin',
  runner_environment: 'job-author',
  enterprise: 'admin',
  enterprise_id: 'platform',
  run_id: 'platform',
  run_number: 'platform',
  run_attempt: 'platform',
} as const

/** A GitHub issuer with the registry's interface. */
export async function createGitHubPlatformIssuer(
  options: Parameters<typeof createGitHubIssuer>[0] = {},
): Promise<PlatformIssuer<WorkflowRun>> {
  const issuer = await createGitHubIssuer(options)
  return {
    kind: 'github',
    url: issuer.url,
    handler: issuer.handler,
    get signingKid() {
      return issuer.signingKid
    },
    discovery: issuer.discovery,
    jwks: issuer.jwks,
    async issueToken(run, opts = {}) {
      if (Array.isArray(opts.audience)) {
        throw new InvalidInputError(
          'options.audience: GitHub tokens carry one audience',
          'options.audience',
        )
      }
      return issuer.issueToken(run, { audience: opts.audience, claims: opts.claims })
    },
    rotateKeys: () => issuer.rotateKeys(),
    retireKey: (kid) => issuer.retireKey(kid),
    async jobEnv(run, opts = {}) {
      return { ...issuer.runnerEnv(run, { baseUrl: opts.baseUrl }) }
    },
  }
}

export const githubProfile: IssuerProfile<WorkflowRun> = {
  kind: 'github',
  name: 'GitHub Actions',
  docs: 'https://docs.github.com/en/actions/reference/security/oidc',
  shared: true,
  tenantClaim: 'sub',
  exampleRun: { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'main' },
  parseRun(value, path = 'run') {
    const run = record(value, path) as unknown as WorkflowRun
    githubClaims(run, { clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) => `${run.owner}/${run.repo}`,
  issuerUrl: () => GITHUB_ISSUER,
  defaultAudience: (run) => `https://github.com/${run.owner}`,
  awsAudience: () => 'sts.amazonaws.com',
  claims: (run, options = {}) => {
    if (Array.isArray(options.audience)) {
      throw new InvalidInputError(
        'options.audience: GitHub tokens carry one audience',
        'options.audience',
      )
    }
    return {
      ...githubClaims(run, { ...options, audience: options.audience as string | undefined }),
    }
  },
  subject: (run) => githubClaims(run, { clock: CHECK_CLOCK }).sub,
  subjectParts: (sub) => {
    try {
      const parsed = parseSubject(sub)
      const parts: [string, string][] = []
      if (parsed.owner !== undefined) parts.push(['owner', parsed.owner])
      if (parsed.repo !== undefined) parts.push(['repo', parsed.repo])
      if (parsed.kind === 'custom')
        for (const p of parsed.parts.filter((p) => p.key !== 'repo')) parts.push([p.key, p.value])
      else if (parsed.value !== undefined) parts.push([parsed.kind, parsed.value])
      else parts.push(['context', parsed.kind])
      return parts
    } catch {
      return undefined
    }
  },
  createIssuer: (options) => createGitHubPlatformIssuer(options),
  claimDocs: GITHUB_CLAIM_DOCS,
  explainClaim: explainGithubClaim,
  claimControl: GITHUB_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      'A job with permissions: id-token: write gets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, and asks the runner token endpoint for a token with the audience it wants (@actions/core getIDToken).',
    env: ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    source: 'https://github.com/actions/toolkit/blob/main/packages/core/src/oidc-utils.ts',
  },
  sessionName: 'GitHubActions',
}
