/**
 * `auditTrustPolicy`: the risks in a GitHub Actions role trust policy, each proven where it can
 * be by a counterexample — a workflow run from somewhere it should not come from (another owner,
 * another repository, a fork's pull request, another branch or environment, a recycled name…)
 * whose GitHub token the trust-policy engine allows. Patterns and sources: FACTS.md §5–§6.
 *
 * Pure and synchronous; `auditAndProve` (proof.ts) re-checks every counterexample end to end
 * through the GitHub issuer and STS with `walk()`. A policy trusting another CI system (GitLab,
 * CircleCI, HCP Terraform, Buildkite, Bitbucket) is audited by that platform's attacker model
 * (issuer-audit.ts; FACTS-ISSUERS.md); one trusting several issuers, by each one's model, the
 * findings merged (providers.ts).
 */
import { attackSetups } from './attacks.js'
import { attribute, classify } from './attribute.js'
import type { AttackClass, Cause } from './attribute.js'
import { findBaseline } from './baseline.js'
import { attackLimit, exploitLimit } from './budget.js'
import type { Baseline } from './baseline.js'
import type { AuditCoverage } from './budget.js'
import { findingRule } from './catalogue.js'
import { auditContext, claimsFor, evaluateSetup } from './context.js'
import type { AuditContext, RunSetup } from './context.js'
import { mergedDuplicates, valueAt } from './duplicates.js'
import { describeAttacker, exploitFinding, severityFor } from './finding.js'
import { guardrailFindings } from './guardrail.js'
import { auditIssuerPolicy, issuerAuditContext, issuerAuditContexts } from './issuer-audit.js'
import type { IssuerAuditContext, IssuerAuditReport } from './issuer-audit.js'
import { allowedProviders, providerScope } from './providers.js'
import { staticFindings } from './static.js'
import { tooComplexFinding } from './too-complex.js'
import { member, q } from './text.js'
import { severityRank } from './types.js'
import type { AuditOptions, ClaimSet, Finding, Severity } from './types.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'

/** The audit with what it was judged against. */
export interface AuditReport {
  findings: Finding[]
  /**
   * The issuer and provider ARN the audit modelled; absent when the policy trusts no provider
   * trustwalk models. `issuerKind` is set for another CI system (GitLab, CircleCI, …).
   */
  provider?: {
    issuer: string
    arn: string
    issuerKind?: IssuerAuditReport['provider']['issuerKind']
  }
  /**
   * Every provider audited, when the policy trusts more than one CI issuer (each with its own
   * model; each finding names its own in `Finding.provider`). `provider` is then the first of
   * them, `baseline` GitHub's run, `issuerBaseline` the first other CI system's, and `coverage`
   * the first audit's (each audit's own `too-complex` finding says what it left out).
   */
  providers?: NonNullable<AuditReport['provider']>[]
  /** For another CI system: the run the policy is meant for, in that platform's run model. */
  issuerBaseline?: IssuerAuditReport['victim']
  /** The run the policy is meant to let in (from `intended`, else read from the policy). */
  baseline?: RunSetup & { claims: ClaimSet; allowed: boolean; source: Baseline['source'] }
  /** How many attacker runs were tried. */
  attacksTried: number
  /** What the audit checked against what there was (its bounds: budget.ts). */
  coverage?: AuditCoverage
}

/**
 * Audit a role trust policy (text, object or parsed). Returns findings, most severe first.
 * Throws `PolicyDocumentError` when the policy cannot be parsed.
 *
 * @example
 * const findings = auditTrustPolicy({
 *   Version: '2012-10-17',
 *   Statement: [{
 *     Effect: 'Allow',
 *     Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
 *     Action: 'sts:AssumeRoleWithWebIdentity',
 *     Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
 *   }],
 * })
 * findings[0].id // 'organization-wide'
 * findings[0].counterexample?.claims.sub // 'repo:acme/exploit:ref:refs/heads/main'
 */
export function auditTrustPolicy(
  policy: string | object | TrustPolicy,
  options: AuditOptions = {},
): Finding[] {
  return auditTrustPolicyReport(policy, options).findings
}

/**
 * `auditTrustPolicy` with the baseline run and provider it was judged against.
 *
 * @example
 * auditTrustPolicyReport(policyJson).baseline?.claims.sub // the run the policy is meant for
 */
export function auditTrustPolicyReport(
  policy: string | object | TrustPolicy,
  options: AuditOptions = {},
): AuditReport {
  const parsed = parseTrustPolicy(policy)
  // Another CI system's provider (FACTS-ISSUERS.md): its own attacker model, issuer-audit.ts.
  const named = options.provider !== undefined
  if (!named) {
    const several = severalIssuers(parsed, options)
    if (several) return several
  }
  const other = issuerAuditContext(parsed, options)
  let ctx = named && other ? undefined : auditContext(parsed, options)
  // GitHub named only where it is not trusted (a Deny statement): audit the issuer that is.
  if (!named && ctx && other && !allowsGithub(parsed, ctx)) ctx = undefined
  if (!ctx) {
    if (!other) return { findings: [], attacksTried: 0 }
    return issuerReport(other)
  }
  return githubReport(ctx, options)
}

/**
 * A policy trusting more than one CI issuer — GitHub's provider and another CI system's, or two
 * other CI systems, in separate statements or in one `Federated` list: each issuer audited with
 * its own model, the findings merged, each naming its provider (`Finding.provider`). `undefined`
 * when the Allow statements trust one issuer (or none) trustwalk models.
 */
function severalIssuers(policy: TrustPolicy, options: AuditOptions): AuditReport | undefined {
  const others = issuerAuditContexts(policy, options)
  const github = auditContext(policy, options)
  const withGithub = github !== undefined && allowsGithub(policy, github)
  if (others.length + (withGithub ? 1 : 0) < 2) return undefined
  const reports: AuditReport[] = []
  if (withGithub) {
    github.scope = providerScope(policy, github.prefix)
    reports.push(githubReport(github, options))
  }
  for (const o of others) {
    o.scope = providerScope(policy, o.prefix)
    reports.push(issuerReport(o))
  }
  const findings = reports
    .flatMap((r) => r.findings.map((f) => ({ ...f, provider: r.provider! })))
    .sort(bySeverityThenPlace)
  const first = reports[0]!
  const issuerFirst = reports.find((r) => r.issuerBaseline)
  return {
    findings,
    provider: first.provider!,
    providers: reports.map((r) => r.provider!),
    ...(first.baseline ? { baseline: first.baseline } : {}),
    ...(issuerFirst ? { issuerBaseline: issuerFirst.issuerBaseline! } : {}),
    attacksTried: reports.reduce((n, r) => n + r.attacksTried, 0),
    ...(first.coverage ? { coverage: first.coverage } : {}),
  }
}

/**
 * Whether an Allow statement trusts the GitHub provider of `github` — by name, or as any principal
 * (a wildcard, audited as GitHub).
 */
function allowsGithub(policy: TrustPolicy, github: { prefix: string }): boolean {
  return (
    allowedProviders(policy).some((p) => p.hostPath === github.prefix) || allowsAnyPrincipal(policy)
  )
}

/** Whether an Allow statement trusts any principal (`"*"`, or `Federated: "*"`). */
function allowsAnyPrincipal(policy: TrustPolicy): boolean {
  return policy.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      (s.principal.wildcard ||
        s.principal.entries.some(
          (e) => e.type === 'Federated' && e.values.some((v) => v.value === '*'),
        )),
  )
}

/** Most severe first, then by line, then by id. */
function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    a.id.localeCompare(b.id)
  )
}

/** Another CI system's audit as an `AuditReport`. */
function issuerReport(other: IssuerAuditContext): AuditReport {
  const r = auditIssuerPolicy(other)
  return {
    findings: r.findings,
    provider: r.provider,
    issuerBaseline: r.victim,
    attacksTried: r.attacksTried,
    coverage: r.coverage,
  }
}

/** The GitHub audit of the provider `ctx` names. */
function githubReport(ctx: AuditContext, options: AuditOptions): AuditReport {
  const { baseline, intendedDenied } = findBaseline(ctx)
  const findings: Finding[] = []
  if (intendedDenied) findings.push(noteFinding(ctx, baseline, 'intended-run-denied'))
  else if (!baseline.allowed) findings.push(noteFinding(ctx, baseline, 'no-run-allowed'))
  const built = attackSetups(ctx, baseline)
  // Each evaluation reads the whole policy: bound runs × evaluation cost (budget.ts).
  const attacks = built.slice(0, attackLimit(ctx.policy))
  ctx.coverage.attacks = { built: built.length, tried: attacks.length }
  const allowed: { setup: RunSetup; cls: AttackClass }[] = []
  const best = new Map<
    string,
    { cause: Cause; cls: AttackClass; setup: RunSetup; severity: Severity }
  >()
  for (const setup of attacks) {
    const cls = classify(setup, baseline)
    if (!cls) continue
    const evaluation = evaluateSetup(ctx, setup)
    if (evaluation.decision !== 'Allow') continue
    allowed.push({ setup, cls })
    for (const cause of attribute(ctx, evaluation, cls, baseline)) {
      const severity = severityFor(cause, cls, options.intended)
      const key = `${cause.id}|${cause.location.path}`
      const prev = best.get(key)
      if (!prev || severityRank(severity) < severityRank(prev.severity))
        best.set(key, { cause, cls, setup, severity })
    }
  }
  const all = [...best.values()]
  const exploits = all.filter((b) => !subsumed(b, all))
  // Each finding with a counterexample is built, fixed and later walked: list the worst ones.
  const most = exploitLimit(ctx.policy)
  const listed =
    exploits.length <= most
      ? exploits
      : [...exploits]
          .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
          .slice(0, most)
  ctx.coverage.exploitFindings = { found: exploits.length, listed: listed.length }
  for (const b of exploits) {
    if (listed.includes(b))
      findings.push(exploitFinding(ctx, baseline, b.cause, b.cls, b.setup, b.severity))
  }
  findings.push(...duplicateFindings(ctx, baseline, allowed))
  findings.push(...staticFindings(ctx, baseline))
  findings.push(...guardrailFindings(ctx, findings))
  const tooComplex = tooComplexFinding(ctx.coverage, ctx.prefix, lineOf(ctx))
  if (tooComplex) findings.push(tooComplex)
  findings.sort(bySeverityThenPlace)
  return {
    findings,
    provider: { issuer: ctx.issuer, arn: ctx.providerArn },
    baseline: {
      run: baseline.run,
      audience: baseline.audience,
      ...(baseline.subjectTemplate ? { subjectTemplate: baseline.subjectTemplate } : {}),
      claims: claimsFor(ctx, baseline),
      allowed: baseline.allowed,
      source: baseline.source,
    },
    attacksTried: attacks.length,
    coverage: ctx.coverage,
  }
}

/**
 * When a statement lets runs from any other account in with their own code (critical), its
 * lesser findings add nothing; a run from another account calling a reusable workflow (high)
 * makes lesser findings at the same place moot. Drop them.
 */
function subsumed(
  b: { cause: Cause; cls: AttackClass; severity: Severity },
  all: { cause: Cause; cls: AttackClass; severity: Severity }[],
): boolean {
  return all.some(
    (o) =>
      o !== b &&
      o.cls === 'foreign-owner' &&
      severityRank(o.severity) < severityRank(b.severity) &&
      o.cause.statement.index === b.cause.statement.index &&
      (o.severity === 'critical' || b.cause.location.path === o.cause.location.path),
  )
}

function noteFinding(
  ctx: AuditContext,
  baseline: Baseline,
  id: 'intended-run-denied' | 'no-run-allowed',
): Finding {
  const rule = findingRule(id)
  const sub = String(claimsFor(ctx, baseline).sub)
  return {
    id,
    severity: rule.severity,
    title: rule.title,
    explanation: `${rule.summary} ${id === 'intended-run-denied' ? `The intended run (sub ${q(sub)}) is refused: ${baseline.evaluation.reason}.` : `The closest: ${baseline.evaluation.reason}.`}`,
    location: lineOf(ctx),
    fix: member('StringEquals', {
      [`${ctx.prefix}:aud`]: baseline.audience,
      [`${ctx.prefix}:sub`]:
        id === 'intended-run-denied' ? sub : 'repo:OWNER/REPO:ref:refs/heads/BRANCH',
    }),
    references: rule.references,
  }
}

/**
 * Where a finding about the whole policy points: `Statement`, at the first statement — or, when
 * the policy trusts several issuers, at the first statement trusting this one.
 */
function lineOf(ctx: AuditContext): { path: string; line?: number; column?: number } {
  const s = ctx.policy.statements[ctx.scope?.statement ?? 0]
  if (!s) return { path: 'Statement' }
  const path = ctx.scope ? s.location.path : 'Statement'
  return { path, line: s.location.line, column: s.location.column }
}

/** One finding per duplicate key, proven when the merged policy would have stopped an attack. */
function duplicateFindings(
  ctx: AuditContext,
  baseline: Baseline,
  allowed: { setup: RunSetup; cls: AttackClass }[],
): Finding[] {
  const warnings = ctx.policy.warnings.filter((w) => w.code === 'DuplicateKey')
  if (warnings.length === 0) return []
  const meant = parseTrustPolicy(mergedDuplicates(ctx.policy.source) as object)
  const stopped = allowed
    .filter((a) => evaluateSetup(ctx, a.setup, meant).decision !== 'Allow')
    .sort(
      (a, b) =>
        severityRank(severityFor({ id: 'duplicate-key' } as Cause, a.cls, ctx.options.intended)) -
        severityRank(severityFor({ id: 'duplicate-key' } as Cause, b.cls, ctx.options.intended)),
    )
  const worst = stopped[0]
  const rule = findingRule('duplicate-key')
  return warnings.map((w) => {
    const at = w.firstLocation ?? w.location
    const key = /(?:\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*")\])$/.exec(w.location.path)
    const name = key ? (key[1] ?? (JSON.parse(key[2]!) as string)) : w.location.path
    const severity: Severity = worst
      ? severityFor({ id: 'duplicate-key' } as Cause, worst.cls, ctx.options.intended)
      : 'low'
    const finding: Finding = {
      id: 'duplicate-key',
      severity,
      title: rule.title,
      explanation: `${rule.summary} ${w.message}${worst ? ` With the dropped block, trustwalk's attacker run — ${describeAttacker(worst.cls, worst.setup, baseline)} — would be refused; as written, the engine allows it.` : ''}`,
      location: { path: at.path, line: at.line, column: at.column },
      fix: member(name, valueAt(mergedDuplicates(ctx.policy.source), w.location.path)),
      references: rule.references,
    }
    if (worst) {
      finding.counterexample = {
        run: worst.setup.run,
        claims: claimsFor(ctx, worst.setup),
        audience: worst.setup.audience,
        ...(worst.setup.subjectTemplate ? { subjectTemplate: worst.setup.subjectTemplate } : {}),
        attacker: describeAttacker(worst.cls, worst.setup, baseline),
        decision: 'Allow',
      }
      finding.fixedPolicy = mergedDuplicates(ctx.policy.source) as object
    }
    return finding
  })
}
