/**
 * Every counterexample of the audit corpus, replayed end to end: GitHub's issuer mints the
 * attacker's token through the runner protocol and STS (discovery, JWKS, signature, audience,
 * trust policy) hands out credentials. A counterexample that does not get credentials would be
 * dropped — that must never happen for the corpus, and must happen for a policy that stops it.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicyReport } from '../../lib/audit/audit.js'
import {
  auditAndProve,
  auditAndProveDocument,
  auditAndProveReport,
  counterexampleScenario,
  proveFindings,
} from '../../lib/audit/proof.js'
import { walk } from '../../lib/handshake/walk.js'
import { CORPUS, K, PROVIDER, gh } from './corpus.js'

const proven = CORPUS.filter((e) =>
  auditTrustPolicyReport(e.policy, e.options).findings.some((f) => f.counterexample),
)

describe('auditAndProve over the corpus', () => {
  it('has counterexamples to prove in most pattern entries', () => {
    expect(proven.length).toBeGreaterThanOrEqual(40)
  })

  it.each(proven.map((e) => [e.name, e] as const))(
    '%s: every counterexample gets credentials from STS',
    async (_name, entry) => {
      const before = auditTrustPolicyReport(entry.policy, entry.options)
      const report = await auditAndProveReport(entry.policy, entry.options)
      const withCe = before.findings.filter((f) => f.counterexample)
      const after = report.findings.filter((f) => f.counterexample)
      expect(after.map((f) => f.id)).toEqual(withCe.map((f) => f.id))
      for (const f of after) {
        const ce = f.counterexample!
        expect(ce.verified).toBe(true)
        expect(ce.proof).toMatchObject({ ok: true, via: 'walk' })
        expect(ce.proof!.assumedRoleArn).toMatch(
          /^arn:aws:sts::\d{12}:assumed-role\/audited-role\/GitHubActions$/,
        )
        // The claims are now the ones the real issuer signed, and they are exactly what the engine
        // saw: the auditor mints with the same githubClaims (one claim model, token id included).
        const engine = withCe.find(
          (g) => g.id === f.id && g.location.path === f.location.path,
        )!.counterexample!
        expect(ce.claims.sub).toBe(engine.claims.sub)
        expect(ce.claims.repository).toBe(engine.claims.repository)
        expect(ce.claims.iss).toBe(report.provider!.issuer)
        expect(ce.claims).toEqual(engine.claims)
      }
    },
  )
})

describe('proveFindings', () => {
  const orgWide = gh({
    StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
    StringLike: { [`${K}:sub`]: 'repo:acme/*' },
  })
  const exact = gh({
    StringEquals: {
      [`${K}:aud`]: 'sts.amazonaws.com',
      [`${K}:sub`]: 'repo:acme/app:ref:refs/heads/main',
    },
  })

  it('drops a counterexample that does not get credentials, and says so', async () => {
    const report = auditTrustPolicyReport(orgWide)
    const finding = report.findings.find((f) => f.id === 'organization-wide')!
    const [proved] = await proveFindings(exact, [finding], report.provider!)
    expect(proved!.counterexample).toBeUndefined()
    expect(proved!.explanation).toMatch(
      /did not get credentials end to end — STS answered AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity/,
    )
  })

  it('keeps findings without a counterexample as they are', async () => {
    const report = auditTrustPolicyReport(exact)
    const plain = report.findings.filter((f) => !f.counterexample)
    expect(await proveFindings(exact, plain, report.provider!)).toEqual(plain)
  })

  it('builds a walkable scenario: the attacker run, its audience, the role as an existing role', async () => {
    const report = auditTrustPolicyReport(orgWide)
    const ce = report.findings.find((f) => f.id === 'organization-wide')!.counterexample!
    const scenario = counterexampleScenario(orgWide, ce, report.provider!)
    expect(scenario.account.accountId).toBe('123456789012')
    expect(scenario.account.oidcProviders?.[0]?.ClientIDList).toEqual([ce.audience])
    expect(scenario.account.roles?.[0]).toMatchObject({
      RoleName: 'audited-role',
      legacyRole: true,
    })
    const trace = await walk(scenario)
    expect(trace.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
  })

  it('proves a policy AWS would refuse today (an existing role is not re-checked)', async () => {
    const audOnly = gh({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' } })
    const findings = await auditAndProve(audOnly)
    expect(findings.find((f) => f.id === 'audience-only')?.counterexample?.verified).toBe(true)
    expect(findings.some((f) => f.id === 'aws-guardrail-rejects')).toBe(true)
  })

  it('proves the findings of a CloudFormation file, located in the file', async () => {
    const template = JSON.stringify(
      {
        Resources: {
          Deploy: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Federated: PROVIDER },
                    Action: 'sts:AssumeRoleWithWebIdentity',
                    Condition: { StringLike: { [`${K}:sub`]: 'repo:acme/*' } },
                  },
                ],
              },
            },
          },
        },
      },
      null,
      2,
    )
    const [result] = await auditAndProveDocument(template, 'infra/template.json')
    const f = result!.findings.find((x) => x.id === 'organization-wide')!
    expect(f.counterexample?.verified).toBe(true)
    expect(f.location.path).toBe(
      `Resources.Deploy.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringLike["${K}:sub"]`,
    )
    expect(template.split('\n')[f.location.line! - 1]).toContain('repo:acme/*')
  })
})
