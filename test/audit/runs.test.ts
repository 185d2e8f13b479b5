/**
 * Building the auditor's runs (lib/audit/runs.ts). The round trip that keeps the auditor on the
 * real GitHub model: every `sub` `githubSubject` writes — default, immutable ids, any custom
 * template — is read back (`parseSubjectValue`) into a run that mints exactly that `sub`
 * (`applySubject`, checked with `githubClaims`), starting from an unrelated run. So every subject
 * form GitHub can produce is a form the auditor can build an attacker run in.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applySubject, mintedSubject, newRun, setClaim } from '../../lib/audit/runs.js'
import { parseSubjectValue } from '../../lib/audit/subject.js'
import type { AttackRun } from '../../lib/audit/types.js'
import { fixedClock } from '../../lib/core/clock.js'
import { githubClaims } from '../../lib/github/claims.js'
import type { SubjectTemplate } from '../../lib/github/subject.js'

/** Template keys whose values a run can be given (the others GitHub derives from these). */
const KEYS = [
  'repo',
  'context',
  'repository',
  'repository_owner',
  'repository_owner_id',
  'repository_id',
  'actor',
  'actor_id',
  'workflow',
  'event_name',
  'ref',
  'environment',
  'job_workflow_ref',
  'repository_visibility',
  'runner_environment',
  'ref_protected',
  'head_ref',
  'base_ref',
  'sha',
  'enterprise_id',
  'run_id',
  'run_attempt',
  'check_run_id',
  'repo_property_team',
] as const

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/).filter((s) => !s.includes('--'))
const id = fc.integer({ min: 1, max: 999_999_999 }).map(String)
const runArb = fc.record({
  owner: name,
  repo: name,
  ownerId: id,
  repoId: id,
  actor: name,
  kind: fc.constantFrom('branch', 'tag', 'pull_request', 'pull_request_target', 'environment'),
  refName: fc.constantFrom('main', 'release/1.x', 'v1.2', 'feature-a'),
  environment: fc.constantFrom('prod', 'a:b', 'Production%3AV1', 'staging/eu'),
  workflowName: fc.constantFrom('deploy', 'CI: build', 'pull_request'),
  reusable: fc.boolean(),
  visibility: fc.constantFrom('public', 'private', 'internal') as fc.Arbitrary<
    'public' | 'private' | 'internal'
  >,
  runner: fc.constantFrom('github-hosted', 'self-hosted') as fc.Arbitrary<
    'github-hosted' | 'self-hosted'
  >,
  refProtected: fc.boolean(),
  enterprise: fc.option(id, { nil: undefined }),
  team: fc.constantFrom('platform', 'a:b'),
  immutableSubject: fc.boolean(),
})

type RunInput = typeof runArb extends fc.Arbitrary<infer T> ? T : never

function toRun(r: RunInput): AttackRun {
  const run: AttackRun = {
    ...newRun(r.owner, r.repo, r.actor),
    ownerId: r.ownerId,
    repoId: r.repoId,
    workflowName: r.workflowName,
    visibility: r.visibility,
    runner: r.runner,
    refProtected: r.refProtected,
    customProperties: { team: r.team },
    immutableSubject: r.immutableSubject,
    ...(r.enterprise ? { enterprise: { slug: 'big-co', id: r.enterprise } } : {}),
    ...(r.reusable
      ? {
          reusableWorkflow: {
            repository: 'shared-org/ci',
            path: '.github/workflows/deploy.yml',
            ref: 'refs/tags/v1',
          },
        }
      : {}),
  }
  const { branch: _b, ...noBranch } = run
  switch (r.kind) {
    case 'tag':
      return { ...noBranch, tag: r.refName }
    case 'pull_request':
      return { ...noBranch, event: 'pull_request', headRef: 'feature', baseRef: r.refName }
    case 'pull_request_target':
      return { ...run, event: 'pull_request_target', headRef: 'fork', baseRef: 'main' }
    case 'environment':
      return { ...run, branch: r.refName, environment: r.environment }
    default:
      return { ...run, branch: r.refName }
  }
}

const templateArb = fc.option(
  fc
    .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 5 })
    .map((keys): SubjectTemplate => ({ useDefault: false, includeClaimKeys: keys })),
  { nil: undefined },
)

describe('applySubject: every sub githubSubject writes becomes an auditor run', () => {
  it('round-trips random runs and templates (seeded)', () => {
    const start = { run: newRun('octo-org', 'octo-repo'), audience: 'sts.amazonaws.com' }
    fc.assert(
      fc.property(runArb, templateArb, (r, template) => {
        const run = toRun(r)
        const sub = githubClaims(run, {
          audience: 'sts.amazonaws.com',
          ...(template ? { subjectTemplate: template } : {}),
          clock: fixedClock(0),
        }).sub
        const parts = parseSubjectValue(sub)
        expect(parts, sub).toBeDefined()
        const setup = applySubject(start, parts!)
        expect(setup, sub).toBeDefined()
        expect(mintedSubject(setup!)).toBe(sub)
      }),
      { numRuns: 1500, seed: 1105 },
    )
  })

  it('the immutable form, the ids included', () => {
    const start = { run: newRun('octo-org', 'octo-repo'), audience: 'sts.amazonaws.com' }
    const setup = applySubject(
      start,
      parseSubjectValue('repo:mallory-org@9001/app@9002:ref:refs/heads/main')!,
    )!
    expect(setup.run).toMatchObject({
      owner: 'mallory-org',
      ownerId: '9001',
      repo: 'app',
      repoId: '9002',
      immutableSubject: true,
    })
    expect(setup.subjectTemplate).toBeUndefined()
  })

  it('refuses a sub no run can mint with its template', () => {
    const start = { run: newRun('octo-org', 'octo-repo'), audience: 'sts.amazonaws.com' }
    // The ref says pull request, the event claim says push.
    expect(applySubject(start, parseSubjectValue('ref:refs/pull/1/merge:event_name:push')!)).toBe(
      undefined,
    )
    // ref_type is derived from the ref: a branch run cannot say tag.
    expect(applySubject(start, parseSubjectValue('repo:a/b:ref_type:tag')!)).toBe(undefined)
  })
})

describe('setClaim', () => {
  const run = newRun('acme', 'app')
  it('moves the run where a claim says', () => {
    expect(setClaim(run, 'repository_owner', 'evil')?.owner).toBe('evil')
    expect(setClaim(run, 'repository', 'evil/x')).toMatchObject({ owner: 'evil', repo: 'x' })
    expect(setClaim(run, 'environment', '')).not.toHaveProperty('environment')
    expect(setClaim(run, 'event_name', 'pull_request')?.event).toBe('pull_request')
    expect(setClaim(run, 'repo_property_team', 'x')?.customProperties).toEqual({ team: 'x' })
  })
  it('refuses values no run has', () => {
    expect(setClaim(run, 'repository_owner', '-bad')).toBeUndefined()
    expect(setClaim(run, 'repository_id', 'abc')).toBeUndefined()
    expect(setClaim(run, 'runner_environment', 'laptop')).toBeUndefined()
    expect(setClaim(run, 'head_ref', 'a..b')).toBeUndefined()
  })
})
