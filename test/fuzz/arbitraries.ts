/**
 * fast-check generators for hostile input: strings full of control characters and escape
 * sequences, tokens (forged, mutated, wrapped), claims, trust policies in every format the CLI
 * reads, scenario files, and raw HTTP requests.
 */
import fc from 'fast-check'
import { SCENARIOS } from '../../lib/handshake/scenarios.js'

const b64 = (text: string) => Buffer.from(text).toString('base64url')

/** Sequences a terminal obeys, and characters that reorder or break lines. */
const TERMINAL_TRICKS = [
  '\u001b]0;pwned\u0007', // set the window title
  '\u001b[2J\u001b[H', // clear the screen
  '\u001b[31m', // colour
  '\r', // rewrite the line
  '\n12:00:00 AssumeRoleWithWebIdentity 200 forged\n', // a forged log line
  '\u202e', // right-to-left override
  '\u2066\u2069',
  '\u009b2J', // C1 CSI
  '\u0000',
  '\u007f',
  '\u2028',
]

/** Any text, weighted towards what breaks terminals and parsers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...TERMINAL_TRICKS), fc.string({ maxLength: 8 })), {
        maxLength: 6,
      })
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
      'repo:octo-org/*',
      '*',
      '',
      'sts.amazonaws.com',
      'https://token.actions.githubusercontent.com',
    ),
  },
)

/** Numbers as JSON carries them, with the extremes that break dates. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e21, -1e15, 8.64e12, 8.64e12 + 1, 2 ** 53, 1791484275, 1e308),
)

/** `[[[…1…]]]` or `{"a":{"a":…}}`, as text (too deep for JSON.stringify at the extremes). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(1, 50, 99, 100, 101, 300, 5000), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? '['.repeat(depth) + '1' + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  )

/** A JSON value of hostile strings and numbers, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value

const CLAIM_NAMES = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'repository',
  'repository_owner',
  'repository_owner_id',
  'ref',
  'environment',
  'job_workflow_ref',
  'event_name',
  'actor',
  'workflow',
]

/** Claims: GitHub's names and others, with any value. */
export const claimsArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        iss: fc.oneof(
          fc.constant('https://token.actions.githubusercontent.com'),
          fc.constant('http://127.0.0.1:1'),
          hostileString,
        ),
        aud: fc.oneof(fc.constant('sts.amazonaws.com'), hostileString, fc.array(hostileString)),
        sub: hostileString,
        iat: hostileNumber,
        exp: hostileNumber,
        nbf: hostileNumber,
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.oneof(fc.constantFrom(...CLAIM_NAMES), hostileString), hostileJson, {
      maxKeys: 5,
    }),
  )
  .map(([registered, others]) => ({ ...others, ...registered }))

/** A claims JSON text: an object, a deep one, or not JSON at all. */
export const claimsText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: claimsArb.map((c) => JSON.stringify(c)) },
  { weight: 1, arbitrary: deepJsonText.map((deep) => `{"iss":"x","deep":${deep}}`) },
  { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
)

/** Flip, drop or insert characters in a text. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      text,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('flip', 'drop', 'insert'),
          fc.string({ unit: 'binary', maxLength: 3 }),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([original, edits]) => {
      let s = original
      for (const [at, kind, insert] of edits) {
        const i = s.length === 0 ? 0 : at % s.length
        if (kind === 'flip' && s.length > 0)
          s = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.slice(i + 1)
        else if (kind === 'drop') s = s.slice(0, i) + s.slice(i + 1)
        else s = s.slice(0, i) + insert + s.slice(i)
      }
      return s
    })
}

const headerArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'fuzz-key' })),
  fc
    .record(
      {
        alg: fc.oneof(fc.constantFrom('RS256', 'none', 'HS256', 'ES256', 'PS256'), hostileString),
        typ: hostileString,
        kid: hostileString,
        crit: fc.array(hostileString, { maxLength: 2 }),
        jku: hostileString,
      },
      { requiredKeys: [] },
    )
    .map((h) => JSON.stringify(h)),
  deepJsonText.map((deep) => `{"alg":"RS256","kid":${deep}}`),
)

/**
 * A token as a user might paste it: a signed one (possibly mutated), one with forged parts, a
 * JWE-shaped or random string, wrapped as `Bearer …` or `{"value": …}`.
 */
export function tokenArb(signed: readonly string[]): fc.Arbitrary<string> {
  const forged = fc
    .tuple(headerArb, claimsText, fc.string({ maxLength: 40 }))
    .map(([h, p, sig]) => `${b64(h)}.${b64(p)}.${b64(sig)}`)
  const bare = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...signed) },
    { weight: 3, arbitrary: mutated(fc.constantFrom(...signed)) },
    { weight: 5, arbitrary: forged },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.base64String({ maxLength: 30 }), { minLength: 1, maxLength: 6 })
        .map((parts) => parts.join('.')),
    },
  )
  return fc
    .tuple(bare, fc.constantFrom('bare', 'bearer', 'value', 'spaces'))
    .map(([t, wrap]) =>
      wrap === 'bearer'
        ? `Bearer ${t}`
        : wrap === 'value'
          ? JSON.stringify({ value: t, count: 1 })
          : wrap === 'spaces'
            ? `  ${t}\n`
            : t,
    )
}

const FEDERATED = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
const KEYS = [
  'token.actions.githubusercontent.com:sub',
  'token.actions.githubusercontent.com:aud',
  'token.actions.githubusercontent.com:repository',
  'token.actions.githubusercontent.com:job_workflow_ref',
  'token.actions.githubusercontent.com:repository_owner_id',
  'aws:SourceIp',
  'aws:CurrentTime',
  'sts:RoleSessionName',
]
const OPERATORS = [
  'StringEquals',
  'StringLike',
  'StringNotEquals',
  'StringNotLike',
  'StringEqualsIgnoreCase',
  'StringLikeIfExists',
  'ForAnyValue:StringLike',
  'ForAllValues:StringEquals',
  'Null',
  'Bool',
  'NumericLessThan',
  'DateGreaterThan',
  'IpAddress',
  'ArnLike',
]

/** A condition value: subjects, wildcards (up to 20 stars), anything. */
const conditionValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.constantFrom(
          'repo:',
          'octo-org',
          '/',
          '*',
          '?',
          ':ref:refs/heads/',
          'main',
          'Z',
          '${',
          '}',
        ),
        {
          maxLength: 20,
        },
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
)

const statementArb = fc.record(
  {
    Sid: hostileString,
    Effect: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('Allow', 'Deny') }, hostileString),
    Principal: fc.oneof(
      { weight: 6, arbitrary: fc.constant({ Federated: FEDERATED }) },
      fc.constant('*'),
      fc.constant({ AWS: '*' }),
      fc.record({ Federated: fc.oneof(hostileString, fc.array(hostileString, { maxLength: 2 })) }),
    ),
    Action: fc.oneof(
      { weight: 6, arbitrary: fc.constant('sts:AssumeRoleWithWebIdentity') },
      fc.constantFrom('sts:*', '*', 'sts:AssumeRole*'),
      fc.array(hostileString, { maxLength: 2 }),
    ),
    Condition: fc.dictionary(
      fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...OPERATORS) }, hostileString),
      fc.dictionary(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, hostileString),
        fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 4 })),
        { maxKeys: 3 },
      ),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: ['Effect', 'Principal', 'Action'] },
)

/** A trust policy object: mostly well-formed, with hostile values and the odd broken member. */
export const policyArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        Version: fc.oneof(
          { weight: 5, arbitrary: fc.constant('2012-10-17') },
          fc.constant('2008-10-17'),
          hostileString,
        ),
        Statement: fc.oneof(statementArb, fc.array(statementArb, { maxLength: 4 })),
      },
      { requiredKeys: ['Statement'] },
    ),
  },
  { weight: 1, arbitrary: hostileJson },
)

/** The formats `audit` reads, wrapping one policy. */
export const POLICY_FORMATS = [
  'policy',
  'get-role',
  'get-role-encoded',
  'list-roles',
  'cloudformation',
  'terraform',
  'terraform-plan',
] as const

/** The policy's text in one of the formats `audit` reads. */
export function wrapPolicy(policy: unknown, format: (typeof POLICY_FORMATS)[number]): string {
  const text = JSON.stringify(policy) ?? 'null'
  switch (format) {
    case 'policy':
      return JSON.stringify(policy, null, 2) ?? 'null'
    case 'get-role':
      return JSON.stringify({ Role: { RoleName: 'deploy', AssumeRolePolicyDocument: policy } })
    case 'get-role-encoded':
      return JSON.stringify({
        Role: { RoleName: 'deploy', AssumeRolePolicyDocument: encodeURIComponent(text) },
      })
    case 'list-roles':
      return JSON.stringify({
        Roles: [
          { RoleName: 'a', AssumeRolePolicyDocument: policy },
          { RoleName: 'b', AssumeRolePolicyDocument: policy },
        ],
      })
    case 'cloudformation':
      return JSON.stringify({
        Resources: {
          Deploy: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policy } },
        },
      })
    case 'terraform':
      return JSON.stringify({
        resource: { aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: text } } },
      })
    case 'terraform-plan':
      return JSON.stringify({
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              {
                address: 'aws_iam_role.deploy',
                type: 'aws_iam_role',
                name: 'deploy',
                values: { name: 'deploy', assume_role_policy: text },
              },
            ],
          },
        },
      })
  }
}

/** A file for `audit` or `explain --policy`: a wrapped policy, mutated text, or deep JSON. */
export const policyFileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(policyArb, fc.constantFrom(...POLICY_FORMATS))
      .map(([policy, format]) => wrapPolicy(policy, format)),
  },
  {
    weight: 2,
    arbitrary: mutated(
      fc.tuple(policyArb, fc.constantFrom(...POLICY_FORMATS)).map(([p, f]) => wrapPolicy(p, f)),
    ),
  },
  {
    weight: 1,
    arbitrary: deepJsonText.map((deep) => `{"Version":"2012-10-17","Statement":${deep}}`),
  },
)

/** A scenario file: a built-in scenario with members replaced by hostile values, or garbage. */
export const scenarioText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...SCENARIOS),
        fc.array(fc.tuple(fc.nat(), hostileJson), { maxLength: 3 }),
      )
      .map(([scenario, edits]) => {
        const copy = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>
        for (const [at, value] of edits) {
          const paths = leafPaths(copy)
          const path = paths[at % paths.length]
          if (path) setAt(copy, path, value)
        }
        return JSON.stringify(copy)
      }),
  },
  { weight: 2, arbitrary: mutated(fc.constantFrom(...SCENARIOS).map((s) => JSON.stringify(s))) },
  { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: deepJsonText },
)

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix]
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))]
}

function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  if (path.length === 0) return
  let node: Record<string | number, unknown> = root
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = value
}

/** A raw HTTP/1.1 request for the STS endpoint: hostile methods, targets, Host headers, bodies. */
export function rawRequestArb(validToken: string, roleArn: string): fc.Arbitrary<string> {
  const noCrlf = hostileString.map((s) => s.replace(/[\r\n]/g, ''))
  const method = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('POST', 'GET') },
    fc.constantFrom(
      'HEAD',
      'PUT',
      'DELETE',
      'OPTIONS',
      'TRACE',
      'PATCH',
      'CONNECT',
      'TRACK',
      'BREW',
    ),
    fc.string({ minLength: 1, maxLength: 8 }),
  )
  const params = fc.dictionary(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          'Action',
          'Version',
          'RoleArn',
          'RoleSessionName',
          'WebIdentityToken',
          'DurationSeconds',
          'Policy',
          'PolicyArns.member.1.arn',
        ),
      },
      hostileString,
    ),
    fc.oneof(
      fc.constantFrom(
        'AssumeRoleWithWebIdentity',
        'GetCallerIdentity',
        '2011-06-15',
        roleArn,
        validToken,
        'GitHubActions',
        '3600',
      ),
      hostileString,
    ),
    { maxKeys: 7 },
  )
  const body = fc.oneof(
    { weight: 4, arbitrary: params.map((p) => new URLSearchParams(p).toString()) },
    mutated(params.map((p) => new URLSearchParams(p).toString())),
    fc.string({ unit: 'binary', maxLength: 60 }),
  )
  const target = fc.oneof(
    { weight: 4, arbitrary: fc.constant('/') },
    params.map((p) => `/?${new URLSearchParams(p)}`),
    fc.constantFrom(
      '*',
      'http://evil.example/',
      'http://127.0.0.1:1/x?Action=GetCallerIdentity',
      '//x',
      '/%ZZ',
      '/?Action=%E2%82',
    ),
    noCrlf.map((s) => s.replace(/ /g, '')),
  )
  const host = fc.oneof(
    fc.constantFrom('127.0.0.1', 'a b', 'user@x', '[::1', '', '127.0.0.1:abc', 'localhost:1'),
    noCrlf,
  )
  const headers = fc.array(
    fc.tuple(
      noCrlf.map((s) => s.replace(/[: ]/g, '') || 'X'),
      noCrlf,
    ),
    { maxLength: 3 },
  )
  return fc
    .tuple(
      method,
      target,
      host,
      headers,
      body,
      fc.constantFrom('form', 'json', 'none'),
      fc.boolean(),
    )
    .map(([m, t, h, extra, b, type, omitHost]) => {
      const bytes = Buffer.byteLength(b)
      const lines = [`${m} ${t} HTTP/1.1`]
      if (!omitHost) lines.push(`Host: ${h}`)
      if (type === 'form')
        lines.push('Content-Type: application/x-www-form-urlencoded; charset=utf-8')
      if (type === 'json') lines.push('Content-Type: application/json')
      for (const [name, value] of extra) lines.push(`${name}: ${value}`)
      lines.push(`Content-Length: ${bytes}`, 'Connection: close', '', b)
      return lines.join('\r\n')
    })
}
