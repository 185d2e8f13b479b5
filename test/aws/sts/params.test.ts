import { describe, expect, it } from 'vitest'
import { validateParams } from '../../../lib/aws/sts/params.js'

const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
const base = { RoleArn: ROLE, RoleSessionName: 'GitHubActions', WebIdentityToken: TOKEN }

function errorOf(input: Record<string, unknown>) {
  const v = validateParams(input)
  if (v.ok) throw new Error('expected a validation failure')
  return v.error
}

describe('validateParams: accepted requests', () => {
  it('fills DurationSeconds with 3600 and records passing issue.* checks', () => {
    const v = validateParams(base)
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.params.DurationSeconds).toBe(3600)
    expect(v.params.packedPolicySize).toBeUndefined()
    expect(v.checks.map((c) => c.id)).toEqual([
      'issue.role-arn',
      'issue.role-session-name',
      'issue.token-length',
      'issue.role-arn-format',
    ])
    expect(v.checks.every((c) => c.ok && c.id.startsWith('issue.'))).toBe(true)
  })

  it.each([900, 3600, 43200])('accepts DurationSeconds %i', (d) => {
    const v = validateParams({ ...base, DurationSeconds: d })
    expect(v.ok && v.params.DurationSeconds).toBe(d)
  })

  it.each(['ab', 'a'.repeat(64), 'user@example.com', 'a_b+c=d,e.f-g'])(
    'accepts session name %s',
    (name) => {
      expect(validateParams({ ...base, RoleSessionName: name }).ok).toBe(true)
    },
  )

  it('reports PackedPolicySize for a session policy, from its minified size', () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      },
      null,
      2,
    )
    const v = validateParams({ ...base, Policy: policy })
    expect(v.ok).toBe(true)
    if (!v.ok) return
    const minified = JSON.stringify(JSON.parse(policy)).length
    expect(v.params.packedPolicySize).toBe(Math.ceil((minified * 100) / 2048))
    expect(v.params.packedPolicySize).toBeGreaterThan(0)
  })

  it('accepts up to 10 PolicyArns', () => {
    const arns = Array.from({ length: 10 }, (_, i) => ({ arn: `arn:aws:iam::aws:policy/P${i}` }))
    const v = validateParams({ ...base, PolicyArns: arns })
    expect(v.ok).toBe(true)
    expect(v.ok && v.params.PolicyArns).toEqual(arns)
  })
})

describe('validateParams: ValidationError texts as STS writes them', () => {
  it.each([
    [
      'RoleArn',
      undefined,
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    ],
    [
      'RoleArn',
      'arn:aws:iam::1:role',
      "1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    ],
    [
      'RoleSessionName',
      undefined,
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'RoleSessionName',
      'a',
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      'RoleSessionName',
      'dependabot[bot]',
      "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      'RoleSessionName',
      'PowerUser/hjacobs',
      "1 validation error detected: Value 'PowerUser/hjacobs' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      'WebIdentityToken',
      'abc',
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
    ],
    [
      'WebIdentityToken',
      undefined,
      "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null",
    ],
    [
      'DurationSeconds',
      899,
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      'DurationSeconds',
      43201,
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    ],
    [
      'DurationSeconds',
      'abc',
      "1 validation error detected: Value 'abc' at 'durationSeconds' failed to satisfy constraint: Member must be an integer",
    ],
    // An empty value breaks both the "[…]+" pattern and the minimum length: two errors, the
    // pattern first, as STS answers an empty RoleArn (https://github.com/mmmorris1975/aws-runas/issues/80).
    [
      'RoleArn',
      '',
      "2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    ],
    [
      'Policy',
      '',
      "2 validation errors detected: Value '' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'RoleSessionName',
      `${'x'.repeat(64)}:`,
      `2 validation errors detected: Value '${'x'.repeat(64)}:' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '${'x'.repeat(64)}:' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
  ])('%s = %j', (member, value, message) => {
    const e = errorOf({ ...base, [member]: value })
    expect(e.code).toBe('ValidationError')
    expect(e.status).toBe(400)
    expect(e.type).toBe('Sender')
    expect(e.message).toBe(message)
  })

  it('a 65-character session name exceeds 64', () => {
    const name = 'a'.repeat(65)
    expect(errorOf({ ...base, RoleSessionName: name }).message).toBe(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    )
  })

  it('never echoes the (sensitive) token, even when it is too long', () => {
    const token = 'x'.repeat(20001)
    const e = errorOf({ ...base, WebIdentityToken: token })
    expect(e.message).toBe(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000",
    )
  })

  it('a RoleArn over 2048 characters, or with a control character, is refused', () => {
    const long = ROLE + 'x'.repeat(2048)
    expect(errorOf({ ...base, RoleArn: long }).message).toContain(
      "at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048",
    )
    expect(errorOf({ ...base, RoleArn: ROLE + '\u0001' }).message).toContain(
      'Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
    )
  })

  it('a Policy over 2048 characters, or outside Latin-1, is refused', () => {
    expect(errorOf({ ...base, Policy: 'x'.repeat(2049) }).message).toMatch(
      /at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    )
    expect(errorOf({ ...base, Policy: '{"a":"ā"}' }).message).toMatch(
      /at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\u0009\\u000A\\u000D\\u0020-\\u00FF\]\+$/,
    )
  })

  it('more than 10 PolicyArns is refused; each ARN is 20–2048 characters', () => {
    const arns = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::aws:policy/P${i}` }))
    expect(errorOf({ ...base, PolicyArns: arns }).message).toContain(
      "at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
    )
    expect(errorOf({ ...base, PolicyArns: [{ arn: 'arn:short' }] }).message).toBe(
      "1 validation error detected: Value 'arn:short' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    )
  })

  it('counts and joins several violations, in the API member order', () => {
    const e = errorOf({
      RoleSessionName: 'a:b',
      WebIdentityToken: TOKEN,
      DurationSeconds: 60,
      RoleArn: ROLE,
    })
    expect(e.message).toBe(
      "2 validation errors detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    )
    const v = validateParams({
      RoleSessionName: 'a:b',
      WebIdentityToken: TOKEN,
      DurationSeconds: 60,
      RoleArn: ROLE,
    })
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual([
      'issue.role-session-name',
      'issue.duration-seconds',
    ])
  })

  it('an ARN that is not a role ARN: "Request ARN is invalid"', () => {
    const e = errorOf({ ...base, RoleArn: 'arn:aws:iam::123456789012:user/alice' })
    expect([e.code, e.message, e.status]).toEqual([
      'ValidationError',
      'Request ARN is invalid',
      400,
    ])
    const v = validateParams({ ...base, RoleArn: 'arn:aws:iam::123456789012:user/alice' })
    expect(v.checks.at(-1)).toMatchObject({ id: 'issue.role-arn-format', ok: false })
  })
})

describe('validateParams: session policies', () => {
  it('a Policy that is not JSON is MalformedPolicyDocument', () => {
    const e = errorOf({ ...base, Policy: '{"Version": "2012-10-17",' })
    expect([e.code, e.status]).toEqual(['MalformedPolicyDocument', 400])
    const v = validateParams({ ...base, Policy: 'not json' })
    expect(v.checks.at(-1)).toMatchObject({ id: 'issue.session-policy-json', ok: false })
  })

  it('JSON that is not an object is MalformedPolicyDocument too', () => {
    expect(errorOf({ ...base, Policy: '[1,2]' }).code).toBe('MalformedPolicyDocument')
  })

  it('session policies past 100% of the packed size are PackedPolicyTooLarge', () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: '*', Resource: 'x'.repeat(1900) }],
    })
    const arns = Array.from({ length: 10 }, (_, i) => ({
      arn: `arn:aws:iam::123456789012:policy/${'p'.repeat(40)}${i}`,
    }))
    const e = errorOf({ ...base, Policy: policy, PolicyArns: arns })
    expect([e.code, e.status]).toEqual(['PackedPolicyTooLarge', 400])
    expect(e.message).toMatch(/exceeds 100% of allowed value/)
  })
})
