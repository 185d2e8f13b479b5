/**
 * The `too-complex` finding (lib/audit/too-complex.ts): absent when the audit was exhaustive, else
 * one low finding that lists what was checked; a SARIF rule like every other finding.
 */
import { describe, expect, it } from 'vitest'
import { newCoverage } from '../../lib/audit/budget.js'
import { findingRule } from '../../lib/audit/catalogue.js'
import { auditToSarif } from '../../lib/audit/sarif.js'
import { tooComplexFinding } from '../../lib/audit/too-complex.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { K, gh } from './corpus.js'

const coverage = () =>
  newCoverage(parseTrustPolicy(gh({ StringLike: { [`${K}:sub`]: 'repo:a/*' } })))

describe('tooComplexFinding', () => {
  it('is absent when nothing was left out', () => {
    expect(tooComplexFinding(coverage(), K, { path: 'Statement' })).toBeUndefined()
  })

  it('says what was checked when a limit was reached', () => {
    const c = coverage()
    c.attacks = { built: 900, tried: 200 }
    c.exploitFindings = { found: 40, listed: 12 }
    const f = tooComplexFinding(c, K, { path: 'Statement', line: 3, column: 5 })!
    expect(f).toMatchObject({ id: 'too-complex', severity: 'low', location: { line: 3 } })
    expect(f.title).toBe(findingRule('too-complex').title)
    expect(f.explanation).toContain('200 of 900 attacker runs tried')
    expect(f.explanation).toContain('the 12 most severe of 40 exploitable findings listed')
    expect(f.fix).toContain(`${K}:sub`)
  })

  it('has a SARIF rule', () => {
    const c = coverage()
    c.statements = { total: 400, read: 32 }
    const f = tooComplexFinding(c, K, { path: 'Statement' })!
    const sarif = auditToSarif([{ fileName: 'policy.json', policyName: 'policy', findings: [f] }])
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'too-complex')
    expect(rule?.shortDescription.text).toBe('Too complex to audit exhaustively')
    expect(sarif.runs[0]!.results[0]!.ruleId).toBe('too-complex')
  })
})
