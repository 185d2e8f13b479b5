/**
 * AssumeRoleWithWebIdentity's request parameters, validated exactly as the API reference and
 * model state (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_RequestParameters,
 * https://github.com/boto/botocore/blob/develop/botocore/data/sts/2011-06-15/service-2.json).
 * Every broken constraint is reported in one `ValidationError`, as AWS does.
 */
import { StsError } from '../../core/errors.js'
import { recordChecks, type CheckRecorder } from '../../core/check.js'
import type { Check } from '../../core/trace.js'
import { parseRoleArn } from '../arn.js'
import { validationMessage, type ConstraintViolation } from './validation.js'

/** The request, field names exactly as the STS API. */
export interface AssumeRoleWithWebIdentityParams {
  RoleArn: string
  RoleSessionName: string
  WebIdentityToken: string
  /** 900–43200 and at most the role's MaxSessionDuration. Default 3600. */
  DurationSeconds?: number
  /** An inline session policy (JSON). */
  Policy?: string
  /** Managed session policies, up to 10. */
  PolicyArns?: { arn: string }[]
  /** For OAuth 2.0 access tokens only; never used with OpenID Connect ID tokens. */
  ProviderId?: string
}

/** Parameters that passed validation, with defaults filled in. */
export interface ValidParams extends AssumeRoleWithWebIdentityParams {
  DurationSeconds: number
  /** `PackedPolicySize` for the response, when session policies were passed. */
  packedPolicySize?: number
}

export type ParamsValidation =
  | { ok: true; params: ValidParams; checks: Check[] }
  | { ok: false; error: StsError; checks: Check[] }

export const PARAMS_SOURCE =
  'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_RequestParameters'

const ARN_PATTERN = String.raw`[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`
const ARN_RE = /^[\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u
const SESSION_NAME_PATTERN = String.raw`[\w+=,.@-]*`
const SESSION_NAME_RE = /^[\w+=,.@-]*$/
const POLICY_PATTERN = String.raw`[\u0009\u000A\u000D\u0020-\u00FF]+`
const POLICY_RE = /^[\t\n\r\u0020-\u00FF]+$/
/** Sim choice: AWS packs (compresses) session policies and reports a percentage of an undocumented limit; trustwalk reports the minified size against 2,048 characters. */
const PACKED_LIMIT = 2048

/**
 * Validate the request parameters in AWS's order; returns the `issue.*` checks for the Trace.
 *
 * @example
 * const v = validateParams({ RoleArn: 'arn:aws:iam::123456789012:role/deploy', RoleSessionName: 'a', WebIdentityToken: jwt })
 * v.ok // false: "1 validation error detected: Value 'a' at 'roleSessionName' …"
 */
export function validateParams(
  input: Partial<Record<keyof AssumeRoleWithWebIdentityParams, unknown>>,
): ParamsValidation {
  const recorder = recordChecks()
  const { checks } = recorder
  const refuse = (error: StsError): ParamsValidation => ({ ok: false, error, checks })

  const violations = modelConstraints(input, recorder)
  if (violations.length)
    return refuse(new StsError('ValidationError', validationMessage(violations)))

  // Past the model's constraints: the ARN must name a role ("Request ARN is invalid"). Sim choice:
  // this text is STS's answer in user reports, not in FACTS.md or the API reference.
  const roleArn = input.RoleArn as string
  const parsedArn = parseRoleArn(roleArn)
  const named = recorder.check(
    'issue.role-arn-format',
    parsedArn !== undefined,
    PARAMS_SOURCE,
    () =>
      parsedArn
        ? `RoleArn names role ${parsedArn.roleName} in account ${parsedArn.accountId}.`
        : 'RoleArn is not a role ARN of the form arn:aws:iam::ACCOUNT:role/NAME.',
    'arn:aws:iam::ACCOUNT:role/[PATH/]NAME',
    roleArn,
  )
  if (!named) return refuse(new StsError('ValidationError', 'Request ARN is invalid'))

  const policy = input.Policy as string | undefined
  const policyArns = input.PolicyArns as { arn: string }[] | undefined
  const packed = sessionPolicies(policy, policyArns, recorder)
  if (packed instanceof StsError) return refuse(packed)

  const params: ValidParams = {
    RoleArn: roleArn,
    RoleSessionName: input.RoleSessionName as string,
    WebIdentityToken: input.WebIdentityToken as string,
    DurationSeconds: (input.DurationSeconds as number | undefined) ?? 3600,
    ...(policy !== undefined && { Policy: policy }),
    ...(policyArns !== undefined && { PolicyArns: policyArns }),
    ...(input.ProviderId !== undefined && { ProviderId: input.ProviderId as string }),
    ...(packed !== undefined && { packedPolicySize: packed }),
  }
  return { ok: true, params, checks }
}

/**
 * The API model's constraints, one check per parameter (in AWS's order); every violation of every
 * parameter is returned, as AWS reports them all in one ValidationError.
 */
function modelConstraints(
  input: Partial<Record<keyof AssumeRoleWithWebIdentityParams, unknown>>,
  recorder: CheckRecorder,
): ConstraintViolation[] {
  const all: ConstraintViolation[] = []
  const member = (
    id: string,
    summary: string,
    violations: ConstraintViolation[],
    actual?: unknown,
  ) => {
    all.push(...violations)
    recorder.add({
      id,
      ok: violations.length === 0,
      summary: violations.length
        ? `${summary}: ${violations.map((v) => v.constraint.replace(/^Member/, 'it')).join('; ')}.`
        : `${summary}.`,
      ...(actual !== undefined && { actual }),
      source: PARAMS_SOURCE,
    })
  }
  const { RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token } = input
  member(
    'issue.role-arn',
    'RoleArn is 20–2048 characters',
    [
      ...required('roleArn', roleArn),
      ...stringRules('roleArn', roleArn, 20, 2048, ARN_RE, ARN_PATTERN),
    ],
    roleArn,
  )
  member(
    'issue.role-session-name',
    'RoleSessionName is 2–64 characters of letters, digits and +=,.@_-',
    [
      ...required('roleSessionName', sessionName),
      ...stringRules('roleSessionName', sessionName, 2, 64, SESSION_NAME_RE, SESSION_NAME_PATTERN),
    ],
    sessionName,
  )
  member(
    'issue.token-length',
    'WebIdentityToken is 4–20000 characters',
    [
      ...required('webIdentityToken', token, true),
      ...stringRules('webIdentityToken', token, 4, 20000, undefined, undefined, true),
    ],
    typeof token === 'string' ? `${token.length} characters` : undefined,
  )
  if (input.ProviderId !== undefined) {
    member(
      'issue.provider-id',
      'ProviderId (OAuth 2.0 only, ignored for OpenID Connect) is 4–2048 characters',
      stringRules('providerId', input.ProviderId, 4, 2048),
    )
  }
  if (input.PolicyArns !== undefined)
    member(
      'issue.policy-arns',
      'PolicyArns lists at most 10 managed policy ARNs',
      policyArnRules(input.PolicyArns),
      input.PolicyArns,
    )
  if (input.Policy !== undefined) {
    member(
      'issue.session-policy',
      'Policy (the inline session policy) is 1–2048 characters',
      stringRules('policy', input.Policy, 1, 2048, POLICY_RE, POLICY_PATTERN),
      input.Policy,
    )
  }
  if (input.DurationSeconds !== undefined)
    member(
      'issue.duration-seconds',
      'DurationSeconds is 900–43200',
      durationRules(input.DurationSeconds),
      input.DurationSeconds,
    )
  return all
}

/**
 * The session policies, when there are any: the inline one must be JSON, and together they must
 * fit STS's packed size. Returns the packed size (percent), `undefined` without session policies,
 * or STS's error.
 */
function sessionPolicies(
  policy: string | undefined,
  policyArns: { arn: string }[] | undefined,
  recorder: CheckRecorder,
): number | undefined | StsError {
  if (policy === undefined && policyArns === undefined) return undefined
  let minified = ''
  if (policy !== undefined) {
    const parsed = parseJsonObject(policy)
    const json = recorder.check(
      'issue.session-policy-json',
      parsed !== undefined,
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
      () =>
        parsed
          ? 'The session policy is a JSON object.'
          : 'The session policy is not a JSON object.',
    )
    // Sim choice: STS's exact text for an unparseable session policy is not documented.
    if (!json) return new StsError('MalformedPolicyDocument', 'Syntax errors in policy.')
    minified = JSON.stringify(parsed)
  }
  const arns = policyArns?.reduce((n, p) => n + p.arn.length, 0) ?? 0
  const packedPolicySize = Math.ceil(((minified.length + arns) * 100) / PACKED_LIMIT)
  const fits = recorder.check(
    'issue.packed-policy-size',
    packedPolicySize <= 100,
    'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_ResponseElements',
    () => `The session policies use ${packedPolicySize}% of the packed size STS allows.`,
    '≤ 100',
    packedPolicySize,
  )
  if (fits) return packedPolicySize
  return new StsError(
    'PackedPolicyTooLarge',
    `Packed size of consumed session policies exceeds 100% of allowed value: ${packedPolicySize}%`,
  )
}

function required(member: string, value: unknown, sensitive = false): ConstraintViolation[] {
  return value === undefined || value === null
    ? [{ member, value, constraint: 'Member must not be null', sensitive }]
    : []
}

function stringRules(
  member: string,
  value: unknown,
  min: number,
  max: number,
  re?: RegExp,
  pattern?: string,
  sensitive = false,
): ConstraintViolation[] {
  if (value === undefined || value === null) return []
  if (typeof value !== 'string')
    return [{ member, value, constraint: 'Member must be a string', sensitive }]
  // Every broken constraint is its own error, the pattern first: an empty RoleArn breaks both
  // "[…]+" and the minimum length, and STS answers "2 validation errors detected: Value '' at
  // 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: […]+;
  // Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or
  // equal to 20" (https://github.com/mmmorris1975/aws-runas/issues/80,
  // https://github.com/newscorpaus/consigliere/issues/18).
  const out: ConstraintViolation[] = []
  if (re && pattern && !re.test(value)) {
    out.push({
      member,
      value,
      constraint: `Member must satisfy regular expression pattern: ${pattern}`,
      sensitive,
    })
  }
  if (value.length < min)
    out.push({
      member,
      value,
      constraint: `Member must have length greater than or equal to ${min}`,
      sensitive,
    })
  if (value.length > max)
    out.push({
      member,
      value,
      constraint: `Member must have length less than or equal to ${max}`,
      sensitive,
    })
  return out
}

function durationRules(value: unknown): ConstraintViolation[] {
  const member = 'durationSeconds'
  // Sim choice: the Query deserializer's answer for a non-integer is undocumented.
  if (typeof value !== 'number' || !Number.isInteger(value))
    return [{ member, value, constraint: 'Member must be an integer' }]
  if (value < 900)
    return [{ member, value, constraint: 'Member must have value greater than or equal to 900' }]
  if (value > 43200)
    return [{ member, value, constraint: 'Member must have value less than or equal to 43200' }]
  return []
}

function policyArnRules(value: unknown): ConstraintViolation[] {
  if (!Array.isArray(value))
    return [{ member: 'policyArns', value, constraint: 'Member must be a list' }]
  const out: ConstraintViolation[] = []
  // Sim choice: the API reference allows "up to 10"; the wording of the error past 10 is undocumented.
  if (value.length > 10)
    out.push({
      member: 'policyArns',
      value: value.map((p: { arn?: unknown }) => p?.arn),
      constraint: 'Member must have length less than or equal to 10',
    })
  value.forEach((p: { arn?: unknown }, i) => {
    const m = `policyArns.${i + 1}.member.arn`
    out.push(...required(m, p?.arn), ...stringRules(m, p?.arn, 20, 2048, ARN_RE, ARN_PATTERN))
  })
  return out
}

function parseJsonObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}
