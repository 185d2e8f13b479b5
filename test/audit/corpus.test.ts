/**
 * The auditor against its corpus (corpus.ts): the expected findings for every policy, no
 * high finding on a safe one, and every counterexample proven — by the real GitHub claim builder
 * and the policy engine here, end to end through the issuer and STS with walk() in
 * test/handshake/audit-proof.test.ts — and every fix checked: the attack fails, the baseline works.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicy, auditTrustPolicyReport } from '../../lib/audit/audit.js'
import type { AuditReport } from '../../lib/audit/audit.js'
import type { Counterexample } from '../../lib/audit/types.js'
import { severityRank } from '../../lib/audit/types.js'
import { requestContextFromToken } from '../../lib/aws/policy/context.js'
import { evaluateTrustPolicy } from '../../lib/aws/policy/evaluate.js'
import { fixedClock } from '../../lib/core/clock.js'
import { githubClaims } from '../../lib/github/claims.js'
import { CORPUS } from './corpus.js'

/** The real GitHub side mints the attacker's claims; the AWS side builds the context and decides. */
function engineDecision(
  report: AuditReport,
  policy: object | string,
  ce: Pick<Counterexample, 'run' | 'audience' | 'subjectTemplate' | 'claims'>,
) {
  const provider = report.provider!
  const claims = githubClaims(ce.run, {
    issuer: provider.issuer,
    audience: ce.audience,
    ...(ce.subjectTemplate ? { subjectTemplate: ce.subjectTemplate } : {}),
    clock: fixedClock(Number(ce.claims.iat) * 1000),
  })
  const context = requestContextFromToken(
    claims as unknown as Record<string, unknown>,
    { Url: provider.issuer, Arn: provider.arn },
    { roleSessionName: 'GitHubActions' },
  )
  return { claims, decision: evaluateTrustPolicy(policy, context).decision }
}

function engineStatements(report: AuditReport, policy: object | string, ce: Counterexample) {
  const provider = report.provider!
  const claims = githubClaims(ce.run, {
    issuer: provider.issuer,
    audience: ce.audience,
    ...(ce.subjectTemplate ? { subjectTemplate: ce.subjectTemplate } : {}),
    clock: fixedClock(Number(ce.claims.iat) * 1000),
  })
  const context = requestContextFromToken(claims as unknown as Record<string, unknown>, {
    Url: provider.issuer,
    Arn: provider.arn,
  })
  return evaluateTrustPolicy(policy, context).statements
}

const reports = new Map(CORPUS.map((e) => [e.name, auditTrustPolicyReport(e.policy, e.options)]))

describe('the audit corpus', () => {
  it('has at least 60 policies: patterns, fixes and tricky safe ones', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60)
    for (const kind of ['pattern', 'fix', 'safe'] as const) {
      expect(CORPUS.filter((e) => e.kind === kind).length).toBeGreaterThanOrEqual(10)
    }
    expect(new Set(CORPUS.map((e) => e.name)).size).toBe(CORPUS.length)
  })

  it('covers every finding id of the catalogue at least once', async () => {
    const { FINDING_RULES } = await import('../../lib/audit/catalogue.js')
    const seen = new Set(CORPUS.flatMap((e) => e.expect))
    expect([...FINDING_RULES.keys()].filter((id) => !seen.has(id))).toEqual([])
  })
})

describe.each(CORPUS.map((e) => [e.name, e] as const))('%s', (name, entry) => {
  const report = reports.get(name)!

  it('reports exactly the expected finding ids', () => {
    expect([...new Set(report.findings.map((f) => f.id))].sort()).toEqual([...entry.expect].sort())
  })

  if (entry.kind !== 'pattern') {
    it('has no high or critical finding', () => {
      expect(
        report.findings.filter((f) => severityRank(f.severity) <= severityRank('high')),
      ).toEqual([])
    })
  }

  it('locates every finding in the policy', () => {
    for (const f of report.findings) {
      expect(f.location.path).toMatch(/^Statement/)
      if (typeof entry.policy === 'string' || f.location.line !== undefined)
        expect(f.location.line).toBeGreaterThan(0)
      expect(f.references.length).toBeGreaterThan(0)
      expect(f.fix.length).toBeGreaterThan(0)
    }
  })

  const withCe = report.findings.filter((f) => f.counterexample)
  if (withCe.length === 0) return

  it.each(withCe.map((f) => [f.id, f] as const))(
    'counterexample of %s: the real claims, and the engine allows them',
    (_id, f) => {
      const ce = f.counterexample!
      const { claims, decision } = engineDecision(report, entry.policy, ce)
      expect(decision).toBe('Allow')
      // The auditor mints with lib/github's githubClaims: the very same claims, token id included.
      expect(ce.claims).toEqual(claims)
    },
  )

  it.each(withCe.map((f) => [f.id, f] as const))(
    'counterexample of %s comes from somewhere else than the baseline',
    (_id, f) => {
      const a = f.counterexample!.run
      const b = report.baseline!.run
      expect(JSON.stringify(a)).not.toBe(JSON.stringify(b))
      expect(f.counterexample!.attacker.length).toBeGreaterThan(10)
    },
  )

  const fixed = withCe.filter((f) => f.fixedPolicy)
  if (fixed.length === 0) return
  it.each(fixed.map((f) => [f.id, f] as const))(
    'the fix of %s stops the attack and keeps the baseline',
    (_id, f) => {
      const ce = f.counterexample!
      // The fixed statement no longer lets the attacker in (another statement may, with its own finding).
      const index = Number(/^Statement(?:\[(\d+)\])?/.exec(f.location.path)?.[1] ?? 0)
      const after = engineStatements(report, f.fixedPolicy!, ce)
      expect(after[index]!.applies && after[index]!.effect === 'Allow').toBe(false)
      if (f.id !== 'pull-request-subject' && report.baseline!.allowed) {
        const b = report.baseline!
        expect(engineDecision(report, f.fixedPolicy!, { ...b, claims: b.claims }).decision).toBe(
          'Allow',
        )
      }
      const again = auditTrustPolicy(f.fixedPolicy!, entry.options)
      expect(
        again.filter(
          (g) => g.id === f.id && g.location.path === f.location.path && g.counterexample,
        ),
      ).toEqual([])
    },
  )
})
