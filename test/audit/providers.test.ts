/**
 * Policies trusting more than one CI issuer (lib/audit/providers.ts, and how audit.ts uses it):
 * each trusted issuer audited with its own model — GitHub's statements by the GitHub auditor,
 * GitLab's by GitLab's, … — whether the providers sit in separate statements or in one
 * `Principal.Federated` list; the findings merged, each naming its provider; AWS's write-time
 * guardrail reported once, by the provider whose statement IAM refuses; every counterexample
 * proven end to end through walk() against its own provider.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicyReport } from '../../lib/audit/audit.js'
import { auditAndProveReport } from '../../lib/audit/proof.js'
import { allowedProviders, providerGuardrail, providerScope } from '../../lib/audit/providers.js'
import type { AuditReport } from '../../lib/audit/audit.js'
import type { Finding } from '../../lib/audit/types.js'
import { checkGuardrail } from '../../lib/aws/policy/guardrail.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { getIssuerProfile } from '../../lib/issuers/index.js'
import { ACCOUNT, CORPUS, PROVIDER } from './corpus.js'

const entry = (name: string) => CORPUS.find((e) => e.name === name)!
const statements = (name: string) => (entry(name).policy as { Statement: object[] }).Statement
/** One policy holding the statements of the named corpus entries, in order. */
const together = (...names: string[]) => ({
  Version: '2012-10-17',
  Statement: names.flatMap(statements),
})
const GITLAB = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`
const GUARDRAIL = ['aws-guardrail-rejects', 'aws-guardrail-misses']
const pairs = (fs: Finding[]) => fs.map((f) => `${f.id}/${f.severity}`).sort()
const withoutGuardrail = (fs: Finding[]) => fs.filter((f) => !GUARDRAIL.includes(f.id))
const of = (r: AuditReport, arn: string) => r.findings.filter((f) => f.provider?.arn === arn)

describe('a policy trusting GitHub and another CI system', () => {
  it.each([
    ['environment-ref-ids', 'gitlab-aud-only'],
    ['aud-only', 'gitlab-recommended-protected'],
    ['aud-only', 'gitlab-aud-only'],
    ['org-wide', 'circleci-organization-wide'],
    ['environment-ref-ids', 'terraform-aud-only'],
    ['org-wide', 'buildkite-recommended'],
    ['environment-ref-ids', 'bitbucket-aud-only'],
  ])('%s + %s: each statement gets the findings its own model gives it alone', (gh, other) => {
    const merged = auditTrustPolicyReport(together(gh, other))
    const alone = [
      auditTrustPolicyReport(entry(gh).policy),
      auditTrustPolicyReport(entry(other).policy),
    ]
    expect(merged.providers).toEqual(alone.map((r) => r.provider))
    expect(merged.provider).toEqual(alone[0]!.provider)
    expect(merged.baseline).toEqual(alone[0]!.baseline)
    expect(merged.issuerBaseline).toEqual(alone[1]!.issuerBaseline)
    expect(merged.findings.every((f) => f.provider !== undefined)).toBe(true)
    alone.forEach((single, i) => {
      const mine = of(merged, single.provider!.arn)
      expect(pairs(withoutGuardrail(mine)), single.provider!.issuer).toEqual(
        pairs(withoutGuardrail(single.findings)),
      )
      // Each points into its own statement.
      for (const f of withoutGuardrail(mine)) expect(f.location.path).toMatch(`Statement[${i}]`)
    })
  })

  it('GitHub safe, GitLab without sub: the GitLab finding, proven through the GitLab issuer', async () => {
    const policy = together('environment-ref-ids', 'gitlab-aud-only')
    const report = await auditAndProveReport(policy)
    const f = report.findings.find((x) => x.id === 'gitlab-any-project')!
    expect(f.severity).toBe('critical')
    expect(f.provider).toEqual({ issuer: 'https://gitlab.com', arn: GITLAB, issuerKind: 'gitlab' })
    expect(f.location.path).toBe('Statement[1].Condition.StringEquals["gitlab.com:aud"]')
    expect(f.issuerCounterexample).toMatchObject({
      verified: true,
      proof: { ok: true, via: 'walk' },
    })
    expect(f.issuerCounterexample!.proof!.assumedRoleArn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/audited-role/${getIssuerProfile('gitlab').sessionName}`,
    )
    // Nothing about the GitHub statement, which is the corpus's strictest.
    expect(of(report, PROVIDER)).toEqual([])
    // IAM refuses the policy for the GitLab statement: said once, by GitLab, with GitLab's fix.
    const rejects = report.findings.filter((x) => x.id === 'aws-guardrail-rejects')
    expect(rejects).toHaveLength(1)
    expect(rejects[0]).toMatchObject({
      provider: { arn: GITLAB },
      location: { path: 'Statement[1]' },
    })
    expect(rejects[0]!.fix).toContain('"gitlab.com:sub"')
  })

  it('GitHub without sub, GitLab safe: the GitHub finding, proven through the GitHub issuer', async () => {
    const policy = together('aud-only', 'gitlab-recommended-protected')
    const report = await auditAndProveReport(policy)
    const f = report.findings.find((x) => x.id === 'audience-only')!
    expect(f.provider).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      arn: PROVIDER,
    })
    expect(f.counterexample).toMatchObject({ verified: true, proof: { ok: true, via: 'walk' } })
    expect(f.counterexample!.proof!.assumedRoleArn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/audited-role/GitHubActions`,
    )
    expect(of(report, GITLAB)).toEqual([])
    const rejects = report.findings.filter((x) => x.id === 'aws-guardrail-rejects')
    expect(rejects).toHaveLength(1)
    expect(rejects[0]).toMatchObject({
      provider: { arn: PROVIDER },
      location: { path: 'Statement[0]' },
    })
  })

  it('one Federated list naming both, no condition: both open, both proven', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: [PROVIDER, GITLAB] },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      ],
    }
    const report = await auditAndProveReport(policy)
    const github = report.findings.find((x) => x.id === 'missing-subject')!
    const gitlab = report.findings.find((x) => x.id === 'gitlab-any-project')!
    expect(github.provider?.arn).toBe(PROVIDER)
    expect(github.counterexample?.verified).toBe(true)
    expect(gitlab.provider?.arn).toBe(GITLAB)
    expect(gitlab.issuerCounterexample?.verified).toBe(true)
    // IAM reads GitHub's check on a statement naming GitHub's provider.
    const rejects = report.findings.filter((x) => x.id === 'aws-guardrail-rejects')
    expect(rejects.map((x) => x.provider?.arn)).toEqual([PROVIDER])
  })

  it("IAM's check does not cover CircleCI: only GitHub's statement gets aws-guardrail-misses", () => {
    const report = auditTrustPolicyReport(together('org-wide', 'circleci-organization-wide'))
    const misses = report.findings.filter((x) => x.id === 'aws-guardrail-misses')
    expect(misses.map((x) => x.provider?.arn)).toEqual([PROVIDER])
    expect(misses[0]!.location.path).toBe('Statement[0]')
  })

  it('GitLab and HCP Terraform together: two other CI systems, each its own model', () => {
    const report = auditTrustPolicyReport(together('gitlab-aud-only', 'terraform-aud-only'))
    expect(report.providers?.map((p) => p.issuerKind)).toEqual(['gitlab', 'terraform'])
    expect(report.baseline).toBeUndefined()
    const ids = report.findings.map((f) => `${f.provider?.issuerKind}:${f.id}`)
    expect(ids).toContain('gitlab:gitlab-any-project')
    expect(ids).toContain('terraform:terraform-any-organization')
    // IAM names the first statement it refuses: GitLab's.
    expect(ids.filter((x) => x.endsWith(':aws-guardrail-rejects'))).toEqual([
      'gitlab:aws-guardrail-rejects',
    ])
  })

  it('a Federated "*" statement (audited as GitHub) beside a GitLab one: both audited', () => {
    const policy = together('gitlab-aud-only')
    ;(policy.Statement as object[]).unshift({
      Effect: 'Allow',
      Principal: { Federated: '*' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:sub': 'repo:acme/app:environment:prod',
        },
      },
    })
    const report = auditTrustPolicyReport(policy)
    expect(report.providers?.map((p) => p.issuerKind ?? 'github')).toEqual(['github', 'gitlab'])
    expect(report.findings.map((f) => f.id)).toContain('gitlab-any-project')
    expect(report.baseline?.allowed).toBe(true)
  })

  it('a policy trusting one issuer keeps its report shape: no providers, no Finding.provider', () => {
    for (const name of ['org-wide', 'gitlab-aud-only']) {
      const report = auditTrustPolicyReport(entry(name).policy)
      expect(report.providers).toBeUndefined()
      expect(report.findings.some((f) => 'provider' in f)).toBe(false)
    }
  })

  it('options.provider still audits the one provider it names', () => {
    const policy = together('environment-ref-ids', 'gitlab-aud-only')
    const report = auditTrustPolicyReport(policy, { provider: 'https://gitlab.com' })
    expect(report.providers).toBeUndefined()
    expect(report.provider?.issuerKind).toBe('gitlab')
  })

  it('a provider named only by a Deny statement is not audited beside the others', () => {
    const policy = together('environment-ref-ids')
    ;(policy.Statement as object[]).push({
      Effect: 'Deny',
      Principal: { Federated: GITLAB },
      Action: 'sts:AssumeRoleWithWebIdentity',
    })
    expect(auditTrustPolicyReport(policy).providers).toBeUndefined()
  })
})

describe('a provider named only by a Deny statement is not trusted', () => {
  const deny = (arn: string) => ({
    Effect: 'Deny',
    Principal: { Federated: arn },
    Action: 'sts:AssumeRoleWithWebIdentity',
  })

  it('GitLab allowed, GitHub denied: audited as GitLab alone, as without the Deny', async () => {
    const open = entry('gitlab-aud-only').policy as { Statement: object[] }
    const policy = { Version: '2012-10-17', Statement: [...open.Statement, deny(PROVIDER)] }
    const report = await auditAndProveReport(policy)
    const alone = auditTrustPolicyReport(open)
    expect(report.provider).toEqual(alone.provider)
    expect(report.providers).toBeUndefined()
    expect(pairs(report.findings)).toEqual(pairs(alone.findings))
    const f = report.findings.find((x) => x.id === 'gitlab-any-project')!
    expect(f.issuerCounterexample).toMatchObject({ verified: true, proof: { ok: true } })
    expect(report.findings.map((x) => x.id)).not.toContain('no-run-allowed')
  })

  it('GitHub allowed, GitLab denied: audited as GitHub alone', () => {
    const open = entry('aud-only').policy as { Statement: object[] }
    const policy = { Version: '2012-10-17', Statement: [...open.Statement, deny(GITLAB)] }
    const report = auditTrustPolicyReport(policy)
    const alone = auditTrustPolicyReport(open)
    expect(report.provider).toEqual(alone.provider)
    expect(report.providers).toBeUndefined()
    expect(pairs(withoutGuardrail(report.findings))).toEqual(
      pairs(withoutGuardrail(alone.findings)),
    )
  })
})

describe('providers.ts', () => {
  const policy = parseTrustPolicy(together('environment-ref-ids', 'gitlab-aud-only'))

  it('allowedProviders: the providers of the Allow statements, in order', () => {
    expect(allowedProviders(policy).map((p) => p.hostPath)).toEqual([
      'token.actions.githubusercontent.com',
      'gitlab.com',
    ])
  })

  it('providerScope: the first Allow statement naming the provider', () => {
    expect(providerScope(policy, 'gitlab.com')).toEqual({ statement: 1 })
    expect(providerScope(policy, 'token.actions.githubusercontent.com')).toEqual({ statement: 0 })
    expect(providerScope(policy, 'agent.buildkite.com')).toEqual({ statement: 0 })
  })

  it("providerGuardrail: without a scope, IAM's verdict on the whole policy", () => {
    expect(providerGuardrail(policy, 'token.actions.githubusercontent.com')).toEqual(
      checkGuardrail(policy),
    )
  })

  it('providerGuardrail: with a scope, the refusal belongs to the provider IAM refuses', () => {
    const whole = checkGuardrail(policy)
    expect(whole).toMatchObject({ ok: false, applies: true })
    expect(providerGuardrail(policy, 'gitlab.com', { statement: 1 })).toEqual(whole)
    expect(
      providerGuardrail(policy, 'token.actions.githubusercontent.com', { statement: 0 }),
    ).toMatchObject({ applies: false })
  })

  it('providerGuardrail: a provider IAM does not check never applies', () => {
    const p = parseTrustPolicy(together('org-wide', 'circleci-organization-wide'))
    const circleci = allowedProviders(p)[1]!.hostPath
    expect(providerGuardrail(p, circleci, { statement: 1 })).toMatchObject({ applies: false })
    expect(
      providerGuardrail(p, 'token.actions.githubusercontent.com', { statement: 0 }),
    ).toMatchObject({ ok: true, applies: true, location: { path: 'Statement[0]' } })
  })
})
