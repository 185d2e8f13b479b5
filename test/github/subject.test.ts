import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { InvalidInputError } from '../../lib/core/errors.js'
import { githubClaims } from '../../lib/github/claims.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { githubSubject, parseSubject } from '../../lib/github/subject.js'

const clock = fixedClock('2026-10-08T18:31:15Z')
const base: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo', ownerId: 65, repoId: 74 }
const sub = (run: Partial<WorkflowRun>, template?: Parameters<typeof githubSubject>[1]) =>
  githubClaims({ ...base, ...run }, { clock, subjectTemplate: template }).sub

describe('githubSubject: default formats (FACTS.md §1.5)', () => {
  it('uses the branch ref', () => {
    expect(sub({ branch: 'main' })).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
  })

  it('uses the tag ref', () => {
    expect(sub({ tag: 'v1' })).toBe('repo:octo-org/octo-repo:ref:refs/tags/v1')
  })

  it('uses pull_request for pull_request events', () => {
    expect(sub({ event: 'pull_request' })).toBe('repo:octo-org/octo-repo:pull_request')
  })

  it('puts the environment first, even on a pull_request event', () => {
    expect(sub({ environment: 'prod' })).toBe('repo:octo-org/octo-repo:environment:prod')
    expect(sub({ environment: 'prod', event: 'pull_request' })).toBe(
      'repo:octo-org/octo-repo:environment:prod',
    )
  })

  it('uses the ref for pull_request_target (only pull_request gets the pull_request form)', () => {
    expect(sub({ event: 'pull_request_target' })).toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
    )
  })

  it('escapes ":" in values as %3A and leaves "%" alone, so two names collide', () => {
    const colon = sub({ environment: 'Production:V1' })
    expect(colon).toBe('repo:octo-org/octo-repo:environment:Production%3AV1')
    expect(sub({ environment: 'Production%3AV1' })).toBe(colon)
  })

  it('works from bare claims too', () => {
    expect(
      githubSubject({ repository: 'a/b', ref: 'refs/heads/dev', event_name: 'workflow_dispatch' }),
    ).toBe('repo:a/b:ref:refs/heads/dev')
  })
})

describe('githubSubject: custom templates', () => {
  it('["repo","context"] reproduces the default in every situation', () => {
    for (const run of [{}, { tag: 'v2' }, { event: 'pull_request' }, { environment: 'a:b' }]) {
      expect(sub(run, { includeClaimKeys: ['repo', 'context'] })).toBe(sub(run))
    }
  })

  it('writes key:value pairs in list order, repo meaning repository', () => {
    expect(
      sub(
        { actor: 'mona' },
        { useDefault: false, includeClaimKeys: ['actor', 'repo', 'ref_type'] },
      ),
    ).toBe('actor:mona:repo:octo-org/octo-repo:ref_type:branch')
  })

  it('escapes ":" in every value, including the context tail', () => {
    expect(
      sub(
        { workflowName: 'Deploy: prod', environment: 'x:y' },
        { includeClaimKeys: ['workflow', 'context'] },
      ),
    ).toBe('workflow:Deploy%3A prod:environment:x%3Ay')
  })

  it('useDefault: true ignores the keys', () => {
    expect(sub({}, { useDefault: true, includeClaimKeys: ['actor'] })).toBe(sub({}))
  })

  it('an empty template object means no customisation', () => {
    expect(sub({}, {})).toBe(sub({}))
  })

  it('accepts repo_property_* and job_workflow_ref keys', () => {
    expect(
      sub(
        { customProperties: { team: 'infra' } },
        { includeClaimKeys: ['repo', 'repo_property_team', 'job_workflow_ref'] },
      ),
    ).toBe(
      'repo:octo-org/octo-repo:repo_property_team:infra:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    )
  })

  it('writes an absent claim with an empty value (Sim choice)', () => {
    expect(sub({}, { includeClaimKeys: ['repo', 'environment'] })).toBe(
      'repo:octo-org/octo-repo:environment:',
    )
  })

  it.each([
    [{ useDefault: false }, 'subjectTemplate.includeClaimKeys'],
    [{ includeClaimKeys: [] }, 'subjectTemplate.includeClaimKeys'],
    [{ includeClaimKeys: ['repo', 'aud'] }, 'subjectTemplate.includeClaimKeys[1]'],
    [{ includeClaimKeys: ['nonsense'] }, 'subjectTemplate.includeClaimKeys[0]'],
  ])('rejects the unusable template %j', (template, path) => {
    let error: unknown
    try {
      sub({}, template)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as InvalidInputError).path).toBe(path)
  })
})

describe('githubSubject: immutable form', () => {
  it('writes OWNER@OWNER_ID/REPO@REPO_ID in every default format', () => {
    const im = { immutableSubject: true }
    expect(sub(im)).toBe('repo:octo-org@65/octo-repo@74:ref:refs/heads/main')
    expect(sub({ ...im, environment: 'prod' })).toBe(
      'repo:octo-org@65/octo-repo@74:environment:prod',
    )
    expect(sub({ ...im, event: 'pull_request' })).toBe('repo:octo-org@65/octo-repo@74:pull_request')
  })

  it('keeps the ids in repo in custom templates; repository stays name-based', () => {
    expect(
      sub({ immutableSubject: true }, { includeClaimKeys: ['repo', 'repository', 'context'] }),
    ).toBe('repo:octo-org@65/octo-repo@74:repository:octo-org/octo-repo:ref:refs/heads/main')
  })

  it('needs the numeric ids', () => {
    expect(() =>
      githubSubject({ repository: 'a/b', ref: 'refs/heads/main', event_name: 'push' }, undefined, {
        immutable: true,
      }),
    ).toThrow(InvalidInputError)
  })
})

describe('parseSubject', () => {
  it('reads every default format back', () => {
    expect(parseSubject('repo:octo-org/octo-repo:ref:refs/heads/main')).toMatchObject({
      kind: 'ref',
      owner: 'octo-org',
      repo: 'octo-repo',
      immutable: false,
      value: 'refs/heads/main',
    })
    expect(parseSubject('repo:octo-org/octo-repo:pull_request')).toMatchObject({
      kind: 'pull_request',
      owner: 'octo-org',
    })
    expect(parseSubject('repo:o/r:environment:Production%3AV1')).toMatchObject({
      kind: 'environment',
      value: 'Production:V1',
      parts: [
        { key: 'repo', value: 'o/r' },
        { key: 'environment', value: 'Production%3AV1' },
      ],
    })
  })

  it('reads the immutable form', () => {
    const p = parseSubject('repo:octo-org@65/octo-repo@74:environment:prod')
    expect(p).toEqual({
      kind: 'environment',
      owner: 'octo-org',
      ownerId: '65',
      repo: 'octo-repo',
      repoId: '74',
      immutable: true,
      value: 'prod',
      parts: [
        { key: 'repo', value: 'octo-org@65/octo-repo@74' },
        { key: 'environment', value: 'prod' },
      ],
    })
  })

  it('round-trips what githubSubject writes, custom templates included', () => {
    const s = sub(
      { event: 'pull_request', immutableSubject: true },
      { includeClaimKeys: ['repository_owner', 'context', 'repo', 'actor'] },
    )
    expect(parseSubject(s)).toMatchObject({
      kind: 'custom',
      owner: 'octo-org',
      repoId: '74',
      parts: [
        { key: 'repository_owner', value: 'octo-org' },
        { key: 'pull_request', value: '' },
        { key: 'repo', value: 'octo-org@65/octo-repo@74' },
        { key: 'actor', value: 'octocat' },
      ],
    })
  })

  it.each([
    '',
    'repo',
    'repo:a/b:ref',
    'repo:nobody:ref:refs/heads/main',
    'repo:a@1/b:pull_request',
  ])('rejects %j', (s) => {
    expect(() => parseSubject(s)).toThrow(InvalidInputError)
  })
})
