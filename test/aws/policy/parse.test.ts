import { describe, expect, it } from 'vitest'
import { TrustwalkError } from '../../../lib/core/errors.js'
import { MAX_POLICY_CHARS, isTrustPolicy, parseTrustPolicy } from '../../../lib/aws/policy/parse.js'
import { PolicyDocumentError } from '../../../lib/aws/policy/policy-error.js'

const K = 'token.actions.githubusercontent.com'
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${K}`

/** GitHub's documented trust policy, laid out so locations are easy to read. */
const GITHUB_DOC_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "${PROVIDER}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "${K}:aud": "sts.amazonaws.com",
          "${K}:sub": "repo:octo-org/octo-repo:ref:refs/heads/octo-branch"
        }
      }
    }
  ]
}`

function parseError(input: string | object): PolicyDocumentError {
  try {
    parseTrustPolicy(input)
  } catch (e) {
    if (e instanceof PolicyDocumentError) return e
    throw e
  }
  throw new Error('the policy parsed')
}

/** Line and column (1-based) of the first occurrence of `marker`, counted independently. */
function at(text: string, marker: string): { line: number; column: number } {
  const i = text.indexOf(marker)
  if (i === -1) throw new Error(`marker ${marker} not in text`)
  const before = text.slice(0, i).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

/** A one-statement policy text with `extra` members spliced in. */
function statement(members: string): string {
  return `{"Version":"2012-10-17","Statement":[{${members}}]}`
}
const BASE = `"Effect":"Allow","Principal":{"Federated":"${PROVIDER}"},"Action":"sts:AssumeRoleWithWebIdentity"`

describe('parseTrustPolicy: the model', () => {
  const policy = parseTrustPolicy(GITHUB_DOC_POLICY)

  it('reads version, statements, principal, action and conditions', () => {
    expect(policy.version).toBe('2012-10-17')
    expect(policy.statementIsArray).toBe(true)
    const [s] = policy.statements
    expect(s).toMatchObject({ index: 0, effect: 'Allow', sid: undefined })
    expect(s!.principal).toMatchObject({ negated: false, wildcard: false })
    expect(s!.principal.entries.map((e) => [e.type, e.values.map((v) => v.value)])).toEqual([
      ['Federated', [PROVIDER]],
    ])
    expect(s!.action.values.map((v) => v.value)).toEqual(['sts:AssumeRoleWithWebIdentity'])
    expect(
      s!.conditions.map((c) => [c.operator.base, c.key, c.values.map((v) => v.value)]),
    ).toEqual([
      ['StringEquals', `${K}:aud`, ['sts.amazonaws.com']],
      ['StringEquals', `${K}:sub`, ['repo:octo-org/octo-repo:ref:refs/heads/octo-branch']],
    ])
    expect(policy.warnings).toEqual([])
  })

  it('remembers the path, line and column of keys and values', () => {
    const sub = policy.statements[0]!.conditions[1]!
    expect(sub.keyLocation).toMatchObject({
      path: `Statement[0].Condition.StringEquals["${K}:sub"]`,
      line: 11,
      column: 11,
    })
    expect(sub.values[0]!.location).toMatchObject({ line: 11, column: 54 })
    expect(sub.operatorLocation).toMatchObject({
      path: 'Statement[0].Condition.StringEquals',
      line: 9,
      column: 9,
    })
    expect(policy.statements[0]!.effectLocation).toMatchObject({
      path: 'Statement[0].Effect',
      line: 5,
      column: 17,
    })
  })

  it('reads a single statement object with the path "Statement"', () => {
    const p = parseTrustPolicy(`{"Version":"2012-10-17","Statement":{${BASE}}}`)
    expect(p.statementIsArray).toBe(false)
    expect(p.statements[0]!.location.path).toBe('Statement')
    expect(p.statements[0]!.action.location.path).toBe('Statement.Action')
  })

  it('reads objects too, with locations in their 2-space serialization', () => {
    const p = parseTrustPolicy(JSON.parse(GITHUB_DOC_POLICY) as object)
    expect(p.source).toBe(JSON.stringify(JSON.parse(GITHUB_DOC_POLICY), null, 2))
    const key = p.statements[0]!.conditions[1]!.keyLocation
    expect(key).toMatchObject(at(p.source, `"${K}:sub"`))
  })

  it('stringifies JSON numbers (as written) and booleans', () => {
    const p = parseTrustPolicy(
      statement(
        `${BASE},"Condition":{"NumericLessThan":{"aws:EpochTime":1.50},"Bool":{"aws:SecureTransport":true}}`,
      ),
    )
    expect(p.statements[0]!.conditions.map((c) => c.values[0])).toMatchObject([
      { value: '1.50', json: 'number' },
      { value: 'true', json: 'boolean' },
    ])
  })

  it('reads qualifiers and IfExists', () => {
    const p = parseTrustPolicy(
      statement(
        `${BASE},"Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*","b"]}}`,
      ),
    )
    const c = p.statements[0]!.conditions[0]!
    expect(c.operator).toEqual({
      raw: 'ForAnyValue:StringLikeIfExists',
      base: 'StringLike',
      qualifier: 'ForAnyValue',
      ifExists: true,
    })
    expect(c.valueIsArray).toBe(true)
    expect(c.values[1]!.location.path).toBe(
      'Statement[0].Condition["ForAnyValue:StringLikeIfExists"]["aws:TagKeys"][1]',
    )
  })

  it('reads NotPrincipal, the "*" principal and NotAction', () => {
    const a = parseTrustPolicy(
      statement(`"Effect":"Deny","NotPrincipal":{"AWS":["x:y"]},"NotAction":"sts:*"`),
    )
    expect(a.statements[0]!.principal.negated).toBe(true)
    expect(a.statements[0]!.action.negated).toBe(true)
    const b = parseTrustPolicy(statement(`"Effect":"Allow","Principal":"*","Action":"*"`))
    expect(b.statements[0]!.principal).toMatchObject({ wildcard: true, entries: [] })
  })

  it('is frozen, branded, and returned as is when parsed again', () => {
    expect(isTrustPolicy(policy)).toBe(true)
    expect(isTrustPolicy(JSON.parse(GITHUB_DOC_POLICY))).toBe(false)
    expect(Object.isFrozen(policy.statements[0]!.conditions[0]!.values)).toBe(true)
    expect(parseTrustPolicy(policy)).toBe(policy)
  })
})

describe('parseTrustPolicy: duplicate keys (FACTS.md §6 #12)', () => {
  const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    ${BASE},
    "Condition": {
      "StringEquals": { "${K}:sub": "repo:acme/app:ref:refs/heads/main" },
      "StringEquals": { "${K}:aud": "sts.amazonaws.com" }
    }
  }]
}`
  const policy = parseTrustPolicy(text)

  it('keeps the last block, as IAM and JSON.parse do', () => {
    expect(policy.statements[0]!.conditions.map((c) => c.key)).toEqual([`${K}:aud`])
  })

  it('warns with both locations', () => {
    expect(policy.warnings).toHaveLength(1)
    const [w] = policy.warnings
    expect(w).toMatchObject({
      code: 'DuplicateKey',
      location: { path: 'Statement[0].Condition.StringEquals', line: 7, column: 7 },
      firstLocation: { path: 'Statement[0].Condition.StringEquals', line: 6, column: 7 },
    })
    expect(w!.message).toMatch(/keeps only the last one/)
  })

  it('also catches duplicated keys inside a block and duplicated elements', () => {
    const p = parseTrustPolicy(
      statement(
        `${BASE},"Effect":"Deny","Condition":{"StringLike":{"${K}:sub":"a","${K}:sub":"b"}}`,
      ),
    )
    expect(p.statements[0]!.effect).toBe('Deny')
    expect(p.statements[0]!.conditions[0]!.values[0]!.value).toBe('b')
    expect(p.warnings.map((w) => w.location.path)).toEqual([
      'Statement[0].Effect',
      `Statement[0].Condition.StringLike["${K}:sub"]`,
    ])
  })
})

describe('parseTrustPolicy: warnings IAM would not raise as errors', () => {
  it('warns about a missing Version', () => {
    const p = parseTrustPolicy(`{"Statement":[{${BASE}}]}`)
    expect(p.version).toBeUndefined()
    expect(p.warnings.map((w) => w.code)).toEqual(['MissingVersion'])
  })

  it('warns about duplicate Sids, empty value arrays, odd operator case and unusable values', () => {
    const p = parseTrustPolicy(`{"Version":"2012-10-17","Statement":[
      {"Sid":"A",${BASE},"Condition":{"StringEquals":{"${K}:sub":[]},"stringequals":{"${K}:aud":"x"}}},
      {"Sid":"A",${BASE},"Condition":{"NumericLessThan":{"aws:EpochTime":"soon"},"IpAddress":{"aws:SourceIp":"1.2.3.4/33"}}}]}`)
    expect(p.warnings.map((w) => w.code).sort()).toEqual([
      'DuplicateSid',
      'EmptyConditionValues',
      'InvalidConditionValue',
      'InvalidConditionValue',
      'OperatorCase',
    ])
  })

  it('warns when the document is over IAM quota, and refuses absurd sizes', () => {
    const long = statement(
      `${BASE},"Condition":{"StringEquals":{"${K}:sub":"${'x'.repeat(3000)}"}}`,
    )
    expect(parseTrustPolicy(long).warnings.map((w) => w.code)).toEqual(['TrustPolicyTooLong'])
    const absurd = ' '.repeat(MAX_POLICY_CHARS) + long
    expect(parseError(absurd).message).toMatch(/at most 1048576/)
  })
})

describe('parseTrustPolicy: MalformedPolicyDocument errors name path, line and column', () => {
  it.each([
    [
      'bad JSON',
      '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}',
      undefined,
      ',]',
      /Syntax errors in policy: Unexpected ','/,
    ],
    ['empty document', '  \n ', undefined, undefined, /empty/],
    ['not an object', '[1]', '', '[1]', /must be a JSON object, not an array/],
    [
      'unknown policy element',
      '{"Version":"2012-10-17","Statment":[]}',
      'Statment',
      '"Statment"',
      /Unknown policy element/,
    ],
    ['missing Statement', '{"Version":"2012-10-17"}', '', '{', /Missing required field Statement/],
    ['empty Statement', '{"Statement":[]}', 'Statement', '[]', /at least one statement/],
    [
      'bad Version',
      '{"Version":"2012-10-18","Statement":[]}',
      'Version',
      '"2012-10-18"',
      /Invalid Version/,
    ],
    [
      'Version type',
      '{"Version":2012,"Statement":[]}',
      'Version',
      '2012',
      /Version must be a string, not a number/,
    ],
    [
      'statement type',
      '{"Statement":["x"]}',
      'Statement[0]',
      '"x"',
      /A statement must be a JSON object/,
    ],
    [
      'missing Effect',
      statement('"Principal":"*","Action":"*"'),
      'Statement[0]',
      '{"Principal"',
      /Missing required field Effect/,
    ],
    [
      'bad Effect',
      statement('"Effect":"allow","Principal":"*","Action":"*"'),
      'Statement[0].Effect',
      '"allow"',
      /Invalid Effect "allow"/,
    ],
    [
      'Effect type',
      statement('"Effect":true,"Principal":"*","Action":"*"'),
      'Statement[0].Effect',
      'true',
      /Effect must be a string, not a boolean/,
    ],
    [
      'missing Principal',
      statement('"Effect":"Allow","Action":"*"'),
      'Statement[0]',
      '{"Effect"',
      /Missing required field Principal/,
    ],
    [
      'Principal and NotPrincipal',
      statement('"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"*"'),
      'Statement[0].NotPrincipal',
      '"NotPrincipal"',
      /both Principal and NotPrincipal/,
    ],
    [
      'bad principal string',
      statement('"Effect":"Allow","Principal":"me","Action":"*"'),
      'Statement[0].Principal',
      '"me"',
      /Invalid principal in policy: "me"/,
    ],
    [
      'unknown principal type',
      statement('"Effect":"Allow","Principal":{"Github":"x"},"Action":"*"'),
      'Statement[0].Principal.Github',
      '"Github"',
      /unknown principal type "Github"/,
    ],
    [
      'principal value type',
      statement('"Effect":"Allow","Principal":{"Federated":{}},"Action":"*"'),
      'Statement[0].Principal.Federated',
      '{}',
      /must be a string or an array of strings, not an object/,
    ],
    [
      'missing Action',
      statement('"Effect":"Allow","Principal":"*"'),
      'Statement[0]',
      '{"Effect"',
      /Policy statement must contain actions\./,
    ],
    [
      'Action and NotAction',
      statement('"Effect":"Allow","Principal":"*","Action":"*","NotAction":"*"'),
      'Statement[0].NotAction',
      '"NotAction"',
      /both Action and NotAction/,
    ],
    [
      'action without vendor',
      statement('"Effect":"Allow","Principal":"*","Action":["sts:TagSession","AssumeRole"]'),
      'Statement[0].Action[1]',
      '"AssumeRole"',
      /must be prefaced by a vendor/,
    ],
    [
      'empty Action array',
      statement('"Effect":"Allow","Principal":"*","Action":[]'),
      'Statement[0].Action',
      '[]',
      /must not be an empty array/,
    ],
    [
      'Resource',
      statement(`${BASE},"Resource":"*"`),
      'Statement[0].Resource',
      '"Resource"',
      /Has prohibited field Resource/,
    ],
    [
      'unknown statement element',
      statement(`${BASE},"Conditions":{}`),
      'Statement[0].Conditions',
      '"Conditions"',
      /Unknown statement element "Conditions"/,
    ],
    [
      'Condition type',
      statement(`${BASE},"Condition":[]`),
      'Statement[0].Condition',
      '[]}',
      /Condition must be a JSON object, not an array/,
    ],
    [
      'unknown operator',
      statement(`${BASE},"Condition":{"StringEqual":{"a:b":"c"}}`),
      'Statement[0].Condition.StringEqual',
      '"StringEqual"',
      /Unknown condition operator "StringEqual"/,
    ],
    [
      'unknown qualifier',
      statement(`${BASE},"Condition":{"ForSomeValues:StringLike":{"a:b":"c"}}`),
      'Statement[0].Condition["ForSomeValues:StringLike"]',
      '"ForSome',
      /only prefixes are ForAnyValue/,
    ],
    [
      'Null with IfExists',
      statement(`${BASE},"Condition":{"NullIfExists":{"a:b":"true"}}`),
      'Statement[0].Condition.NullIfExists',
      '"NullIfExists"',
      /IfExists cannot be added to Null/,
    ],
    [
      'operator block type',
      statement(`${BASE},"Condition":{"StringEquals":"x"}`),
      'Statement[0].Condition.StringEquals',
      '"x"',
      /block must be a JSON object, not a string/,
    ],
    [
      'key without vendor',
      statement(`${BASE},"Condition":{"StringEquals":{"sub":"x"}}`),
      'Statement[0].Condition.StringEquals.sub',
      '"sub"',
      /must be prefaced by a vendor/,
    ],
    [
      'null condition value',
      statement(`${BASE},"Condition":{"StringEquals":{"a:b":null}}`),
      'Statement[0].Condition.StringEquals["a:b"]',
      'null',
      /must be a string, a number or a boolean, not null/,
    ],
    [
      'object in a value array',
      statement(`${BASE},"Condition":{"StringEquals":{"a:b":["x",{}]}}`),
      'Statement[0].Condition.StringEquals["a:b"][1]',
      '{}]',
      /not an object/,
    ],
  ])('%s', (_name, text, path, marker, message) => {
    const e = parseError(text)
    expect(e).toBeInstanceOf(TrustwalkError)
    expect(e.code).toBe('MalformedPolicyDocument')
    expect(e.message).toMatch(message)
    expect(e.path).toBe(path || undefined)
    const where = marker === undefined ? undefined : at(text, marker)
    expect(e.line).toBe(where?.line)
    expect(e.column).toBe(where?.column)
    if (where) expect(e.message).toContain(`line ${where.line}, column ${where.column}`)
  })

  it('rejects values that are not JSON text or an object', () => {
    expect(parseError(42 as unknown as string).message).toMatch(/not number/)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(parseError(cyclic).message).toMatch(/cannot be written as JSON/)
  })

  it('serializes to a plain JSON error shape', () => {
    const text = statement('"Effect":"allow","Principal":"*","Action":"*"')
    expect(parseError(text).toJSON()).toMatchObject({
      code: 'MalformedPolicyDocument',
      path: 'Statement[0].Effect',
      ...at(text, '"allow"'),
    })
  })
})
