import { describe, expect, it } from 'vitest'
import { STEPS, stepInfo } from '../../lib/core/steps.js'
import { STEP_IDS } from '../../lib/core/trace.js'

describe('STEPS', () => {
  it('lists the five steps of the Trace, in order, numbered from 1', () => {
    expect(STEPS.map((s) => s.id)).toEqual(STEP_IDS)
    expect(STEPS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5])
  })

  it('names each step with a title, a summary and a one-sentence description', () => {
    expect(STEPS.map((s) => s.title)).toEqual([
      'Discovery',
      'Issue',
      'Verify',
      'Conditions',
      'Credentials',
    ])
    for (const s of STEPS) {
      expect(s.summary.length, s.id).toBeGreaterThan(10)
      expect(s.description, s.id).toMatch(/\.$/)
    }
  })

  it('stepInfo finds a step by id and refuses an unknown one', () => {
    expect(stepInfo('verify')).toBe(STEPS[2])
    expect(() => stepInfo('nope' as never)).toThrow('unknown step nope')
  })
})
