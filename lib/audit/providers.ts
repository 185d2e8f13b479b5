/**
 * Policies that trust more than one CI issuer: GitHub's provider and another CI system's (GitLab,
 * CircleCI, HCP Terraform, Buildkite, Bitbucket), in separate statements or in one
 * `Principal.Federated` list. Each trusted issuer is audited with its own model (audit.ts,
 * issuer-audit.ts); what here is shared: which providers the Allow statements name, the statement
 * provider-wide findings of one issuer point at, and AWS's write-time guardrail judged for one
 * provider's statements.
 */
import { checkGuardrail, SHARED_ISSUER_REQUIRED_KEYS } from '../aws/policy/guardrail.js'
import type { GuardrailResult } from '../aws/policy/guardrail.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { trustedProviders } from '../explain/trusted-providers.js'
import type { TrustedProvider } from '../explain/trusted-providers.js'

/**
 * Set on an audit's context when the policy trusts more than one CI issuer: the statement (index)
 * that provider-wide findings of this issuer point at — the first Allow statement naming its
 * provider — and the sign that AWS's guardrail is judged for this provider's statements only.
 */
export interface ProviderScope {
  statement: number
}

type Statement = TrustPolicy['statements'][number]

/** GitHub's provider host; IAM's GitHub check reads it and its enterprise-slug paths (`…/<slug>`). */
const GITHUB_HOST = 'token.actions.githubusercontent.com'

/** Whether IAM's write-time check covers this provider (lib/aws/policy/guardrail.ts). */
function isChecked(prefix: string): boolean {
  return (
    isGitHubCheck(prefix) ||
    Object.prototype.hasOwnProperty.call(SHARED_ISSUER_REQUIRED_KEYS, prefix)
  )
}

function isGitHubCheck(prefix: string): boolean {
  return prefix === GITHUB_HOST || prefix.startsWith(`${GITHUB_HOST}/`)
}

/** The `oidc-provider/HOST[/PATH]` part of a provider ARN. */
const PROVIDER_ARN = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/

/** The provider hosts (condition-key prefixes) a statement's `Federated` principal names. */
function hostsOf(s: Statement): string[] {
  if (s.principal.negated) return []
  return s.principal.entries
    .filter((e) => e.type === 'Federated')
    .flatMap((e) => e.values)
    .map((v) => PROVIDER_ARN.exec(v.value)?.[1])
    .filter((h): h is string => h !== undefined)
}

/**
 * The OIDC providers named by the policy's Allow statements, each once, in order.
 *
 * @example
 * allowedProviders(parseTrustPolicy(policy)).map((p) => p.hostPath) // ['token.actions.githubusercontent.com', 'gitlab.com']
 */
export function allowedProviders(policy: TrustPolicy): TrustedProvider[] {
  const hosts = new Set(
    policy.statements.filter((s) => s.effect === 'Allow').flatMap((s) => hostsOf(s)),
  )
  return trustedProviders(policy).filter((p) => hosts.has(p.hostPath))
}

/**
 * The index of the first Allow statement naming the provider `prefix`, else 0.
 *
 * @example
 * providerScope(parseTrustPolicy(policy), 'gitlab.com') // { statement: 1 }
 */
export function providerScope(policy: TrustPolicy, prefix: string): ProviderScope {
  const i = policy.statements.findIndex((s) => s.effect === 'Allow' && hostsOf(s).includes(prefix))
  return { statement: Math.max(0, i) }
}

/** Whose check a statement refused by IAM failed: GitHub's when it names GitHub, else the shared issuer's. */
function checkedHost(s: Statement): string | undefined {
  const hosts = hostsOf(s)
  return hosts.find(isGitHubCheck) ?? hosts.find(isChecked)
}

/**
 * AWS's write-time guardrail (`checkGuardrail`) as one provider's audit reports it. Without a
 * scope, the whole policy's verdict. With one (the policy trusts several issuers): it applies
 * only when IAM checks this provider (GitHub's, or a shared issuer IAM lists) and an Allow
 * statement names it; a refusal belongs to the provider whose statement IAM refuses (IAM reads
 * the first failing statement), so another provider's audit does not report it again; when IAM
 * accepts, the location is this provider's first statement.
 *
 * @example
 * providerGuardrail(policy, 'gitlab.com', { statement: 1 }).ok // false when the GitLab statement does not pin gitlab.com:sub
 */
export function providerGuardrail(
  policy: TrustPolicy,
  prefix: string,
  scope?: ProviderScope,
): GuardrailResult {
  const verdict = checkGuardrail(policy)
  if (!scope || !verdict.applies) return verdict
  const checked = isChecked(prefix)
  const naming = policy.statements.filter(
    (s) => s.effect === 'Allow' && hostsOf(s).includes(prefix),
  )
  if (!checked || naming.length === 0) return { ok: true, applies: false, source: verdict.source }
  if (!verdict.ok) {
    const failing = policy.statements.find((s) => s.location.path === verdict.location?.path)
    return failing && checkedHost(failing) === prefix
      ? verdict
      : { ok: true, applies: false, source: verdict.source }
  }
  return { ...verdict, location: naming[0]!.location }
}
