/**
 * AWS's write-time guardrail for GitHub trust policies: `CreateRole` and `UpdateAssumeRolePolicy`
 * refuse (`MalformedPolicyDocument`, HTTP 400) a policy trusting GitHub's OIDC provider unless it
 * tests `…:sub` or `…:job_workflow_ref` with StringEquals, StringLike or StringEqualsIgnoreCase
 * against a value "not scoped to all".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
 *
 * Reproduces what was observed. FACTS.md §5 (Aug 2026, https://github.com/Dashtid/subvectors/tree/main/observations):
 * rejected — no `sub`, `"*"`, `["*","repo:acme/x"]`, only `…:repository`; accepted — `repo:*` (and
 * its `repo:<any>/<any>` form), `["repo:acme/x","*"]`, a `job_workflow_ref` pattern.
 * FACTS-ISSUERS.md §0.2 (324 probes of 2026-09-11,
 * https://github.com/radkawar/stackd/blob/main/iam/policy/testdata/oidc_trust_controls_github_aws.json):
 * only Allow statements whose actions include `sts:AssumeRoleWithWebIdentity` are checked (Deny and
 * `sts:TagSession`-only statements are exempt; a valid sibling does not rescue an open one); the
 * three operators count with a `ForAnyValue:`/`ForAllValues:` qualifier, never with `…IfExists`
 * (nor negated, `Null`, `Bool`, `Numeric*`); key names match without regard to case; a value
 * starting with `*` (`"*"`, `"**"`, `"*?"`) or blank (`""`) is "scoped to all", while `"?"`,
 * `"owned:*"` and an empty list `[]` pass; and the rule covers every issuer beginning with
 * `token.actions.githubusercontent.com` (an enterprise-slug path included), the required keys
 * using the full issuer (`token.actions.githubusercontent.com/<slug>:sub`).
 * Sim choice (unconfirmed): only the first value is read, so `["repo:acme/x","*"]` passes as
 * FACTS.md §5 observed. Existing policies are never re-checked.
 *
 * The same control covers the other shared issuers IAM lists (FACTS-ISSUERS.md §0.2, table captured
 * 2026-09-11): `gitlab.com`, `app.terraform.io` and `agent.buildkite.com` each need `<host>:sub`.
 * For them trustwalk follows the observed probes rather than the GitHub quirks above: only Allow
 * statements whose actions include `sts:AssumeRoleWithWebIdentity` are checked; `ForAnyValue:` and
 * `ForAllValues:` qualifiers count, `…IfExists` does not; a literal `"*"` among the values rejects
 * (`["*","x"]` too), an empty list `[]` passes. The table's other rows (`vstoken.` and
 * `oidc-configuration.audit-log.githubusercontent.com`, `oidc.codefresh.io`, `scalr.io` need
 * `:sub`; `api.pulumi.com/oidc`, `oidc.vercel.com` need `:aud`) get the same rules: Sim choice, as
 * only the three above were probed. Issuers not in IAM's table (CircleCI, Bitbucket, GHES,
 * self-managed GitLab, Terraform Enterprise) are never checked. The principal in the message is
 * the Federated value as written (the real one for these issuers is Unconfirmed: FACTS-ISSUERS.md §0.2).
 * The built-in providers have their own older rules and messages (`builtInProviderFailure`).
 */
import { compiledPolicyFor } from './compile.js'
import type { TrustPolicy } from './model.js'
import type { SourceLocation } from './policy-error.js'

export const GUARDRAIL_SOURCE =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html'

/** GitHub's provider, and any provider whose issuer begins with its host (`…/<slug>`): group 1 is the prefix. */
const GITHUB_PROVIDER =
  /^arn:[^:]+:iam::\d*:oidc-provider\/(token\.actions\.githubusercontent\.com(?:\/.+)?)$/
const OPERATORS = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase'])

/** The other shared issuers in IAM's table, and the key each must pin (FACTS-ISSUERS.md §0.2). */
export const SHARED_ISSUER_REQUIRED_KEYS: Readonly<Record<string, string>> = {
  'gitlab.com': 'gitlab.com:sub',
  'app.terraform.io': 'app.terraform.io:sub',
  'agent.buildkite.com': 'agent.buildkite.com:sub',
  'vstoken.actions.githubusercontent.com': 'vstoken.actions.githubusercontent.com:sub',
  'oidc-configuration.audit-log.githubusercontent.com':
    'oidc-configuration.audit-log.githubusercontent.com:sub',
  'oidc.codefresh.io': 'oidc.codefresh.io:sub',
  'scalr.io': 'scalr.io:sub',
  'api.pulumi.com/oidc': 'api.pulumi.com/oidc:aud',
  'oidc.vercel.com': 'oidc.vercel.com:aud',
}
const GOOGLE = 'accounts.google.com'
const GOOGLE_KEYS = new Set([`${GOOGLE}:aud`, `${GOOGLE}:oaud`, `${GOOGLE}:sub`])
const COGNITO = 'cognito-identity.amazonaws.com'
const SHARED_PROVIDER = /^arn:[^:]+:iam::\d*:oidc-provider\/(.+)$/

export interface GuardrailResult {
  /** False when IAM would refuse the policy at CreateRole/UpdateAssumeRolePolicy. */
  ok: boolean
  /** Whether any Allow statement trusts GitHub's provider, another shared issuer IAM checks, or Google or Cognito (else the check does not apply). */
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
    if (s.effect !== 'Allow' || s.principal.negated || !coversWebIdentity(s)) continue
    const principal = s.principal.entries
      .filter((e) => e.type === 'Federated')
      .flatMap((e) => e.values)
      .find((v) => GITHUB_PROVIDER.test(v.value))
    if (!principal) {
      const shared = sharedIssuerFailure(s) ?? builtInProviderFailure(s)
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
    const prefix = GITHUB_PROVIDER.exec(principal.value)![1]!
    const keys = new Set(
      [`${prefix}:sub`, `${prefix}:job_workflow_ref`].map((k) => k.toLowerCase()),
    )
    const scoped = s.conditions.some((c) => {
      const op = c.operator
      if (op.ifExists || !OPERATORS.has(op.base)) return false
      if (!keys.has(c.key.toLowerCase())) return false
      // An empty list passes; otherwise the first value, unless blank or starting with `*`.
      const first = c.values[0]?.value
      return first === undefined || (first !== '' && !first.startsWith('*'))
    })
    if (!scoped) {
      return {
        ok: false,
        applies,
        message:
          `Trust policy with trusted principal ${principal.value} must evaluate, using StringEquals, StringLike ` +
          `or StringEqualsIgnoreCase, ${prefix}:sub or ${prefix}:job_workflow_ref which is not scoped to all.`,
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
    .find((v) => sharedHost(v.value) !== undefined)
  if (!principal) return undefined
  const required = SHARED_ISSUER_REQUIRED_KEYS[sharedHost(principal.value)!]!
  const scoped = s.conditions.some((c) => {
    const op = c.operator
    if (op.ifExists || !OPERATORS.has(op.base)) return false
    if (c.key.toLowerCase() !== required) return false
    return !c.values.some((v) => v.value === '*')
  })
  if (scoped) return {}
  return {
    message:
      `Trust policy with trusted principal ${principal.value} must evaluate, using StringEquals, StringLike ` +
      `or StringEqualsIgnoreCase, ${required} which is not scoped to all.`,
  }
}

/**
 * IAM's older write-time rules for the two built-in web identity providers (FACTS-ISSUERS.md §0.2,
 * observed 2026-09-11, https://github.com/radkawar/stackd/blob/main/iam/policy/testdata/oidc_trust_controls_github_aws.json):
 * a statement trusting `cognito-identity.amazonaws.com` needs a Condition block; one trusting
 * `accounts.google.com` needs StringEquals (not StringLike, not `…IfExists`) on exactly
 * `accounts.google.com:aud`, `:oaud` or `:sub` (lower case), any value (`*` too). Sim choice
 * (unprobed): a `ForAnyValue:`/`ForAllValues:` qualifier does not count for Google.
 */
function builtInProviderFailure(s: Statement): { message?: string } | undefined {
  const federated = s.principal.entries
    .filter((e) => e.type === 'Federated')
    .flatMap((e) => e.values.map((v) => v.value))
  if (federated.includes(GOOGLE)) {
    const scoped = s.conditions.some(
      (c) =>
        c.operator.base === 'StringEquals' &&
        !c.operator.ifExists &&
        c.operator.qualifier === undefined &&
        GOOGLE_KEYS.has(c.key),
    )
    return scoped
      ? {}
      : {
          message:
            'Policy trusting accounts.google.com requires a StringEquals condition on an application id',
        }
  }
  if (federated.includes(COGNITO)) {
    return s.conditions.length > 0
      ? {}
      : { message: 'A condition block must be present for the Cognito provider' }
  }
  return undefined
}

/** The issuer of a shared provider IAM checks (a key of SHARED_ISSUER_REQUIRED_KEYS), else `undefined`. */
function sharedHost(arn: string): string | undefined {
  const issuer = SHARED_PROVIDER.exec(arn)?.[1]
  return issuer !== undefined &&
    Object.prototype.hasOwnProperty.call(SHARED_ISSUER_REQUIRED_KEYS, issuer)
    ? issuer
    : undefined
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
