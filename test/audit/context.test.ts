/**
 * The auditor mints its runs' claims with the GitHub side's own builder: `claimsFor` (lib/audit/
 * context.ts) is `githubClaims` (lib/github/claims.ts) with the audit's issuer and clock — for every
 * kind of run (pushes, tags, pull requests, pull_request_target, environments, reusable workflows,
 * enterprises) and every subject form (default, custom templates, immutable ids). There is no
 * second claim model to drift.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditContext, claimsFor } from '../../lib/audit/context.js'
import type { RunSetup } from '../../lib/audit/context.js'
import { newRun } from '../../lib/audit/runs.js'
import type { AttackRun, AttackSubjectTemplate } from '../../lib/audit/types.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { fixedClock } from '../../lib/core/clock.js'
import { DEMO_TIME } from '../../lib/core/demo.js'
import { githubClaims } from '../../lib/github/claims.js'
import { PROVIDER, gh } from './corpus.js'

const ctx = auditContext(parseTrustPolicy(gh()), {})!
const iat = Date.parse(DEMO_TIME) / 1000 // the audit's fixed moment

function real(run: AttackRun, template?: AttackSubjectTemplate, issuer = ctx.issuer) {
  return githubClaims(run, {
    issuer,
    audience: 'sts.amazonaws.com',
    ...(template ? { subjectTemplate: template } : {}),
    clock: fixedClock(iat * 1000),
  })
}

function setup(run: AttackRun, template?: AttackSubjectTemplate): RunSetup {
  return { run, audience: 'sts.amazonaws.com', ...(template ? { subjectTemplate: template } : {}) }
}

const base = newRun('acme', 'app')
const cases: [string, AttackRun, AttackSubjectTemplate?][] = [
  ['a push to main', base],
  ['a tag', { ...base, branch: undefined, tag: 'v1.2.3' } as AttackRun],
  [
    'a pull request',
    {
      ...base,
      branch: undefined,
      event: 'pull_request',
      headRef: 'feature/x',
      baseRef: 'main',
      pullRequestNumber: '42',
    } as AttackRun,
  ],
  [
    'pull_request_target',
    {
      ...base,
      branch: undefined,
      event: 'pull_request_target',
      headRef: 'fork',
      baseRef: 'develop',
      workflowFile: '.github/workflows/pr-target.yml',
    } as AttackRun,
  ],
  ['an environment with a colon', { ...base, environment: 'prod:eu' }],
  [
    'a reusable workflow by tag',
    {
      ...base,
      reusableWorkflow: {
        repository: 'acme/ci',
        path: '.github/workflows/deploy.yml',
        ref: 'refs/tags/v1',
        sha: 'a'.repeat(40),
      },
    },
  ],
  [
    'an enterprise, public, self-hosted',
    {
      ...base,
      enterprise: { slug: 'big-co', id: '77' },
      visibility: 'public',
      runner: 'self-hosted',
      refProtected: true,
    },
  ],
  ['the immutable sub', { ...base, immutableSubject: true }],
  [
    'a custom template, workflow first',
    { ...base, workflowName: 'deploy' },
    { useDefault: false, includeClaimKeys: ['workflow', 'repo', 'context'] },
  ],
  [
    'a template without repo',
    { ...base, customProperties: { team: 'platform' } },
    { useDefault: false, includeClaimKeys: ['repository_owner', 'repo_property_team', 'context'] },
  ],
  [
    'an immutable template',
    { ...base, immutableSubject: true },
    { useDefault: false, includeClaimKeys: ['repo', 'context', 'job_workflow_ref'] },
  ],
]

describe('claimsFor is githubClaims', () => {
  it.each(cases)('%s', (_name, run, template) => {
    const ours = claimsFor(ctx, setup(run, template))
    const theirs = real(run, template)
    expect(ours).toEqual(theirs)
    expect(Object.keys(ours)).toEqual(Object.keys(theirs))
  })

  it('under another issuer and clock', () => {
    const slug = auditContext(parseTrustPolicy(gh(undefined, PROVIDER)), {
      provider: 'https://token.actions.githubusercontent.com/big-co',
      clock: fixedClock('2027-01-01T00:00:00Z'),
    })!
    const ours = claimsFor(slug, setup(base))
    expect(ours.iss).toBe('https://token.actions.githubusercontent.com/big-co')
    expect(ours.iat).toBe(Date.parse('2027-01-01T00:00:00Z') / 1000)
    expect(ours).toEqual(
      githubClaims(base, {
        issuer: 'https://token.actions.githubusercontent.com/big-co',
        audience: 'sts.amazonaws.com',
        clock: fixedClock('2027-01-01T00:00:00Z'),
      }),
    )
  })

  it('for random runs (names, refs, events, environments, immutable ids)', () => {
    const name = fc
      .stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)
      .filter((s) => !s.includes('--'))
    const run = fc.record({
      owner: name,
      repo: name,
      branch: fc.constantFrom('main', 'release/1.x', 'feature-a'),
      event: fc.constantFrom('push', 'workflow_dispatch', 'pull_request_target', 'schedule'),
      environment: fc.option(fc.constantFrom('prod', 'staging', 'a:b', 'Production%3AV1'), {
        nil: undefined,
      }),
      immutableSubject: fc.boolean(),
    })
    fc.assert(
      fc.property(run, (r) => {
        const attack: AttackRun = {
          ...newRun(r.owner, r.repo),
          branch: r.branch,
          event: r.event,
          immutableSubject: r.immutableSubject,
          ...(r.environment ? { environment: r.environment } : {}),
        }
        expect(claimsFor(ctx, setup(attack))).toEqual(real(attack))
      }),
      { numRuns: 200, seed: 11 },
    )
  })
})
