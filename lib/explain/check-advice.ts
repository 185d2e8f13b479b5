/**
 * Advice per check id: for every question STS (or the issuer) asks in the Trace, what it means in
 * plain words, what to change when it fails, and the documentation behind the rule. The CLI's
 * "What to change" and the site's walk both read this one table.
 */
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import { SOURCES } from '../aws/oidc/sources.js'
import { PARAMS_SOURCE } from '../aws/sts/params.js'
import type { Check, StepId, StsErrorShape, Trace } from '../core/trace.js'
import { whatToChange } from './what-to-change.js'

const IAM_TRUST_POLICY =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html'
const SESSION_TAGS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html'
const SOURCE_IDENTITY =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html'
const MAX_SESSION_DURATION =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration'
const GITHUB_TOKEN_REQUEST =
  'https://docs.github.com/en/actions/reference/security/oidc#methods-for-requesting-the-oidc-token'

/** What the advice may use besides the check: STS's answer, and who is reading. */
export interface AdviceContext {
  /** STS's error, when the handshake failed (its message is quoted where it helps). */
  error?: StsErrorShape
  /** Mention the `trustwalk explain` options that simulate or skip this check. */
  explainOptions?: boolean
}

export interface CheckAdvice {
  /** The check ids it is for; an entry ending in `.` covers a whole family (`discovery.`). */
  checks: readonly string[]
  /** What the check asks, in plain words. */
  explanation: string
  /** What to change when the check fails. */
  change: string | ((context: AdviceContext) => string)
  /** Where the rule is documented. */
  source: string
  /**
   * Listed in a failed handshake's "What to change" (`whatToChangeInTrace`). The others are shown
   * beside the failed check only: a forged or altered token, a missing role, a refused trust
   * policy (whose edits `whatToChange` lists one by one).
   */
  inSummary?: boolean
}

const KEYS_CHANGE = ({ explainOptions }: AdviceContext): string =>
  `STS could not fetch the issuer's keys, or they do not include the token's kid.${explainOptions ? ' To check the signature offline, pass --jwks FILE|URL; to check only the policy, use --claims.' : ''}`

/** Every check with advice, most specific first. */
export const CHECK_ADVICE: readonly CheckAdvice[] = [
  {
    checks: ['discovery.configuration-fetched', 'discovery.jwks-fetched', 'discovery.jwks-keys'],
    explanation:
      'STS fetches {iss}/.well-known/openid-configuration and then the JWKS it names, to find the key that signed the token.',
    change: KEYS_CHANGE,
    source: SOURCES.oidcDiscovery,
    inSummary: true,
  },
  {
    checks: ['discovery.'],
    explanation:
      'The discovery document must be JSON, name the same issuer as the token and a jwks_uri STS can fetch.',
    change:
      'STS must be able to fetch {iss}/.well-known/openid-configuration and its jwks_uri, and both must be valid. For GitHub, re-run the job; for your own issuer, fix the documents.',
    source: SOURCES.oidcDiscoveryValidation,
  },
  {
    checks: ['issue.role-arn-format'],
    explanation: 'RoleArn must be a full IAM role ARN.',
    change: ({ error }) => fixTheRequest(error),
    source: PARAMS_SOURCE,
    inSummary: true,
  },
  {
    checks: [
      'issue.role-arn',
      'issue.role-session-name',
      'issue.token-length',
      'issue.provider-id',
      'issue.policy-arns',
      'issue.session-policy',
      'issue.duration-seconds',
    ],
    explanation:
      'STS validates every request parameter (length, characters, range) before it reads the token.',
    change: ({ error }) => fixTheRequest(error),
    source: PARAMS_SOURCE,
    inSummary: true,
  },
  {
    checks: ['issue.jwt-format', 'issue.claims', 'issue.token-signed', 'issue.id-token-request'],
    explanation:
      'The job must send the ID token it got from GitHub: a signed JWT with iss, sub, aud, exp and iat.',
    change: 'Pass the job’s ID token unchanged: a signed JWT with iss, sub, aud, exp and iat.',
    source: GITHUB_TOKEN_REQUEST,
  },
  {
    checks: ['verify.provider-for-iss'],
    explanation:
      'STS looks for an IAM OIDC provider in the role’s account whose URL is exactly the token’s iss.',
    change: ({ error }) =>
      `Create an IAM OIDC provider whose URL is exactly the token's iss, and name its ARN in the policy's Principal.Federated${error ? ` (STS: "${error.message}")` : ''}.`,
    source: SOURCES.iamCreateOidc,
    inSummary: true,
  },
  {
    checks: ['verify.aud-in-client-ids'],
    explanation: 'The token’s aud must be one of the provider’s client IDs (audiences).',
    change: ({ explainOptions }) =>
      `Make the token's aud one of the provider's client IDs: add it to the provider${explainOptions ? ' (simulate with --client-id)' : ''}, or have the workflow ask for audience sts.amazonaws.com.`,
    source: SOURCES.iamCreateOidc,
    inSummary: true,
  },
  {
    checks: ['verify.kid-in-jwks'],
    explanation: 'The key named by the token’s kid must be in the issuer’s JWKS.',
    change: KEYS_CHANGE,
    source: SOURCES.jwkSet,
    inSummary: true,
  },
  {
    checks: ['verify.signature'],
    explanation: 'The signature must verify with the issuer’s published key.',
    change:
      'The token was changed after GitHub signed it, or signed by someone else. Use the token exactly as the runner returned it.',
    source: SOURCES.jwsCompact,
  },
  {
    checks: ['verify.exp'],
    explanation: 'The token must reach STS before exp, plus 5 minutes of clock skew.',
    change: ({ explainOptions }) =>
      `The token has expired (GitHub tokens live 5 minutes, and AWS allows 5 minutes of clock skew): get a fresh one${explainOptions ? ', or explain its claims with --claims' : ''}.`,
    source: SOURCES.iamOidc,
    inSummary: true,
  },
  {
    checks: ['verify.nbf', 'verify.iat'],
    explanation: 'The token must already be valid: nbf and iat not in the future.',
    change:
      'Request the token right before calling STS: it is valid for 5 minutes (plus 5 minutes of skew).',
    source: SOURCES.jwtClaims,
  },
  {
    checks: ['verify.crit'],
    explanation: 'STS refuses a token whose header lists extensions it does not understand.',
    change: 'The token header lists extensions STS does not understand; GitHub never sends these.',
    source: SOURCES.jwsCrit,
  },
  {
    checks: ['conditions.role-exists'],
    explanation: 'The role named by RoleArn must exist in the account.',
    change:
      'Check role-to-assume: the role must exist in the account that holds the OIDC provider.',
    source: SOURCES.stsApi,
  },
  {
    checks: ['conditions.trust-policy'],
    explanation:
      'IAM evaluates the role’s trust policy against the request context built from the token.',
    change:
      'Change the trust policy so the failing condition accepts this run — or run the workflow from the branch, tag or environment the policy names. Never widen it to a wildcard to make the error go away.',
    source: IAM_TRUST_POLICY,
  },
  {
    checks: ['conditions.tag-session'],
    explanation: 'A token that carries session tags needs sts:TagSession in the trust policy.',
    change:
      'Allow sts:TagSession in the trust policy, or stop sending session tags (role-skip-session-tagging).',
    source: SESSION_TAGS,
  },
  {
    checks: ['conditions.set-source-identity'],
    explanation:
      'A token that carries a source identity needs sts:SetSourceIdentity in the trust policy.',
    change: 'Allow sts:SetSourceIdentity in the trust policy, or stop sending a source identity.',
    source: SOURCE_IDENTITY,
  },
  {
    checks: ['credentials.duration-within-max'],
    explanation: 'DurationSeconds may not exceed the role’s MaxSessionDuration.',
    change: ({ error }) => fixTheRequest(error),
    source: MAX_SESSION_DURATION,
    inSummary: true,
  },
]

/** What to change when a step fails on a check the table does not name. */
export const STEP_ADVICE: Readonly<Record<StepId, string>> = {
  discovery: 'Make the issuer’s discovery document and JWKS reachable and valid.',
  issue:
    'Fix the job’s request: it needs permissions: id-token: write and must pass the token unchanged.',
  verify:
    'The token must come from the provider’s issuer, for one of its audiences, signed by a published key, and fresh.',
  conditions: 'Make the trust policy and the run agree.',
  credentials: 'Ask for what the role allows.',
}

/** STS's validation message says exactly which parameter breaks which constraint. */
function fixTheRequest(error: StsErrorShape | undefined): string {
  return error
    ? `Fix the request: ${error.message}`
    : 'Fix the request: give every parameter within the limits STS documents.'
}

/**
 * The advice entry for a check id, if the table has one.
 *
 * @example
 * checkAdvice('verify.aud-in-client-ids')?.explanation
 * // 'The token’s aud must be one of the provider’s client IDs (audiences).'
 */
export function checkAdvice(checkId: string): CheckAdvice | undefined {
  return CHECK_ADVICE.find((a) =>
    a.checks.some((id) => (id.endsWith('.') ? checkId.startsWith(id) : checkId === id)),
  )
}

/**
 * What to change for a failed check: its advice, else the advice for its step.
 *
 * @example
 * adviceFor({ id: 'verify.aud-in-client-ids', ok: false, summary: '…' })
 * // "Make the token's aud one of the provider's client IDs: add it to the provider, or have the workflow ask for audience sts.amazonaws.com."
 */
export function adviceFor(check: Check, context: AdviceContext = {}): string {
  const advice = checkAdvice(check.id)
  if (!advice) return STEP_ADVICE[stepIdOf(check.id)] ?? STEP_ADVICE.conditions
  return typeof advice.change === 'string' ? advice.change : advice.change(context)
}

/**
 * The first failed check of a Trace: the one STS stopped on (none when STS issued credentials).
 *
 * @example
 * failedCheck(await walk(getScenario('wrong-audience')))?.id // 'verify.aud-in-client-ids'
 */
export function failedCheck(trace: Trace): Check | undefined {
  const step = trace.steps.find((s) => s.status === 'fail')
  return step?.checks.find((c) => !c.ok)
}

/**
 * What to change so that STS would issue credentials: the advice for the check STS stopped on
 * (when it is one the summary lists), then the edits the trust policy needs (`whatToChange`).
 * Empty when the handshake succeeded.
 *
 * @example
 * whatToChangeInTrace(trace, evaluation)
 * // ["The token's sub is \"repo:o/r:pull_request\" but the policy wants …"]
 */
export function whatToChangeInTrace(
  trace: Trace,
  evaluation?: PolicyEvaluation,
  options: Pick<AdviceContext, 'explainOptions'> = {},
): string[] {
  const out: string[] = []
  const { outcome } = trace
  if (!outcome.ok) {
    const check = failedCheck(trace)
    if (check && checkAdvice(check.id)?.inSummary)
      out.push(adviceFor(check, { ...options, error: outcome.error }))
  }
  if (evaluation && evaluation.decision !== 'Allow') out.push(...whatToChange(evaluation))
  return out
}

function stepIdOf(checkId: string): StepId {
  return checkId.slice(0, checkId.indexOf('.')) as StepId
}
