/**
 * Proving audit findings end to end. The auditor (lib/aws/policy/audit.ts) lives on the AWS side
 * and judges attacker runs with the policy engine; here, on the handshake level that may use both
 * sides, every counterexample is replayed for real: GitHub's issuer mints the attacker's token
 * through the runner protocol, and STS verifies it (discovery, JWKS, signature, audience) and
 * evaluates the role's trust policy — `walk()`. A counterexample is kept only if the attacker
 * really gets credentials; its claims become the ones the real issuer signed.
 */
import { DEMO_ACCOUNT_ID } from '../core/demo.js'
import { auditTrustPolicyReport } from './audit.js'
import type { AuditReport } from './audit.js'
import { auditExtracted, relocate } from './file.js'
import { extractTrustPolicies } from './extract.js'
import type { AuditOptions, AuditResult, Counterexample, Finding } from './types.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { isTrustPolicy } from '../aws/policy/parse.js'
import type { IssuerScenario, Scenario } from '../handshake/scenario.js'
import type { IssuerCounterexample } from './types.js'
import { stepData, type Trace } from '../core/trace.js'
import { walk } from '../handshake/walk.js'

/** The provider an audit modelled (`AuditReport.provider`). */
export interface AuditedProvider {
  issuer: string
  arn: string
  /** Another CI system's provider (GitLab, CircleCI, …); GitHub when absent. */
  issuerKind?: IssuerCounterexample['issuerKind']
}

const ROLE = 'audited-role'

/**
 * The account a counterexample is replayed in: the provider's account (and partition), an OIDC
 * provider for the attacker's audience, and the audited role, created as an existing role.
 */
function replayAccount(
  policy: string | object | TrustPolicy,
  provider: AuditedProvider,
  audience: string,
): Scenario['account'] {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):oidc-provider\//.exec(provider.arn)
  const document = isTrustPolicy(policy) ? policy.source : policy
  return {
    accountId: m?.[2] ?? DEMO_ACCOUNT_ID,
    ...(m ? { partition: m[1] as 'aws' | 'aws-cn' | 'aws-us-gov' } : {}),
    oidcProviders: [{ Url: provider.issuer, ClientIDList: [audience] }],
    roles: [{ RoleName: ROLE, AssumeRolePolicyDocument: document, legacyRole: true }],
  }
}

/**
 * The scenario that replays a counterexample: an account with the audited role (created as an
 * existing role — AWS's write-time guardrail does not re-check those) and an OIDC provider for
 * the attacker's audience, and the attacker's run.
 *
 * @example
 * const trace = await walk(counterexampleScenario(policy, finding.counterexample!, report.provider!))
 * trace.outcome.ok // true: the attacker got credentials
 */
export function counterexampleScenario(
  policy: string | object | TrustPolicy,
  ce: Counterexample,
  provider: AuditedProvider,
  name = 'audit-counterexample',
): Scenario {
  return {
    name,
    issuer: provider.issuer,
    account: replayAccount(policy, provider, ce.audience),
    run: ce.run,
    audience: ce.audience,
    ...(ce.subjectTemplate ? { subjectTemplate: ce.subjectTemplate } : {}),
    roleName: ROLE,
    clock: new Date(Number(ce.claims.iat) * 1000).toISOString().replace('.000', ''),
  }
}

/**
 * The scenario that replays another CI system's counterexample: the same account and role as
 * `counterexampleScenario`, that platform's run, walked with its issuer emulator.
 *
 * @example
 * const trace = await walk(issuerCounterexampleScenario(policy, finding.issuerCounterexample!, report.provider!))
 */
export function issuerCounterexampleScenario(
  policy: string | object | TrustPolicy,
  ce: IssuerCounterexample,
  provider: AuditedProvider,
  name = 'audit-counterexample',
): IssuerScenario {
  return {
    name,
    issuerKind: ce.issuerKind,
    issuer: provider.issuer,
    account: replayAccount(policy, provider, ce.audience),
    run: ce.run,
    audience: ce.audience,
    roleName: ROLE,
    clock: new Date(Number(ce.claims.iat) * 1000).toISOString().replace('.000', ''),
  }
}

/**
 * The claims GitHub signed in a walk (the `issue` step's data).
 *
 * @example
 * walkedClaims(await walk(scenario))?.sub // the sub GitHub signed
 */
export function walkedClaims(trace: Trace): Record<string, string | number> | undefined {
  return stepData(trace, 'issue')?.claims as Record<string, string | number> | undefined
}

/**
 * Replay every counterexample through `walk()` — against the finding's own provider when it names
 * one (`Finding.provider`), else `provider`. Those that get credentials are marked
 * `verified: true` with the real signed claims; those that do not are dropped (the finding keeps
 * its explanation, which then says so).
 *
 * @example
 * (await proveFindings(policy, report.findings, report.provider!)).every((f) => !f.counterexample || f.counterexample.verified) // true
 */
export async function proveFindings(
  policy: string | object | TrustPolicy,
  findings: readonly Finding[],
  provider: AuditedProvider,
): Promise<Finding[]> {
  const out: Finding[] = []
  for (const f of findings) {
    // A policy trusting several issuers: each finding is replayed against its own provider.
    const p = f.provider ?? provider
    if (f.issuerCounterexample) {
      out.push(await proveIssuerFinding(policy, f, f.issuerCounterexample, p))
      continue
    }
    if (!f.counterexample) {
      out.push(f)
      continue
    }
    const trace = await walk(counterexampleScenario(policy, f.counterexample, p, `audit-${f.id}`))
    if (trace.outcome.ok) {
      const claims = walkedClaims(trace) ?? f.counterexample.claims
      out.push({
        ...f,
        counterexample: {
          ...f.counterexample,
          claims,
          verified: true,
          proof: {
            ok: true,
            via: 'walk',
            assumedRoleArn: trace.outcome.response.AssumedRoleUser.Arn,
          },
        },
      })
    } else {
      const { counterexample: _dropped, ...rest } = f
      const e = trace.outcome.error
      out.push({
        ...rest,
        explanation: `${f.explanation} (The counterexample did not get credentials end to end — STS answered ${e.code}: ${e.message} — so it was dropped.)`,
      })
    }
  }
  return out
}

async function proveIssuerFinding(
  policy: string | object | TrustPolicy,
  f: Finding,
  ce: IssuerCounterexample,
  provider: AuditedProvider,
): Promise<Finding> {
  const trace = await walk(issuerCounterexampleScenario(policy, ce, provider, `audit-${f.id}`))
  if (trace.outcome.ok) {
    return {
      ...f,
      issuerCounterexample: {
        ...ce,
        claims: walkedClaims(trace) ?? ce.claims,
        verified: true,
        proof: {
          ok: true,
          via: 'walk',
          assumedRoleArn: trace.outcome.response.AssumedRoleUser.Arn,
        },
      },
    }
  }
  const { issuerCounterexample: _dropped, ...rest } = f
  const e = trace.outcome.error
  return {
    ...rest,
    explanation: `${f.explanation} (The counterexample did not get credentials end to end — STS answered ${e.code}: ${e.message} — so it was dropped.)`,
  }
}

/**
 * Audit a trust policy and prove every counterexample end to end: the issuer mints the
 * attacker's token and STS hands out credentials for the role.
 *
 * @example
 * const findings = await auditAndProve(policyJson)
 * findings.filter((f) => f.counterexample?.verified).map((f) => f.id) // e.g. ['organization-wide']
 */
export async function auditAndProve(
  policy: string | object | TrustPolicy,
  options: AuditOptions = {},
): Promise<Finding[]> {
  return (await auditAndProveReport(policy, options)).findings
}

/**
 * `auditAndProve` with the audit's baseline and provider.
 *
 * @example
 * (await auditAndProveReport(policyJson)).findings[0]?.counterexample?.proof?.via // 'walk'
 */
export async function auditAndProveReport(
  policy: string | object | TrustPolicy,
  options: AuditOptions = {},
): Promise<AuditReport> {
  const report = auditTrustPolicyReport(policy, options)
  if (!report.provider) return report
  return { ...report, findings: await proveFindings(policy, report.findings, report.provider) }
}

/**
 * `auditDocument` with every counterexample proven end to end: the trust policies of a file
 * (trust policy, `aws iam get-role`, CloudFormation or Terraform JSON), located in the file.
 *
 * @example
 * const results = await auditAndProveDocument(text, 'template.json')
 * results.flatMap((r) => r.findings).every((f) => !f.counterexample || f.counterexample.verified) // true
 */
export async function auditAndProveDocument(
  text: string,
  fileName: string,
  options: AuditOptions = {},
): Promise<AuditResult[]> {
  const out: AuditResult[] = []
  for (const found of extractTrustPolicies(text, fileName)) {
    const result = auditExtracted(found, options)
    if (result.error) {
      out.push(result)
      continue
    }
    const report = auditTrustPolicyReport(found.document, options)
    const proved = report.provider
      ? await proveFindings(found.document, report.findings, report.provider)
      : report.findings
    out.push({ ...result, findings: proved.map((f) => relocate(f, found)) })
  }
  return out
}
