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
})
