/**
 * What one audit works with: the parsed policy, the provider it trusts (issuer URL, condition-key
 * prefix, provider ARN), and a way to ask the engine about a run — the claims GitHub mints for it
 * (`githubClaims`, the GitHub side's own model: one claim model, no copy) → request context →
 * `evaluateTrustPolicy`, exactly as STS would build them.
 */
import { trustedProviders } from '../explain/trusted-providers.js'
import { conditionKeyPrefix } from '../aws/arn.js'
import { newCoverage } from './budget.js'
import type { AuditCoverage } from './budget.js'
import type { ProviderScope } from './providers.js'
import { fixedClock } from '../core/clock.js'
import { DEMO_ACCOUNT_ID, DEMO_TIME } from '../core/demo.js'
import { GITHUB_ISSUER, githubClaims } from '../github/claims.js'
import type { AttackRun, AttackSubjectTemplate, AuditOptions, ClaimSet } from './types.js'
import { requestContextFromToken } from '../aws/policy/context.js'
import { evaluateTrustPolicy } from '../aws/policy/evaluate.js'
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import { isGitHubIssuer } from '../aws/policy/github-keys.js'
import type { TrustPolicy } from '../aws/policy/model.js'

/** A run together with how its token is asked for: the attacker's (or victim's) full setup. */
export interface RunSetup {
  run: AttackRun
  audience: string
  subjectTemplate?: AttackSubjectTemplate
}

export interface AuditContext {
  policy: TrustPolicy
  /** Issuer URL, e.g. `https://token.actions.githubusercontent.com`. */
  issuer: string
  /** Condition-key prefix, e.g. `token.actions.githubusercontent.com`. */
  prefix: string
  providerArn: string
  /** Whether AWS fills the GitHub-specific keys for this issuer. */
  github: boolean
  options: AuditOptions
  issuedAt: number
  /** What the audit checked against what there was (see budget.ts); filled in as it goes. */
  coverage: AuditCoverage
  /** Set when the policy trusts more than one CI issuer (providers.ts). */
  scope?: ProviderScope
}

/** Attacker tokens are minted at the demo moment unless told otherwise: audits are reproducible. */
const AUDIT_CLOCK = fixedClock(DEMO_TIME)

/**
 * The provider the audit models, or `undefined` when the policy trusts no GitHub-like OIDC
 * provider and none was named.
 *
 * @example
 * auditContext(parseTrustPolicy(policy), {})?.prefix // 'token.actions.githubusercontent.com'
 */
export function auditContext(policy: TrustPolicy, options: AuditOptions): AuditContext | undefined {
  const federated = trustedProviders(policy).map((p) => ({
    arn: p.arn,
    account: p.accountId,
    host: p.hostPath,
  }))
  const wildcard = policy.statements.some(
    (s) =>
      s.principal.wildcard ||
      s.principal.entries.some(
        (e) => e.type === 'Federated' && e.values.some((v) => v.value === '*'),
      ),
  )
  let issuer = options.provider?.replace(/\/+$/, '')
  let arn: string | undefined
  if (issuer !== undefined) {
    arn = federated.find((f) => f.host === conditionKeyPrefix(issuer!))?.arn
  } else {
    const github = federated.find(
      (f) => isGitHubIssuer(`https://${f.host}`) || f.host.endsWith('/_services/token'),
    )
    if (github) {
      issuer = `https://${github.host}`
      arn = github.arn
    } else if (wildcard) {
      issuer = GITHUB_ISSUER
    } else {
      return undefined
    }
  }
  const prefix = conditionKeyPrefix(issuer)
  const account = federated[0]?.account ?? DEMO_ACCOUNT_ID
  return {
    policy,
    issuer,
    prefix,
    providerArn: arn ?? `arn:aws:iam::${account}:oidc-provider/${prefix}`,
    github: isGitHubIssuer(issuer),
    options,
    coverage: newCoverage(policy),
    issuedAt: Math.floor((options.clock ?? AUDIT_CLOCK)().getTime() / 1000),
  }
}

/**
 * The claims GitHub would mint for a setup under this audit's issuer: `githubClaims` itself, so
 * every subject form it writes (default, custom template, immutable ids) is one the auditor's
 * runs carry. Throws `InvalidInputError` for a run GitHub could not have (`mintedSubject` in
 * runs.ts tells first).
 *
 * @example
 * claimsFor(ctx, { run: newRun('acme', 'app'), audience: 'sts.amazonaws.com' }).sub // 'repo:acme/app:ref:refs/heads/main'
 */
export function claimsFor(ctx: AuditContext, setup: RunSetup): ClaimSet {
  return githubClaims(setup.run, {
    issuer: ctx.issuer,
    audience: setup.audience,
    ...(setup.subjectTemplate ? { subjectTemplate: setup.subjectTemplate } : {}),
    clock: fixedClock(ctx.issuedAt * 1000),
  }) as unknown as ClaimSet
}

/**
 * The engine's verdict on a setup: claims → request context → trust-policy evaluation.
 *
 * @example
 * evaluateSetup(ctx, { run: newRun('mallory-org', 'app'), audience: 'sts.amazonaws.com' }).decision // 'Allow' | 'ImplicitDeny' | …
 */
export function evaluateSetup(
  ctx: AuditContext,
  setup: RunSetup,
  policy: TrustPolicy | object = ctx.policy,
): PolicyEvaluation {
  const context = requestContextFromToken(
    claimsFor(ctx, setup),
    { Url: ctx.issuer, Arn: ctx.providerArn },
    // configure-aws-credentials' default session name (FACTS.md §2).
    { roleSessionName: 'GitHubActions' },
  )
  return evaluateTrustPolicy(policy, context)
}

/**
 * `prefix:suffix` → `suffix` (lower case) when `key` is one of this provider's keys.
 *
 * @example
 * providerSuffix(ctx, 'token.actions.githubusercontent.com:SUB') // 'sub'
 */
export function providerSuffix(ctx: AuditContext, key: string): string | undefined {
  const lower = key.toLowerCase()
  const p = `${ctx.prefix.toLowerCase()}:`
  return lower.startsWith(p) ? lower.slice(p.length) : undefined
}
