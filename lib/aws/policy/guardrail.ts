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

export interface GuardrailResult {
  /** False when IAM would refuse the policy at CreateRole/UpdateAssumeRolePolicy. */
  ok: boolean
  /** Whether any Allow statement trusts GitHub's provider (else the check does not apply). */
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
    if (!principal) continue
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
