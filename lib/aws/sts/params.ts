/**
 * AssumeRoleWithWebIdentity's request parameters, validated exactly as the API reference and
 * model state (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_RequestParameters,
 * https://github.com/boto/botocore/blob/develop/botocore/data/sts/2011-06-15/service-2.json).
 * Every broken constraint is reported in one `ValidationError`, as AWS does.
 */
import { StsError } from '../../core/errors.js'
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
  const all: ConstraintViolation[] = []
  const checks: Check[] = []
  const member = (
    id: string,
    summary: string,
    violations: ConstraintViolation[],
    actual?: unknown,
  ) => {
    all.push(...violations)
    checks.push({
      id,
      ok: violations.length === 0,
      summary: violations.length
        ? `${summary}: ${violations.map((v) => v.constraint.replace(/^Member/, 'it')).join('; ')}.`
        : `${summary}.`,
      ...(actual !== undefined && { actual }),
      source: PARAMS_SOURCE,
    })
  }

  const roleArn = input.RoleArn
  member(
    'issue.role-arn',
    'RoleArn is 20–2048 characters',
    [
      ...required('roleArn', roleArn),
      ...stringRules('roleArn', roleArn, 20, 2048, ARN_RE, ARN_PATTERN),
    ],
    roleArn,
  )
  const sessionName = input.RoleSessionName
  member(
    'issue.role-session-name',
    'RoleSessionName is 2–64 characters of letters, digits and +=,.@_-',
    [
      ...required('roleSessionName', sessionName),
      ...stringRules('roleSessionName', sessionName, 2, 64, SESSION_NAME_RE, SESSION_NAME_PATTERN),
    ],
    sessionName,
  )
  const token = input.WebIdentityToken
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
  const policyArns = input.PolicyArns
  if (policyArns !== undefined)
    member(
      'issue.policy-arns',
      'PolicyArns lists at most 10 managed policy ARNs',
      policyArnRules(policyArns),
      policyArns,
    )
  const policy = input.Policy
  if (policy !== undefined) {
    member(
      'issue.session-policy',
      'Policy (the inline session policy) is 1–2048 characters',
      stringRules('policy', policy, 1, 2048, POLICY_RE, POLICY_PATTERN),
      policy,
    )
  }
  const duration = input.DurationSeconds
  if (duration !== undefined)
    member(
      'issue.duration-seconds',
      'DurationSeconds is 900–43200',
      durationRules(duration),
      duration,
    )

  if (all.length)
    return { ok: false, error: new StsError('ValidationError', validationMessage(all)), checks }

  // Past the model's constraints: the ARN must name a role ("Request ARN is invalid").
  const parsedArn = parseRoleArn(roleArn as string)
  checks.push({
    id: 'issue.role-arn-format',
    ok: parsedArn !== undefined,
    summary: parsedArn
      ? `RoleArn names role ${parsedArn.roleName} in account ${parsedArn.accountId}.`
      : 'RoleArn is not a role ARN of the form arn:aws:iam::ACCOUNT:role/NAME.',
    expected: 'arn:aws:iam::ACCOUNT:role/[PATH/]NAME',
    actual: roleArn,
    source: PARAMS_SOURCE,
  })
  if (!parsedArn)
    return { ok: false, error: new StsError('ValidationError', 'Request ARN is invalid'), checks }

  let packedPolicySize: number | undefined
  if (policy !== undefined || policyArns !== undefined) {
    let minified = ''
    if (policy !== undefined) {
      const parsed = parseJsonObject(policy as string)
      checks.push({
        id: 'issue.session-policy-json',
        ok: parsed !== undefined,
        summary: parsed
          ? 'The session policy is a JSON object.'
          : 'The session policy is not a JSON object.',
        source:
          'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
      })
      // Sim choice: STS's exact text for an unparseable session policy is not documented.
      if (!parsed)
        return {
          ok: false,
          error: new StsError('MalformedPolicyDocument', 'Syntax errors in policy.'),
          checks,
        }
      minified = JSON.stringify(parsed)
    }
    const arns =
      (policyArns as { arn: string }[] | undefined)?.reduce((n, p) => n + p.arn.length, 0) ?? 0
    packedPolicySize = Math.ceil(((minified.length + arns) * 100) / PACKED_LIMIT)
    const fits = packedPolicySize <= 100
    checks.push({
      id: 'issue.packed-policy-size',
      ok: fits,
      summary: `The session policies use ${packedPolicySize}% of the packed size STS allows.`,
      expected: '≤ 100',
      actual: packedPolicySize,
      source:
        'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_ResponseElements',
    })
    if (!fits) {
      return {
        ok: false,
        error: new StsError(
          'PackedPolicyTooLarge',
          `Packed size of consumed session policies exceeds 100% of allowed value: ${packedPolicySize}%`,
        ),
        checks,
      }
    }
  }

  const params: ValidParams = {
    RoleArn: roleArn as string,
    RoleSessionName: sessionName as string,
    WebIdentityToken: token as string,
    DurationSeconds: (duration as number | undefined) ?? 3600,
    ...(policy !== undefined && { Policy: policy as string }),
    ...(policyArns !== undefined && { PolicyArns: policyArns as { arn: string }[] }),
    ...(input.ProviderId !== undefined && { ProviderId: input.ProviderId as string }),
    ...(packedPolicySize !== undefined && { packedPolicySize }),
  }
  return { ok: true, params, checks }
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
