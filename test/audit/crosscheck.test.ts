/**
 * The cross-check table (crosscheck.ts): trustwalk's guardrail reproduces every observed AWS
 * verdict, trustwalk's audit gives the tabled verdict, and every disagreement with AWS's guardrail
 * or Checkov CKV_AWS_358 is explained — and only real disagreements are.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicy } from '../../lib/audit/audit.js'
import { severityRank } from '../../lib/audit/types.js'
import { checkGuardrail } from '../../lib/aws/policy/guardrail.js'
import { CROSS_CHECK } from './crosscheck.js'

const risky = (top: string) => top === 'critical' || top === 'high'

describe.each(CROSS_CHECK.map((r) => [r.name, r] as const))('%s', (_name, row) => {
  const findings = auditTrustPolicy(row.policy)
  const top = findings[0]?.severity ?? 'none'

  it('trustwalk gives the tabled verdict', () => {
    expect(top).toBe(row.trustwalk.top)
    if (row.trustwalk.id) {
      expect(findings.filter((f) => f.severity === top).map((f) => f.id)).toContain(
        row.trustwalk.id,
      )
    }
    for (let i = 1; i < findings.length; i++) {
      expect(severityRank(findings[i]!.severity)).toBeGreaterThanOrEqual(
        severityRank(findings[i - 1]!.severity),
      )
    }
  })

  if (row.guardrail) {
    it(`trustwalk reproduces AWS's observed guardrail verdict (${row.guardrail})`, () => {
      expect(checkGuardrail(row.policy).ok).toBe(row.guardrail === 'accepted')
      expect(findings.some((f) => f.id === 'aws-guardrail-rejects')).toBe(
        row.guardrail === 'rejected',
      )
    })
  }

  it('explains every disagreement with a check, and only disagreements', () => {
    const disagrees =
      (row.guardrail !== undefined && (row.guardrail === 'accepted') === risky(top)) ||
      (row.checkov !== undefined && (row.checkov.verdict === 'PASSED') === risky(top))
    expect(Boolean(row.why)).toBe(disagrees)
  })
})

describe('the cross-check table', () => {
  it('covers every observed guardrail case and the documented Checkov examples', () => {
    expect(CROSS_CHECK.filter((r) => r.guardrail === 'rejected').length).toBeGreaterThanOrEqual(4)
    expect(CROSS_CHECK.filter((r) => r.guardrail === 'accepted').length).toBeGreaterThanOrEqual(4)
    const examples = CROSS_CHECK.flatMap((r) => (r.checkov?.example ? [r.checkov.example] : []))
    for (const name of [
      'pass_aud_first',
      'pass2',
      'pass3',
      'fail1',
      'fail2',
      'fail-wildcard',
      'fail-abusable',
      'fail-wildcard-assertion',
      'fail-misused-repo',
      'pass-org-only',
      'pass-gh-org',
    ]) {
      expect(examples).toContain(name)
    }
  })
})
