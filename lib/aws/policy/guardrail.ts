/**
 * AWS's write-time guardrail for GitHub trust policies: `CreateRole` and `UpdateAssumeRolePolicy`
 * refuse (`MalformedPolicyDocument`, HTTP 400) a policy trusting GitHub's OIDC provider unless it
 * tests `…:sub` or `…:job_workflow_ref` with StringEquals, StringLike or StringEqualsIgnoreCase
 * against a value "not scoped to all".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
 *
 * Reproduces what was observed (FACTS.md §5, Aug 2026): rejected — no `sub`, `"*"`,
 * `["*","repo:acme/x"]`, only `…:repository`; accepted — `repo:*` (and its `repo:<any>/<any>` form),
 * `["repo:acme/x","*"]` (only the first value is read), a `job_workflow_ref` pattern.
 * Sim choices: every Allow statement naming the provider must pass; only the three plain operators
 * count (no `IfExists`, no set qualifier); a first value made only of `*` is "scoped to all";
 * enterprise-slug issuers (`…/<slug>`) are not checked. Existing policies are never re-checked.
 *
 * The same control covers the other shared issuers IAM lists (FACTS-ISSUERS.md §0.2, table captured
 * 2026-09-11): `gitlab.com`, `app.terraform.io` and `agent.buildkite.com` each need `<host>:sub`.
 * For them trustwalk follows the observed probes rather than the GitHub quirks above: only Allow
 * statements whose actions include `sts:AssumeRoleWithWebIdentity` are checked; `ForAnyValue:` and
 * `ForAllValues:` qualifiers count, `…IfExists` does not; a literal `"*"` among the values rejects
 * (`["*","x"]` too). Issuers not in IAM's table (CircleCI, Bitbucket, GHES, self-managed GitLab,
 * Terraform Enterprise) are never checked. The principal in the message is the Federated value as
 * written (the real one for these issuers is Unconfirmed: FACTS-ISSUERS.md §0.2).
 */
import { compiledPolicyFor } from './compile.js'
import type { TrustPolicy } from './model.js'
import type { SourceLocation } from './policy-error.js'

export const GUARDRAIL_SOURCE =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html'

const HOST = 'token.actions.githubusercontent.com'
const GITHUB_PROVIDER = /^arn:[^:]+:iam::\d*:oidc-provider\/token\.actions\.githubusercontent\.com$/
const OPERATORS = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase'])
const KEYS = new Set([`${HOST}:sub`, `${HOST}:job_workflow_ref`])

/** The other shared issuers in IAM's table, and the key each must pin (FACTS-ISSUERS.md §0.2). */
export const SHARED_ISSUER_REQUIRED_KEYS: Readonly<Record<string, string>> = {
  'gitlab.com': 'gitlab.com:sub',
  'app.terraform.io': 'app.terraform.io:sub',
  'agent.buildkite.com': 'agent.buildkite.com:sub',
}
const SHARED_PROVIDER =
  /^arn:[^:]+:iam::\d*:oidc-provider\/(gitlab\.com|app\.terraform\.io|agent\.buildkite\.com)$/

export interface GuardrailResult {
  /** False when IAM would refuse the policy at CreateRole/UpdateAssumeRolePolicy. */
  ok: boolean
  /** Whether any Allow statement trusts GitHub's provider or another shared issuer IAM checks (else the check does not apply). */
  applies: boolean
  /** IAM's message, exactly, when refused. */
  message?: string
  /** The statement that fails the check. */
  location?: SourceLocation
  source: string
}

/**
 * Run AWS's write-time GitHub check on a trust policy.
 *
 * @throws {PolicyDocumentError} when the policy cannot be parsed at all.
 * @example
 * checkGuardrail({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity',
 *     Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
 *     Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }],
 * })
 * // { ok: false, applies: true, message: 'Trust policy with trusted principal arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com must evaluate, …', … }
 */
export function checkGuardrail(policy: string | object | TrustPolicy): GuardrailResult {
  const { statements } = compiledPolicyFor(policy).policy
  let applies = false
  for (const s of statements) {
    if (s.effect !== 'Allow' || s.principal.negated) continue
    const principal = s.principal.entries
      .filter((e) => e.type === 'Federated')
      .flatMap((e) => e.values)
      .find((v) => GITHUB_PROVIDER.test(v.value))
    if (!principal) {
      const shared = sharedIssuerFailure(s)
      if (shared === undefined) continue
      applies = true
      if (shared.message === undefined) continue
      return {
        ok: false,
        applies,
        message: shared.message,
        location: s.location,
        source: GUARDRAIL_SOURCE,
      }
    }
    applies = true
    const scoped = s.conditions.some((c) => {
      const op = c.operator
      if (op.qualifier !== undefined || op.ifExists || !OPERATORS.has(op.base)) return false
      if (!KEYS.has(c.key.toLowerCase())) return false
      const first = c.values[0]?.value
      return first !== undefined && !/^\**$/.test(first)
    })
    if (!scoped) {
      return {
        ok: false,
        applies,
        message:
          `Trust policy with trusted principal ${principal.value} must evaluate, using StringEquals, StringLike ` +
          `or StringEqualsIgnoreCase, ${HOST}:sub or ${HOST}:job_workflow_ref which is not scoped to all.`,
        location: s.location,
        source: GUARDRAIL_SOURCE,
      }
    }
  }
  return { ok: true, applies, source: GUARDRAIL_SOURCE }
}

type Statement = TrustPolicy['statements'][number]

/**
 * The shared-issuer check for one statement: `undefined` when it does not trust one of those
 * issuers for AssumeRoleWithWebIdentity, `{}` when it passes, `{ message }` when IAM refuses it.
 */
function sharedIssuerFailure(s: Statement): { message?: string } | undefined {
  const principal = s.principal.entries
    .filter((e) => e.type === 'Federated')
    .flatMap((e) => e.values)
    .find((v) => SHARED_PROVIDER.test(v.value))
  if (!principal || !coversWebIdentity(s)) return undefined
  const host = SHARED_PROVIDER.exec(principal.value)![1]!
  const required = SHARED_ISSUER_REQUIRED_KEYS[host]!
  const scoped = s.conditions.some((c) => {
    const op = c.operator
    if (op.ifExists || !OPERATORS.has(op.base)) return false
    if (c.key.toLowerCase() !== required) return false
    return c.values.length > 0 && !c.values.some((v) => v.value === '*')
  })
  if (scoped) return {}
  return {
    message:
      `Trust policy with trusted principal ${principal.value} must evaluate, using StringEquals, StringLike ` +
      `or StringEqualsIgnoreCase, ${required} which is not scoped to all.`,
  }
}

/** Whether the statement's Action (or NotAction) lets `sts:AssumeRoleWithWebIdentity` through. */
function coversWebIdentity(s: Statement): boolean {
  const target = 'sts:assumerolewithwebidentity'
  const matches = s.action.values.some((v) => {
    const pattern = v.value
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    return new RegExp(`^${pattern}$`).test(target)
  })
  return s.action.negated ? !matches : matches
}
