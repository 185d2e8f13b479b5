/**
 * The auditor's attacker claim model (lib/audit/claims.ts) against the GitHub side's
 * real claim builder (lib/github/claims.ts): the same claims for every kind of run — pushes, tags,
 * pull requests, pull_request_target, environments, reusable workflows, enterprises, custom and
 * immutable subjects — apart from the token id and the environment's node id. Random runs too.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attackerClaims, attackerSubject } from '../../lib/audit/claims.js'
import { newRun } from '../../lib/audit/runs.js'
import type { AttackRun, AttackSubjectTemplate } from '../../lib/audit/types.js'
import { fixedClock } from '../../lib/core/clock.js'
import { githubClaims } from '../../lib/github/claims.js'

const iat = 1791484275
function both(run: AttackRun, template?: AttackSubjectTemplate, issuer?: string) {
  const options = {
    audience: 'sts.amazonaws.com',
    ...(template ? { subjectTemplate: template } : {}),
    ...(issuer ? { issuer } : {}),
  }
  const ours = attackerClaims(run, { ...options, issuedAt: iat })
  const real = githubClaims(run, {
    ...options,
    clock: fixedClock(iat * 1000),
  }) as unknown as Record<string, unknown>
  const strip = ({ jti: _j, environment_node_id: _n, ...rest }: Record<string, unknown>) => rest
  return { ours, real, a: strip(ours), b: strip(real) }
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
    'a reusable workflow by SHA',
    {
      ...base,
      reusableWorkflow: {
        repository: 'acme/ci',
        path: '.github/workflows/deploy.yml',
        ref: 'b'.repeat(40),
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
    'a custom template with job_workflow_ref',
    base,
    { useDefault: false, includeClaimKeys: ['repo', 'context', 'job_workflow_ref'] },
  ],
  ['use_default ignores the keys', base, { useDefault: true, includeClaimKeys: ['actor'] }],
]

describe('attackerClaims agrees with githubClaims', () => {
  it.each(cases)('%s', (_name, run, template) => {
    const { a, b, ours } = both(JSON.parse(JSON.stringify(run)) as AttackRun, template)
    expect(a).toEqual(b)
    expect(Object.keys(ours)).toEqual(
      Object.keys(
        githubClaims(run, {
          audience: 'x',
          ...(template ? { subjectTemplate: template } : {}),
          clock: fixedClock(iat * 1000),
        }),
      ),
    )
  })

  it('with another issuer', () => {
    const { a, b } = both(base, undefined, 'https://token.actions.githubusercontent.com/big-co')
    expect(a).toEqual(b)
    expect(a.iss).toBe('https://token.actions.githubusercontent.com/big-co')
  })

  it('for random runs (names, refs, events, environments)', () => {
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
      workflowName: fc.option(name, { nil: undefined }),
    })
    fc.assert(
      fc.property(run, (r) => {
        const attack: AttackRun = {
          ...newRun(r.owner, r.repo),
          branch: r.branch,
          event: r.event,
          ...(r.environment ? { environment: r.environment } : {}),
          ...(r.workflowName ? { workflowName: r.workflowName } : {}),
        }
        const { a, b } = both(attack)
        expect(a).toEqual(b)
      }),
      { numRuns: 300 },
    )
  })
})

describe('attackerSubject', () => {
  it('writes the default, custom and immutable forms', () => {
    const claims = { ref: 'refs/heads/main', event_name: 'push', workflow: 'deploy' }
    expect(attackerSubject(claims, base)).toBe('repo:acme/app:ref:refs/heads/main')
    expect(attackerSubject(claims, { ...base, immutableSubject: true })).toBe(
      `repo:acme@${base.ownerId}/app@${base.repoId}:ref:refs/heads/main`,
    )
    expect(attackerSubject(claims, base, { includeClaimKeys: ['workflow', 'repo'] })).toBe(
      'workflow:deploy:repo:acme/app',
    )
    expect(attackerSubject({ ...claims, environment: 'a:b' }, base)).toBe(
      'repo:acme/app:environment:a%3Ab',
    )
    expect(attackerSubject({ ...claims, event_name: 'pull_request' }, base)).toBe(
      'repo:acme/app:pull_request',
    )
  })
})
