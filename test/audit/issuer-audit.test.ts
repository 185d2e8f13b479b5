/**
 * The auditor on the other CI systems (lib/audit/issuer-audit.ts) against the issuer entries of
 * the corpus: exactly the expected findings; nothing at or above medium on the shapes the
 * platforms' AWS guides recommend (FACTS-ISSUERS.md); every counterexample minted by that
 * platform's own claim builder, allowed by the engine, and proven end to end — the platform's
 * issuer emulator signs the attacker's token and STS hands out credentials (walk()).
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicyReport } from '../../lib/audit/audit.js'
import { issuerAuditContext, issuerClaims } from '../../lib/audit/issuer-audit.js'
import { auditAndProveReport, proveFindings } from '../../lib/audit/proof.js'
import { AUDIT_LIMITS, exploitLimit } from '../../lib/audit/budget.js'
import { severityRank } from '../../lib/audit/types.js'
import { requestContextFromToken } from '../../lib/aws/policy/context.js'
import { evaluateTrustPolicy } from '../../lib/aws/policy/evaluate.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { fixedClock } from '../../lib/core/clock.js'
import { getIssuerProfile, ISSUER_KINDS } from '../../lib/issuers/index.js'
import { ACCOUNT, CORPUS } from './corpus.js'

const ENTRIES = CORPUS.filter((e) => e.issuerKind !== undefined)
/** Findings read from the policy's text, with no attacker run to prove. */
const STATIC: string[] = [
  'no-run-allowed',
  'unknown-condition-key',
  'bitbucket-environment-by-name',
  'aws-guardrail-rejects',
  'aws-guardrail-misses',
]

describe('the issuer corpus', () => {
  it('has risky and safe shapes for every issuer other than GitHub', () => {
    for (const kind of ISSUER_KINDS.filter((k) => k !== 'github')) {
      const mine = ENTRIES.filter((e) => e.issuerKind === kind)
      expect(
        mine.some((e) => e.kind === 'safe'),
        kind,
      ).toBe(true)
      expect(mine.filter((e) => e.kind === 'pattern').length, kind).toBeGreaterThanOrEqual(3)
    }
  })
})

describe.each(ENTRIES.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
  const report = auditTrustPolicyReport(entry.policy, entry.options)

  it("is audited with the platform's model", () => {
    expect(report.provider?.issuerKind).toBe(entry.issuerKind)
    expect(report.issuerBaseline?.allowed).toBe(!entry.expect.includes('no-run-allowed'))
  })

  it('reports exactly the expected finding ids', () => {
    expect([...new Set(report.findings.map((f) => f.id))].sort()).toEqual([...entry.expect].sort())
  })

  if (entry.kind === 'safe') {
    it('stays silent: no finding at or above medium', () => {
      expect(
        report.findings.filter((f) => severityRank(f.severity) <= severityRank('medium')),
      ).toEqual([])
    })
  }

  it('locates every finding and gives a fix and references', () => {
    for (const f of report.findings) {
      expect(f.location.path).toMatch(/^Statement/)
      expect(f.location.line).toBeGreaterThan(0)
      expect(f.fix.length).toBeGreaterThan(0)
      expect(f.references.length).toBeGreaterThan(0)
    }
  })

  const withCe = report.findings.filter((f) => f.issuerCounterexample)
  if (entry.kind === 'pattern') {
    it('proves every risky finding with a counterexample', () => {
      expect(withCe.map((f) => f.id).sort()).toEqual(
        report.findings
          .filter((f) => !STATIC.includes(f.id))
          .map((f) => f.id)
          .sort(),
      )
    })
  }
  if (withCe.length === 0) return

  it.each(withCe.map((f) => [f.id, f] as const))(
    "counterexample of %s: the platform's own claims, and the engine allows them",
    (_id, f) => {
      const ce = f.issuerCounterexample!
      const profile = getIssuerProfile(ce.issuerKind)
      const claims = profile.claims(profile.parseRun(ce.run), {
        issuer: report.provider!.issuer,
        audience: ce.audience,
        clock: fixedClock(Number(ce.claims.iat) * 1000),
      })
      expect(ce.claims).toEqual(claims)
      const context = requestContextFromToken(claims, {
        Url: report.provider!.issuer,
        Arn: report.provider!.arn,
      })
      expect(evaluateTrustPolicy(entry.policy, context).decision).toBe('Allow')
      // Another run than the one the policy is meant for.
      expect(JSON.stringify(ce.run)).not.toBe(JSON.stringify(report.issuerBaseline!.run))
    },
  )

  it('every counterexample gets credentials end to end (walk with the issuer emulator)', async () => {
    const proved = await auditAndProveReport(entry.policy, entry.options)
    const after = proved.findings.filter((f) => f.issuerCounterexample)
    expect(after.map((f) => f.id)).toEqual(withCe.map((f) => f.id))
    for (const f of after) {
      const ce = f.issuerCounterexample!
      expect(ce.verified).toBe(true)
      expect(ce.proof).toMatchObject({ ok: true, via: 'walk' })
      expect(ce.proof!.assumedRoleArn).toMatch(
        new RegExp(
          `^arn:aws:sts::${ACCOUNT}:assumed-role/audited-role/${getIssuerProfile(ce.issuerKind).sessionName}$`,
        ),
      )
      // The issuer signed exactly the claims the engine judged.
      const before = withCe.find((g) => g.id === f.id && g.location.path === f.location.path)!
      expect(ce.claims).toEqual(before.issuerCounterexample!.claims)
      expect(ce.claims.iss).toBe(proved.provider!.issuer)
    }
  })
})

describe('issuer audit', () => {
  const gitlabGroup = CORPUS.find((e) => e.name === 'gitlab-group-wildcard')!
  const exact = CORPUS.find((e) => e.name === 'gitlab-recommended-protected')!

  it('drops a counterexample the proved policy refuses, and says so', async () => {
    const report = auditTrustPolicyReport(gitlabGroup.policy)
    const finding = report.findings.find((f) => f.id === 'gitlab-group-wildcard')!
    const [proved] = await proveFindings(exact.policy, [finding], report.provider!)
    expect(proved!.issuerCounterexample).toBeUndefined()
    expect(proved!.explanation).toMatch(
      /did not get credentials end to end — STS answered AccessDenied/,
    )
  })

  it('leaves GitHub policies to the GitHub auditor, and unmodelled issuers alone', () => {
    const self = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.example.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      ],
    }
    expect(issuerAuditContext(parseTrustPolicy(self), {})).toBeUndefined()
    expect(auditTrustPolicyReport(self).findings).toEqual([])
  })

  describe('a self-managed GitLab: an unknown host whose sub is written in GitLab forms', () => {
    const host = 'gitlab.example.com'
    const selfManaged = (sub: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${host}:aud`]: `https://${host}` },
            StringLike: { [`${host}:sub`]: sub },
          },
        },
      ],
    })

    it("is audited with GitLab's model, at its own issuer, proven end to end", async () => {
      const report = await auditAndProveReport(selfManaged('project_path:acme/*'))
      expect(report.provider).toMatchObject({ issuer: `https://${host}`, issuerKind: 'gitlab' })
      const f = report.findings.find((x) => x.id === 'gitlab-group-wildcard')!
      expect(f.issuerCounterexample).toMatchObject({
        verified: true,
        claims: { iss: `https://${host}`, sub: expect.stringMatching(/^project_path:acme\//) },
      })
      // AWS fills no GitLab-specific keys there: the fix pins the project through sub.
      expect(f.fix).toContain(`"${host}:sub": "project_id:PROJECT_ID:ref_type:branch:ref:main"`)
      expect(f.fix).not.toContain(`${host}:project_id"`)
      // Not IAM's shared gitlab.com: no guardrail finding.
      expect(report.findings.some((x) => x.id.startsWith('aws-guardrail'))).toBe(false)
    })

    it('and with options.provider naming it', () => {
      const report = auditTrustPolicyReport(selfManaged('project_id:42:ref_type:branch:ref:*'), {
        provider: `https://${host}`,
      })
      expect(report.provider?.issuerKind).toBe('gitlab')
      expect(report.findings.map((f) => f.id)).toContain('gitlab-branch-wildcard')
    })

    it('a sub in any other form leaves the host unmodelled', () => {
      const other = selfManaged('repo:acme/app:ref:refs/heads/main')
      expect(issuerAuditContext(parseTrustPolicy(other), {})).toBeUndefined()
      const mixed = selfManaged('project_path:acme/app:ref_type:branch:ref:main')
      const c = mixed.Statement[0]!.Condition.StringLike as Record<string, unknown>
      c[`${host}:sub`] = [
        'project_path:acme/app:ref_type:branch:ref:main',
        'system:serviceaccount:x',
      ]
      expect(issuerAuditContext(parseTrustPolicy(mixed), {})).toBeUndefined()
    })
  })

  it("mints with the platform's claim builder", () => {
    const ctx = issuerAuditContext(parseTrustPolicy(gitlabGroup.policy), {})!
    expect(ctx.kind).toBe('gitlab')
    expect(
      issuerClaims(ctx, { run: { projectPath: 'acme/app' }, audience: 'sts.amazonaws.com' }).sub,
    ).toBe('project_path:acme/app:ref_type:branch:ref:main')
  })

  it('names the platform audited with options.provider', () => {
    const report = auditTrustPolicyReport(gitlabGroup.policy, { provider: 'https://gitlab.com' })
    expect(report.provider?.issuerKind).toBe('gitlab')
    expect(report.findings.some((f) => f.id === 'gitlab-group-wildcard')).toBe(true)
  })
})

describe('issuer audit: hostile input stays bounded (budget.ts)', () => {
  it('a huge GitLab policy lists at most exploitLimit counterexamples and finishes', () => {
    const statements = Array.from({ length: 400 }, (_, i) => ({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringLike: {
          'gitlab.com:sub': Array.from({ length: 20 }, (_, j) => `project_path:g${i}/p${j}*`),
        },
      },
    }))
    const policy = { Version: '2012-10-17', Statement: statements }
    const started = Date.now()
    const report = auditTrustPolicyReport(policy)
    expect(Date.now() - started).toBeLessThan(20_000)
    const limit = exploitLimit(parseTrustPolicy(policy))
    expect(limit).toBeLessThan(AUDIT_LIMITS.exploitFindings)
    expect(report.findings.filter((f) => f.issuerCounterexample).length).toBeLessThanOrEqual(limit)
    // What was left unproven is said, as for GitHub: one too-complex finding.
    expect(report.findings.some((f) => f.id === 'too-complex')).toBe(true)
    expect(report.coverage?.exploitFindings.listed).toBe(limit)
  })
})
