/**
 * IAM's OIDC identity providers and roles as `CreateOpenIDConnectProvider` and `CreateRole` accept
 * them: every field validated as IAM validates it, and refused with IAM's error codes.
 *
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
import { TrustwalkError } from '../core/errors.js'
import type { Partition } from './arn.js'
import { roleArn as formatRoleArn } from './arn.js'
import { checkGuardrail } from './policy/guardrail.js'
import type { TrustPolicy } from './policy/model.js'
import { parseTrustPolicy } from './policy/parse.js'
import { PolicyDocumentError } from './policy/policy-error.js'
import { roleId } from './sts/ids.js'
import { validationMessage, type ConstraintViolation } from './sts/validation.js'

/** The error codes IAM answers `CreateRole` / `CreateOpenIDConnectProvider` with. */
export type IamErrorCode =
  | 'MalformedPolicyDocument'
  | 'ValidationError'
  | 'InvalidInput'
  | 'EntityAlreadyExists'
  | 'LimitExceeded'
  | 'NoSuchEntity'

/**
 * An IAM write refused, with IAM's code, message and HTTP status.
 *
 * @example
 * try { createAwsAccount(input) } catch (e) { if (e instanceof IamError) console.log(e.code, e.message) }
 */
export class IamError extends TrustwalkError {
  declare readonly code: IamErrorCode
  readonly status: number
  constructor(code: IamErrorCode, message: string, status = 400, options?: { cause?: unknown }) {
    super(code, message, options)
    this.status = status
  }
}

export interface OidcProviderInput {
  /** The issuer URL, exactly as the token's `iss` (https; plain http only on loopback). */
  Url: string
  /** The audiences (`aud`) this provider accepts. */
  ClientIDList: string[]
  /**
   * 40-hex SHA-1 thumbprints: validated and stored, but unused, as AWS now does for GitHub
   * (Sim choice, FACTS.md §3: AWS still uses them for issuers whose CA it does not trust).
   */
  ThumbprintList?: string[]
}

export interface OidcProvider {
  Url: string
  ClientIDList: string[]
  ThumbprintList: string[]
  /** `arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]` */
  Arn: string
}

export interface RoleInput {
  RoleName: string
  /** Default `/`. */
  Path?: string
  /** The trust policy, as JSON text or an object. */
  AssumeRolePolicyDocument: string | object
  /** Longest session in seconds, 3600–43200. Default 3600. */
  MaxSessionDuration?: number
  Description?: string
  /**
   * A role whose trust policy was written before AWS's GitHub guardrail existed. IAM checks the
   * guardrail only when a trust policy is written (CreateRole, UpdateAssumeRolePolicy); existing
   * policies are not re-checked (FACTS.md §5), so such roles still exist and can still be assumed.
   * Sim choice: a legacy role also skips the `NotPrincipal` refusal (whether IAM ever accepted
   * one in a trust policy is undocumented), so any policy document can be evaluated as a role.
   */
  legacyRole?: boolean
}

export interface IamRole {
  RoleName: string
  Path: string
  Arn: string
  /** `AROA…`, 21 characters. */
  RoleId: string
  /** The trust policy as JSON text. */
  AssumeRolePolicyDocument: string
  trustPolicy: TrustPolicy
  MaxSessionDuration: number
  Description?: string
  legacyRole: boolean
}

/**
 * The actions a role trust policy may grant: the three AssumeRole calls and the session extras
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
 */
const TRUST_POLICY_ACTIONS = new Set([
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
])
const ROLE_NAME = /^[\w+=,.@-]+$/
const ROLE_PATH = /^(\/|\/[\u0021-\u007e]+\/)$/
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The ARN IAM gives a provider URL: the URL without its scheme. For the loopback `http://` issuer
 * of the local emulators (the documented deviation) the scheme is dropped the same way.
 *
 * @example
 * providerArnFor('123456789012', 'http://127.0.0.1:4010') // 'arn:aws:iam::123456789012:oidc-provider/127.0.0.1:4010'
 */
export function providerArnFor(
  accountId: string,
  url: string,
  partition: Partition = 'aws',
): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${url.replace(/^https?:\/\//, '')}`
}

/**
 * Whether a URL is plain http on this machine — the one place trustwalk allows it.
 *
 * @example
 * isLoopbackHttp('http://127.0.0.1:4010') // true
 * isLoopbackHttp('http://example.com') // false
 */
export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname)
  } catch {
    return false
  }
}

/**
 * Validate a provider as CreateOpenIDConnectProvider does; throws `IamError`.
 *
 * @example
 * validateProvider({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }, '123456789012', 'aws').Arn
 * // 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
 */
export function validateProvider(
  p: OidcProviderInput,
  accountId: string,
  partition: Partition,
): OidcProvider {
  const url = p?.Url
  const clientIds = p?.ClientIDList ?? []
  const thumbprints = p?.ThumbprintList ?? []
  const violations: ConstraintViolation[] = []
  if (typeof url !== 'string')
    violations.push({ member: 'url', value: url, constraint: 'Member must not be null' })
  else lengthViolation(violations, 'url', url, 1, 255)
  if (!Array.isArray(clientIds))
    throw new IamError('InvalidInput', 'ClientIDList must be a list of strings.')
  if (clientIds.length > 100)
    violations.push({
      member: 'clientIDList',
      value: `[${clientIds.join(', ')}]`,
      constraint: 'Member must have length less than or equal to 100',
    })
  clientIds.forEach((id, i) =>
    lengthViolation(violations, `clientIDList.${i + 1}.member`, String(id), 1, 255),
  )
  if (!Array.isArray(thumbprints))
    throw new IamError('InvalidInput', 'ThumbprintList must be a list of strings.')
  if (thumbprints.length > 5)
    violations.push({
      member: 'thumbprintList',
      value: `[${thumbprints.join(', ')}]`,
      constraint: 'Member must have length less than or equal to 5',
    })
  thumbprints.forEach((t, i) =>
    lengthViolation(violations, `thumbprintList.${i + 1}.member`, String(t), 40, 40),
  )
  if (violations.length) throw new IamError('ValidationError', validationMessage(violations))
  const parsed = safeUrl(url!)
  // https only, no query or port (CreateOpenIDConnectProvider, FACTS.md §3); plain http is allowed
  // on loopback for the local emulators, which is trustwalk's one documented deviation from AWS.
  // Sim choice: the texts of these InvalidInput refusals are unconfirmed.
  const scheme = parsed?.protocol === 'https:' || (parsed && isLoopbackHttp(url!))
  if (!parsed || !scheme || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new IamError(
      'InvalidInput',
      `Invalid Open ID Connect Provider URL: ${url} (an https:// URL with no query or fragment).`,
    )
  }
  if (parsed.protocol === 'https:' && parsed.port) {
    throw new IamError(
      'InvalidInput',
      `Invalid Open ID Connect Provider URL: ${url} (IAM does not allow a port).`,
    )
  }
  for (const t of thumbprints) {
    if (!/^[0-9a-fA-F]{40}$/.test(t)) {
      throw new IamError(
        'InvalidInput',
        `Thumbprint ${t} is not a 40-character hexadecimal SHA-1 fingerprint.`,
      )
    }
  }
  return {
    Url: url!,
    ClientIDList: [...clientIds],
    ThumbprintList: [...thumbprints],
    Arn: providerArnFor(accountId, url!, partition),
  }
}

/**
 * Validate a role as CreateRole does, with IAM's write-time checks on its trust policy
 * (`validateTrustPolicyWrite`: no `NotPrincipal`, the GitHub guardrail) unless `legacyRole`;
 * throws `IamError`.
 *
 * @example
 * validateRole({ RoleName: 'deploy', AssumeRolePolicyDocument: trustPolicy }, '123456789012', 'aws').RoleId // 'AROA…'
 */
export function validateRole(r: RoleInput, accountId: string, partition: Partition): IamRole {
  const violations: ConstraintViolation[] = []
  const name = r?.RoleName
  const path = r?.Path ?? '/'
  const max = r?.MaxSessionDuration ?? 3600
  if (typeof name !== 'string')
    violations.push({ member: 'roleName', value: name, constraint: 'Member must not be null' })
  else {
    lengthViolation(violations, 'roleName', name, 1, 64)
    if (!ROLE_NAME.test(name))
      violations.push({
        member: 'roleName',
        value: name,
        constraint: 'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
      })
  }
  lengthViolation(violations, 'path', String(path), 1, 512)
  if (!ROLE_PATH.test(String(path)))
    violations.push({
      member: 'path',
      value: path,
      constraint:
        'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    })
  if (!Number.isInteger(max) || max < 3600)
    violations.push({
      member: 'maxSessionDuration',
      value: max,
      constraint: 'Member must have value greater than or equal to 3600',
    })
  else if (max > 43200)
    violations.push({
      member: 'maxSessionDuration',
      value: max,
      constraint: 'Member must have value less than or equal to 43200',
    })
  if (r?.AssumeRolePolicyDocument === undefined || r?.AssumeRolePolicyDocument === null) {
    violations.push({
      member: 'assumeRolePolicyDocument',
      value: undefined,
      constraint: 'Member must not be null',
    })
  }
  if (violations.length) throw new IamError('ValidationError', validationMessage(violations))
  const document =
    typeof r.AssumeRolePolicyDocument === 'string'
      ? r.AssumeRolePolicyDocument
      : JSON.stringify(r.AssumeRolePolicyDocument, null, 2)
  const legacyRole = r.legacyRole === true
  const trustPolicy = legacyRole ? parseForIam(document) : validateTrustPolicyWrite(document)
  return {
    RoleName: name!,
    Path: path,
    Arn: formatRoleArn(accountId, name!, path, partition),
    RoleId: roleId(accountId, path, name!),
    AssumeRolePolicyDocument: document,
    trustPolicy,
    MaxSessionDuration: max,
    ...(r.Description !== undefined && { Description: r.Description }),
    legacyRole,
  }
}

/**
 * Check a trust policy as IAM does when it is written (`CreateRole`, `UpdateAssumeRolePolicy`) and
 * return it parsed; throws `IamError` `MalformedPolicyDocument`. IAM refuses a policy it cannot
 * parse, a statement with `NotPrincipal` (which "you cannot use … in an IAM role trust policy":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html),
 * an action that is not an STS AssumeRole action (`sts:*`), and a GitHub policy that fails AWS's
 * guardrail (policy/guardrail.ts).
 *
 * @example
 * validateTrustPolicyWrite(JSON.stringify(trustPolicy)).statements.length // 1
 */
export function validateTrustPolicyWrite(document: string): TrustPolicy {
  const trustPolicy = parseForIam(document)
  const negated = trustPolicy.statements.find((s) => s.principal.negated)
  if (negated) {
    // Sim choice: IAM's message for this refusal is undocumented; the code is the documented one.
    throw new IamError(
      'MalformedPolicyDocument',
      `Statement[${negated.index}] uses NotPrincipal, which a role trust policy cannot use; name the trusted principal in Principal instead.`,
    )
  }
  // `"Action":"sts:*"` is refused with this text before the guardrail is consulted (FACTS-ISSUERS.md
  // §0.2, observed 2026-09-11: https://github.com/radkawar/stackd/blob/main/iam/policy/testdata/oidc_trust_controls_github_aws.json,
  // which also saw `STS:assumerolewithwebidentity` refused the same way: the names are
  // case-sensitive). Sim choice: the list of STS actions a role trust policy may name, any other
  // value (a wildcard included) refused alike; `NotAction` is not checked.
  const action = trustPolicy.statements
    .filter((s) => !s.action.negated)
    .flatMap((s) => s.action.values)
    .find((v) => !TRUST_POLICY_ACTIONS.has(v.value))
  if (action) {
    throw new IamError(
      'MalformedPolicyDocument',
      'AssumeRole policy may only specify STS AssumeRole actions.',
    )
  }
  const guardrail = checkGuardrail(trustPolicy)
  if (!guardrail.ok)
    throw new IamError(
      'MalformedPolicyDocument',
      guardrail.message ?? 'Trust policy rejected by the GitHub guardrail.',
    )
  return trustPolicy
}

function parseForIam(document: string): TrustPolicy {
  try {
    return parseTrustPolicy(document)
  } catch (error) {
    if (error instanceof PolicyDocumentError)
      throw new IamError('MalformedPolicyDocument', error.message, 400, { cause: error })
    throw error
  }
}

function lengthViolation(
  out: ConstraintViolation[],
  member: string,
  value: string,
  min: number,
  max: number,
): void {
  if (value.length < min)
    out.push({
      member,
      value,
      constraint: `Member must have length greater than or equal to ${min}`,
    })
  else if (value.length > max)
    out.push({ member, value, constraint: `Member must have length less than or equal to ${max}` })
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
