/**
 * Reading policy values into runs (subject.ts), where a wildcard sits (shapeOf), and the
 * finding catalogue's consistency.
 */
import { describe, expect, it } from 'vitest'
import { shapeOf } from '../../lib/audit/attribute.js'
import { FINDING_RULES, findingRule } from '../../lib/audit/catalogue.js'
import {
  fillPattern,
  isRefName,
  literalPrefix,
  parseSubjectValue,
  parseWorkflowRef,
} from '../../lib/audit/subject.js'
import { compileWildcard, matchWildcard } from '../../lib/aws/policy/wildcard.js'

describe('parseSubjectValue', () => {
  it('reads the default forms', () => {
    expect(parseSubjectValue('repo:acme/app:ref:refs/heads/main')).toMatchObject({
      owner: 'acme',
      repo: 'app',
      immutable: false,
      context: { kind: 'ref', ref: { branch: 'main' } },
    })
    expect(parseSubjectValue('repo:acme/app:ref:refs/tags/v1')?.context).toEqual({
      kind: 'ref',
      ref: { tag: 'v1' },
    })
    expect(parseSubjectValue('repo:acme/app:environment:prod%3Aeu')?.context).toEqual({
      kind: 'environment',
      name: 'prod:eu',
    })
    expect(parseSubjectValue('repo:acme/app:pull_request')?.context).toEqual({
      kind: 'pull_request',
    })
    expect(parseSubjectValue('repo:acme/app:pull_request')?.template).toBeUndefined()
  })

  it('reads the immutable form and custom templates', () => {
    expect(parseSubjectValue('repo:acme@12/app@34:ref:refs/heads/main')).toMatchObject({
      ownerId: '12',
      repoId: '34',
      immutable: true,
    })
    expect(parseSubjectValue('workflow:deploy:repo:acme/app:ref:refs/heads/main')).toMatchObject({
      claims: { workflow: 'deploy' },
      template: { useDefault: false, includeClaimKeys: ['workflow', 'repo', 'context'] },
    })
  })

  it('reads templates without repo or context, as githubSubject writes them', () => {
    // ["repo"] and ["context"] are valid include_claim_keys (FACTS.md §1.5): real runs mint these.
    expect(parseSubjectValue('repo:acme/app')).toMatchObject({
      owner: 'acme',
      repo: 'app',
      template: { useDefault: false, includeClaimKeys: ['repo'] },
    })
    expect(parseSubjectValue('ref:refs/heads/main')).toMatchObject({
      context: { kind: 'ref', ref: { branch: 'main' } },
      template: { useDefault: false, includeClaimKeys: ['context'] },
    })
    expect(parseSubjectValue('repository_owner:acme:environment:prod')).toMatchObject({
      claims: { repository_owner: 'acme' },
      context: { kind: 'environment', name: 'prod' },
      template: { includeClaimKeys: ['repository_owner', 'context'] },
    })
    expect(parseSubjectValue('repo:acme/app:ref:refs/heads/main:head_ref:')?.claims).toEqual({
      head_ref: '',
    })
  })

  it('refuses what no run can mint', () => {
    for (const bad of [
      'repo:acme',
      'repo:-acme/app:ref:refs/heads/main',
      'repo:acme/app:ref:main',
      'repo:acme@1/app:ref:refs/heads/main',
      'repo:acme/app:ref:refs/heads/a..b',
      'repo:a/b:pull_request:pull_request',
      'unknownkey:x:repo:a/b:pull_request',
      'aud:sts.amazonaws.com:repo:a/b:pull_request',
      'workflow:a:workflow:b',
    ]) {
      expect(parseSubjectValue(bad), bad).toBeUndefined()
    }
  })
})

describe('patterns', () => {
  it('fills wildcards with every combination, in order, up to a limit', () => {
    expect(fillPattern('repo:acme*', ['-evil/x:ref:refs/heads/main', ''])).toEqual([
      'repo:acme-evil/x:ref:refs/heads/main',
      'repo:acme',
    ])
    expect(fillPattern('a*b*', ['1', '2'])).toEqual(['a1b1', 'a1b2', 'a2b1', 'a2b2'])
    expect(fillPattern('a?', [])).toEqual(['ax', 'a-', 'a/'])
    expect(fillPattern('*', ['a', 'b', 'c'], 2)).toHaveLength(2)
    expect(fillPattern('plain', ['x'])).toEqual(['plain'])
  })

  it('every fill matches its pattern, by the engine’s own wildcard matcher', () => {
    const fills = [
      '',
      'x',
      'mallory-org/app:ref:refs/heads/main',
      '-mallory',
      ':repo:a/b:pull_request',
    ]
    for (const p of [
      'repo:*',
      'repo:acme*',
      'repo:*/app:*',
      '*:ref:refs/heads/main',
      'repo:acme/app:ref:refs/heads/v?',
    ]) {
      for (const v of fillPattern(p, fills)) {
        expect(matchWildcard(compileWildcard(p), v), `${p} ~ ${v}`).toBe(true)
      }
    }
  })

  it('literalPrefix stops at the first wildcard', () => {
    expect(literalPrefix('repo:acme/*:ref')).toBe('repo:acme/')
    expect(literalPrefix('repo:a?')).toBe('repo:a')
    expect(literalPrefix('exact')).toBe('exact')
  })

  it('reads refs and reusable-workflow refs', () => {
    expect(isRefName('release/1.x')).toBe(true)
    expect(isRefName('a:b')).toBe(false)
    expect(parseWorkflowRef('acme/ci/.github/workflows/d.yml@refs/tags/v1')).toEqual({
      owner: 'acme',
      repo: 'ci',
      path: '.github/workflows/d.yml',
      ref: 'refs/tags/v1',
    })
    expect(parseWorkflowRef(`acme/ci/.github/workflows/d.yml@${'a'.repeat(40)}`)?.ref).toBe(
      'a'.repeat(40),
    )
    expect(parseWorkflowRef('acme/ci/deploy.yml@refs/heads/main')).toBeUndefined()
  })
})

describe('shapeOf: what a wildcard opens, by where it sits', () => {
  it.each([
    ['sub', '*', 'subject-wildcard'],
    ['sub', 'repo:*', 'subject-wildcard'],
    ['sub', 'repo:*/*', 'subject-wildcard'],
    ['sub', 'repo:acme*', 'owner-prefix-wildcard'],
    ['sub', 'repo:acme/*', 'organization-wide'],
    ['sub', 'repo:acme/app-*:ref:refs/heads/main', 'organization-wide'],
    ['sub', 'repo:acme/app:*', 'repository-wide'],
    ['sub', 'repo:acme/app:ref:*', 'repository-wide'],
    ['sub', 'repo:acme/app:ref:refs/heads/main*', 'branch-wildcard'],
    ['sub', 'repo:acme/app:environment:prod*', 'environment-wildcard'],
    ['sub', 'workflow:deploy*', 'attacker-controlled-claim'],
    ['repository', 'acme*', 'owner-prefix-wildcard'],
    ['repository', 'acme/*', 'organization-wide'],
    ['job_workflow_ref', 'acme/*', 'organization-wide'],
    ['job_workflow_ref', 'acme/ci/.github/workflows/*', 'repository-wide'],
    ['job_workflow_ref', 'acme/ci/.github/workflows/d.yml@*', 'branch-wildcard'],
    ['ref', 'refs/heads/*', 'branch-wildcard'],
    ['environment', 'prod-*', 'environment-wildcard'],
    ['workflow', 'deploy*', 'attacker-controlled-claim'],
  ] as const)('%s %s → %s', (suffix, value, id) => {
    expect(shapeOf(suffix, value)).toBe(id)
  })
})

describe('the finding catalogue', () => {
  it('gives every rule a title, a summary and https references', () => {
    for (const rule of FINDING_RULES.values()) {
      expect(rule.title.length).toBeGreaterThan(10)
      expect(rule.summary.length).toBeGreaterThan(40)
      expect(rule.references.length).toBeGreaterThan(0)
      for (const r of rule.references) expect(r).toMatch(/^https:\/\/[^\s]+$/)
    }
    expect(() => findingRule('nope' as never)).toThrow()
  })
})
