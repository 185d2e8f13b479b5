/**
 * lib/workshop/content.ts: a folder's check.json is read strictly, and each kind runs its check.
 */
import { CONTENT } from './folders.js'
import { describe, expect, it } from 'vitest'
import { parseCheckSpec, runExerciseCheck } from '../../lib/workshop/content.js'

describe('parseCheckSpec', () => {
  it('refuses an unknown kind, a run without a label and an unknown module', () => {
    expect(() => parseCheckSpec({ kind: 'magic' }, 'c.json')).toThrow(/c\.json: "kind" must be/)
    expect(() =>
      parseCheckSpec({ kind: 'trust-policy', allow: [{ id: 'x', run: {} }], deny: [] }, 'c.json'),
    ).toThrow('allow[0] needs "id", "label" and "run"')
    expect(() => parseCheckSpec({ kind: 'module', module: 'nope' }, 'c.json')).toThrow(
      'no check module "nope"',
    )
    expect(() => parseCheckSpec([], 'c.json')).toThrow('expected a JSON object')
    expect(() =>
      parseCheckSpec({ kind: 'trust-policy', issuer: 'jenkins', allow: [], deny: [] }, 'c.json'),
    ).toThrow('c.json: "issuer" must be one of github, gitlab, circleci')
  })

  it('accepts every committed check.json', () => {
    for (const c of CONTENT) expect(parseCheckSpec(c.check, c.id)).toBe(c.check)
  })
})

describe('runExerciseCheck', () => {
  it('runs a declared trust-policy check: each listed run allowed or denied', async () => {
    const onlyMain = CONTENT.find((c) => c.id === 'only-main')!
    const report = await runExerciseCheck(onlyMain.check, onlyMain.solution)
    expect(report.checks.map((c) => c.id)).toEqual([
      'policy.guardrail',
      'allow.main',
      'deny.feature-branch',
      'deny.main-prefix',
      'deny.pull-request',
      'deny.tag',
      'deny.other-repo',
      'deny.other-audience',
    ])
    expect(report.ok).toBe(true)
  })

  it('a file that is not a policy fails; with no runs only the guardrail is asked', async () => {
    const onlyMain = CONTENT.find((c) => c.id === 'only-main')!
    const report = await runExerciseCheck({ kind: 'trust-policy', allow: [], deny: [] }, 'x')
    expect(report.ok).toBe(false)
    const passed = await runExerciseCheck(
      { kind: 'trust-policy', allow: [], deny: [] },
      onlyMain.solution,
    )
    expect(passed.checks.map((c) => c.id)).toEqual(['policy.guardrail'])
  })

  it('with "issuer", the runs are that CI system’s and its tokens come under its provider', async () => {
    const gitlab = CONTENT.find((c) => c.id === 'gitlab-one-project')!
    expect(gitlab.check).toMatchObject({ kind: 'trust-policy', issuer: 'gitlab' })
    const solved = await runExerciseCheck(gitlab.check, gitlab.solution)
    expect(solved.ok).toBe(true)
    expect(solved.checks[0]!.label).toContain('shared issuers such as GitLab')
    const recycled = solved.checks.find((c) => c.id === 'deny.recycled-path')!
    expect(recycled.detail).toContain('gitlab.com:project_id is "99999991"')
    // The starting policy lets the group's other projects, a tag named main and a re-created
    // project in.
    const start = await runExerciseCheck(gitlab.check, gitlab.start)
    expect(start.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual([
      'deny.other-project',
      'deny.subgroup',
      'deny.tag-named-main',
      'deny.recycled-path',
    ])
    // The same runs read as GitHub runs cannot even be built: the issuer decides the run model.
    const { issuer: _issuer, ...asGithub } = gitlab.check as { issuer: string }
    await expect(
      runExerciseCheck(asGithub as typeof gitlab.check, gitlab.solution),
    ).rejects.toThrow(/run\.owner|owner/)
  })
})
