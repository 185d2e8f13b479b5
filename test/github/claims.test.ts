import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { InvalidInputError } from '../../lib/core/errors.js'
import { githubClaims, type GitHubClaims } from '../../lib/github/claims.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { FACTS_EXAMPLE, SHA } from '../support/github-example.js'

const clock = fixedClock(1791484275 * 1000)

const exampleRun: WorkflowRun = {
  owner: 'octo-org',
  repo: 'octo-repo',
  ownerId: 65,
  repoId: '74',
  branch: 'main',
  refProtected: true,
  sha: SHA,
  actor: 'octocat',
  actorId: 12,
  runId: '37824901043',
  runNumber: 1,
  runAttempt: 1,
  checkRunId: '113475122442',
  visibility: 'private',
}

const NUMERIC_IDS = [
  'repository_owner_id',
  'repository_id',
  'actor_id',
  'run_id',
  'run_number',
  'run_attempt',
  'check_run_id',
] as const

describe('githubClaims', () => {
  it('reproduces the FACTS.md §1.3 example token exactly, key order included', () => {
    const claims = githubClaims(exampleRun, {
      audience: 'sts.amazonaws.com',
      clock,
      jti: FACTS_EXAMPLE.jti,
    })
    expect(claims).toEqual(FACTS_EXAMPLE)
    expect(Object.keys(claims)).toEqual(Object.keys(FACTS_EXAMPLE))
  })

  it('types every claim as GitHub does: strings except exp/iat/nbf, ids numeric', () => {
    const claims = githubClaims(
      {
        owner: 'octo-org',
        repo: 'octo-repo',
        environment: 'prod',
        enterprise: { slug: 'acme', id: 9 },
      },
      { clock },
    )
    for (const [key, value] of Object.entries(claims)) {
      if (['exp', 'iat', 'nbf'].includes(key)) expect(Number.isInteger(value), key).toBe(true)
      else expect(typeof value, key).toBe('string')
    }
    for (const key of [...NUMERIC_IDS, 'enterprise_id'] as const) {
      expect(claims[key], key).toMatch(/^[1-9][0-9]*$/)
    }
    expect(claims.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(claims.workflow_sha).toBe(claims.sha)
    expect(claims.jti).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(claims.environment_node_id).toMatch(/^EN_kwDO[A-Za-z0-9]+$/)
    expect(claims.ref_protected).toBe('false')
    expect(claims.aud).toBe('https://github.com/octo-org')
    expect(claims.iss).toBe('https://token.actions.githubusercontent.com')
    expect(claims.enterprise).toBe('acme')
  })

  it('derives ids and the SHA deterministically from the names, and differently per name', () => {
    const a = githubClaims({ owner: 'octo-org', repo: 'octo-repo' }, { clock })
    const b = githubClaims({ owner: 'octo-org', repo: 'octo-repo' }, { clock })
    const c = githubClaims({ owner: 'octo-org', repo: 'other-repo' }, { clock })
    expect(a).toEqual(b)
    expect(c.repository_id).not.toBe(a.repository_id)
    expect(c.repository_owner_id).toBe(a.repository_owner_id)
    expect(c.sha).not.toBe(a.sha)
    expect(c.jti).not.toBe(a.jti)
  })

  it('keeps environment and enterprise claims out unless the run has them', () => {
    const claims = githubClaims({ owner: 'o', repo: 'r' }, { clock })
    for (const key of ['environment', 'environment_node_id', 'enterprise', 'enterprise_id']) {
      expect(claims).not.toHaveProperty(key)
    }
  })

  it('sets lifetime and nbf from the options (defaults 300/300)', () => {
    const d = githubClaims({ owner: 'o', repo: 'r' }, { clock })
    expect([d.exp - d.iat, d.iat - d.nbf]).toEqual([300, 300])
    const c = githubClaims(
      { owner: 'o', repo: 'r' },
      { clock, lifetimeSeconds: 60, notBeforeSeconds: 600 },
    )
    expect([c.iat, c.exp - c.iat, c.iat - c.nbf]).toEqual([1791484275, 60, 600])
  })

  it('describes tags, pull requests and pull_request_target runs', () => {
    const tag = githubClaims({ owner: 'o', repo: 'r', tag: 'v1' }, { clock })
    expect([tag.ref, tag.ref_type, tag.sub]).toEqual([
      'refs/tags/v1',
      'tag',
      'repo:o/r:ref:refs/tags/v1',
    ])
    const pr = githubClaims(
      {
        owner: 'o',
        repo: 'r',
        event: 'pull_request',
        pullRequestNumber: 7,
        headRef: 'fix',
        baseRef: 'dev',
      },
      { clock },
    )
    expect(pr).toMatchObject({
      ref: 'refs/pull/7/merge',
      head_ref: 'fix',
      base_ref: 'dev',
      event_name: 'pull_request',
      sub: 'repo:o/r:pull_request',
      workflow_ref: 'o/r/.github/workflows/deploy.yml@refs/pull/7/merge',
    })
    const target = githubClaims({ owner: 'o', repo: 'r', event: 'pull_request_target' }, { clock })
    expect(target).toMatchObject({ ref: 'refs/heads/main', head_ref: 'feature', base_ref: 'main' })
  })

  it('points job_workflow_* at a reusable workflow, and at the caller without one', () => {
    const called = githubClaims(
      {
        owner: 'o',
        repo: 'r',
        reusableWorkflow: {
          repository: 'octo-org/shared',
          path: '.github/workflows/deploy.yml',
          ref: 'refs/tags/v1',
        },
      },
      { clock },
    )
    expect(called.workflow_ref).toBe('o/r/.github/workflows/deploy.yml@refs/heads/main')
    expect(called.job_workflow_ref).toBe(
      'octo-org/shared/.github/workflows/deploy.yml@refs/tags/v1',
    )
    expect(called.job_workflow_sha).toMatch(/^[0-9a-f]{40}$/)
    expect(called.job_workflow_sha).not.toBe(called.workflow_sha)
    const pinned = githubClaims(
      {
        owner: 'o',
        repo: 'r',
        reusableWorkflow: { repository: 'x/y', path: '.github/workflows/a.yaml', ref: SHA },
      },
      { clock },
    )
    expect([pinned.job_workflow_ref, pinned.job_workflow_sha]).toEqual([
      `x/y/.github/workflows/a.yaml@${SHA}`,
      SHA,
    ])
  })

  it('writes custom properties as repo_property_*, multi-select comma-joined', () => {
    const claims = githubClaims(
      { owner: 'o', repo: 'r', customProperties: { team: 'infra', regions: ['eu', 'us'] } },
      { clock },
    )
    expect(claims.repo_property_team).toBe('infra')
    expect(claims.repo_property_regions).toBe('eu,us')
  })

  it('applies a custom subject template and the immutable flag', () => {
    const claims = githubClaims(
      { owner: 'o', repo: 'r', ownerId: 1, repoId: 2, immutableSubject: true },
      { clock, subjectTemplate: { includeClaimKeys: ['repo', 'context', 'actor'] } },
    )
    expect(claims.sub).toBe('repo:o@1/r@2:ref:refs/heads/main:actor:octocat')
    expect(claims.repository).toBe('o/r')
  })

  const badRuns: [string, unknown, string][] = [
    ['owner missing', { repo: 'r' }, 'run.owner'],
    ['owner with a slash', { owner: 'a/b', repo: 'r' }, 'run.owner'],
    ['owner starting with a hyphen', { owner: '-a', repo: 'r' }, 'run.owner'],
    ['owner over 39 characters', { owner: 'a'.repeat(40), repo: 'r' }, 'run.owner'],
    ['repo with a space', { owner: 'o', repo: 'my repo' }, 'run.repo'],
    ['repo ".."', { owner: 'o', repo: '..' }, 'run.repo'],
    ['short sha', { owner: 'o', repo: 'r', sha: 'abc123' }, 'run.sha'],
    ['upper-case sha', { owner: 'o', repo: 'r', sha: SHA.toUpperCase() }, 'run.sha'],
    ['ref without refs/', { owner: 'o', repo: 'r', ref: 'main' }, 'run.ref'],
    ['branch with ".."', { owner: 'o', repo: 'r', branch: 'a..b' }, 'run.branch'],
    ['branch with a colon', { owner: 'o', repo: 'r', branch: 'a:b' }, 'run.branch'],
    [
      'branch given as a full ref',
      { owner: 'o', repo: 'r', branch: 'refs/heads/main' },
      'run.branch',
    ],
    ['branch and tag', { owner: 'o', repo: 'r', branch: 'main', tag: 'v1' }, 'run.tag'],
    [
      'branch on a pull_request run',
      { owner: 'o', repo: 'r', event: 'pull_request', branch: 'x' },
      'run.branch',
    ],
    ['headRef on a push', { owner: 'o', repo: 'r', headRef: 'x' }, 'run.headRef'],
    ['id that is not numeric', { owner: 'o', repo: 'r', repoId: '74a' }, 'run.repoId'],
    ['negative id', { owner: 'o', repo: 'r', ownerId: -1 }, 'run.ownerId'],
    [
      'workflow outside .github/workflows',
      { owner: 'o', repo: 'r', workflowFile: 'ci.yml' },
      'run.workflowFile',
    ],
    ['unknown visibility', { owner: 'o', repo: 'r', visibility: 'secret' }, 'run.visibility'],
    ['string boolean', { owner: 'o', repo: 'r', refProtected: 'true' }, 'run.refProtected'],
    ['empty environment', { owner: 'o', repo: 'r', environment: '' }, 'run.environment'],
    [
      'enterprise without id',
      { owner: 'o', repo: 'r', enterprise: { slug: 'acme' } },
      'run.enterprise.id',
    ],
    [
      'reusable workflow with a bad repository',
      {
        owner: 'o',
        repo: 'r',
        reusableWorkflow: {
          repository: 'x',
          path: '.github/workflows/a.yml',
          ref: 'refs/heads/main',
        },
      },
      'run.reusableWorkflow.repository',
    ],
    [
      'property value not a string',
      { owner: 'o', repo: 'r', customProperties: { team: 5 } },
      'run.customProperties.team',
    ],
  ]

  it.each(badRuns)('rejects a run with %s (InvalidInputError at its path)', (_name, run, path) => {
    let error: unknown
    try {
      githubClaims(run as WorkflowRun, { clock })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as InvalidInputError).code).toBe('TW_INVALID_INPUT')
    expect((error as InvalidInputError).path).toBe(path)
    expect((error as Error).message.startsWith(`${path}: `)).toBe(true)
  })

  it('rejects bad options', () => {
    expect(() => githubClaims({ owner: 'o', repo: 'r' }, { audience: '' })).toThrow(
      InvalidInputError,
    )
    expect(() => githubClaims({ owner: 'o', repo: 'r' }, { lifetimeSeconds: 0 })).toThrow(
      /lifetimeSeconds/,
    )
    expect(() => githubClaims({ owner: 'o', repo: 'r' }, { notBeforeSeconds: 1.5 })).toThrow(
      /notBeforeSeconds/,
    )
  })

  it('is typed so that custom properties index as strings', () => {
    const claims: GitHubClaims = githubClaims({ owner: 'o', repo: 'r' }, { clock })
    const value: string | undefined = claims['repo_property_missing']
    expect(value).toBeUndefined()
  })
})
