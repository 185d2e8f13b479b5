/**
 * The auditor's bounds (lib/audit/budget.ts) on the hostile inputs of issue 15: each used to hang,
 * overflow the stack or run out of memory; now the audit returns, and says in a `too-complex`
 * finding what it checked when it had to stop short. Speed is measured by `npm run bench`
 * (test/bench/audit.bench.ts), not here: the only clock here is a generous sanity bound.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicyReport } from '../../lib/audit/audit.js'
import {
  AUDIT_LIMITS,
  attackLimit,
  evaluationCost,
  exploitLimit,
  wildcardCount,
} from '../../lib/audit/budget.js'
import { auditAndProveReport } from '../../lib/audit/proof.js'
import { fillPattern } from '../../lib/audit/subject.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { CORPUS, K, PROVIDER, gh } from './corpus.js'

const statement = (condition: object) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
})
const aud = { [`${K}:aud`]: 'sts.amazonaws.com' }

/** `n` values in one StringLike, about 17 characters each (3,000 make the 50 KB). */
function manyValues(n: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      statement({
        StringEquals: aud,
        StringLike: { [`${K}:sub`]: Array.from({ length: n }, (_, i) => `repo:org/r${i}:*`) },
      }),
    ],
  })
}

function manyStatements(n: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: Array.from({ length: n }, (_, i) =>
      statement({ StringEquals: aud, StringLike: { [`${K}:sub`]: `repo:octo-org/app-${i}:*` } }),
    ),
  })
}

describe('issue 15 #1: sixteen stars and Z in aud', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringLike: {
            [`${K}:aud`]: `${'*'.repeat(16)}Z`,
            [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
          },
        },
      },
    ],
  })

  it('is a policy of the issue’s size', () => {
    expect(policy.length).toBeLessThan(400)
  })

  it('is audited (it took 34 s), and the aud pattern is reported', () => {
    const start = performance.now()
    const report = auditTrustPolicyReport(policy)
    expect(performance.now() - start).toBeLessThan(20_000)
    expect(report.findings.map((f) => f.id)).toContain('like-operator-on-audience')
    expect(report.findings.map((f) => f.id)).not.toContain('too-complex')
  })
})

describe('issue 15 #2: a sub of repo:octo-org/ and 3,000 stars', () => {
  const policy = gh({
    StringEquals: aud,
    StringLike: { [`${K}:sub`]: `repo:octo-org/${'*'.repeat(3000)}` },
  })

  it('is audited without a RangeError: the stars are one wildcard, organization-wide', () => {
    const ids = auditTrustPolicyReport(policy).findings.map((f) => f.id)
    expect(ids).toContain('organization-wide')
    expect(ids).not.toContain('too-complex')
  })

  it('fillPattern takes thousands of wildcards without recursion', () => {
    expect(fillPattern(`repo:octo-org/${'*'.repeat(3000)}`, ['x', 'y'])).toEqual([
      'repo:octo-org/x',
      'repo:octo-org/y',
    ])
    const spread = fillPattern('*a'.repeat(3000), ['x', 'y'], 10, undefined, 1)
    expect(spread).toEqual(['x' + 'a'.repeat(3000), 'y' + 'a'.repeat(3000)])
  })
})

describe('issue 15 #3: thousands of values, hundreds of statements', () => {
  it.each([1000, 3000])('%i values: bounded, with a too-complex finding', (n) => {
    const policy = manyValues(n)
    const report = auditTrustPolicyReport(policy)
    const tooComplex = report.findings.find((f) => f.id === 'too-complex')
    expect(tooComplex?.severity).toBe('low')
    expect(tooComplex?.explanation).toContain(
      `${AUDIT_LIMITS.patternValues} of ${n} wildcard values filled with attacker text (the loosest first)`,
    )
    expect(report.attacksTried).toBeLessThanOrEqual(attackLimit(parseTrustPolicy(policy)))
    expect(report.coverage?.patternValues).toEqual({ total: n, filled: AUDIT_LIMITS.patternValues })
    // It still finds what it checked: other repositories than the one the policy is read for.
    expect(report.findings.some((f) => f.counterexample)).toBe(true)
    expect(report.findings.filter((f) => f.counterexample).length).toBeLessThanOrEqual(
      AUDIT_LIMITS.exploitFindings,
    )
  })

  it('400 statements: bounded, with a too-complex finding', () => {
    const report = auditTrustPolicyReport(manyStatements(400))
    const tooComplex = report.findings.find((f) => f.id === 'too-complex')
    expect(tooComplex?.explanation).toContain(
      `${AUDIT_LIMITS.statements} of 400 statements read for the run the policy is meant for`,
    )
    expect(report.coverage?.statements).toEqual({ total: 400, read: AUDIT_LIMITS.statements })
    expect(report.findings.some((f) => f.id === 'repository-wide')).toBe(true)
  })

  it('the loosest of many values is filled first: repo:* at the end of a long list is found', () => {
    const values = [...Array.from({ length: 200 }, (_, i) => `repo:org/r${i}:*`), 'repo:*']
    const report = auditTrustPolicyReport(
      gh({ StringEquals: aud, StringLike: { [`${K}:sub`]: values } }),
    )
    const f = report.findings.find((x) => x.severity === 'critical')
    expect(f?.counterexample?.run.owner).not.toBe('org')
    expect(report.findings.map((x) => x.id)).toContain('too-complex')
  })

  it('proves at most exploitLimit counterexamples of a big policy through walk()', async () => {
    const policy = manyValues(3000)
    const report = await auditAndProveReport(policy)
    const proven = report.findings.filter((f) => f.counterexample)
    expect(proven.length).toBeGreaterThan(0)
    expect(proven.length).toBeLessThanOrEqual(exploitLimit(parseTrustPolicy(policy)))
    expect(proven.every((f) => f.counterexample?.verified)).toBe(true)
  })
})

describe('the limits', () => {
  it('leave every corpus policy (and so any policy IAM stores) audited exhaustively', () => {
    for (const e of CORPUS) {
      const report = auditTrustPolicyReport(e.policy, e.options)
      expect(
        report.findings.some((f) => f.id === 'too-complex'),
        e.name,
      ).toBe(e.expect.includes('too-complex'))
    }
  })

  it('count a run of stars as one wildcard', () => {
    expect(wildcardCount('repo:acme/***:ref:?')).toBe(2)
    expect(wildcardCount('exact')).toBe(0)
  })

  it('let a 4,096-character policy (IAM’s largest) be tried with every attack', () => {
    const policy = parseTrustPolicy(manyValues(230))
    expect(policy.source.length).toBeGreaterThan(4096)
    expect(evaluationCost(policy)).toBeGreaterThan(200)
    expect(attackLimit(policy)).toBe(AUDIT_LIMITS.attacks)
    expect(exploitLimit(policy)).toBe(AUDIT_LIMITS.exploitFindings)
  })
})
