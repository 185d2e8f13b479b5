import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateTrustPolicy } from '../../../lib/aws/policy/evaluate.js'
import { explainEvaluation } from '../../../lib/explain/evaluation-text.js'
import { OPERATORS } from '../../../lib/aws/policy/operator-names.js'
import { parseTrustPolicy } from '../../../lib/aws/policy/parse.js'
import { PolicyDocumentError } from '../../../lib/aws/policy/policy-error.js'
import { K, PROVIDER_ARN, allow, cond, deny, github, policy, trust } from './corpus/helpers.js'

const SUB = `${K}:sub`
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const PR = 'repo:octo-org/octo-repo:pull_request'
const DOC_TEXT = JSON.stringify(
  trust({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [SUB]: MAIN } }),
  null,
  2,
)

describe('evaluateTrustPolicy: the explanation', () => {
  const result = evaluateTrustPolicy(DOC_TEXT, github({ sub: PR }))

  it('gives the decision and a one-line reason naming both values', () => {
    expect(result.decision).toBe('ImplicitDeny')
    expect(result.action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(result.reason).not.toContain('\n')
    expect(result.reason).toContain(
      'Statement[0] fails StringEquals token.actions.githubusercontent.com:sub',
    )
    expect(result.reason).toContain(JSON.stringify(PR))
    expect(result.reason).toContain(JSON.stringify(MAIN))
  })

  it('explains every statement → element → condition → value, with locations', () => {
    const [s] = result.statements
    expect(s).toMatchObject({
      index: 0,
      effect: 'Allow',
      applies: false,
      conditionsMatched: false,
      principal: { element: 'Principal', matched: true, matchedValue: PROVIDER_ARN },
      action: { element: 'Action', matched: true, matchedValue: 'sts:AssumeRoleWithWebIdentity' },
    })
    expect(s!.conditions.map((c) => [c.key, c.matched, c.contextValue])).toEqual([
      [`${K}:aud`, true, 'sts.amazonaws.com'],
      [SUB, false, PR],
    ])
    const sub = s!.conditions[1]!
    expect(sub.location).toMatchObject({ path: `Statement[0].Condition.StringEquals["${SUB}"]` })
    expect(sub.location.line).toBe(
      DOC_TEXT.split('\n').findIndex((l) => l.includes(`"${SUB}"`)) + 1,
    )
    expect(sub.values).toEqual([
      expect.objectContaining({
        value: MAIN,
        matched: false,
        location: expect.objectContaining({ path: sub.location.path }),
      }),
    ])
    expect(s!.reason).toMatch(/^Statement\[0\] does not apply: StringEquals .*:sub fails/)
  })

  it('says why a key is absent', () => {
    const r = evaluateTrustPolicy(
      trust(cond('StringEquals', `${K}:repository_owner`, 'octo-org')),
      github(),
    )
    const [c] = r.statements[0]!.conditions
    expect(c).toMatchObject({ present: false, matched: false })
    expect(c!.contextValue).toBeUndefined()
    expect(c!.absentReason).toMatch(
      /^AWS never fills token\.actions\.githubusercontent\.com:repository_owner/,
    )
    expect(r.reason).toContain('is absent')
  })

  it('shows expanded policy variables', () => {
    const r = evaluateTrustPolicy(
      trust(cond('StringLike', SUB, `repo:\${${K}:repository}:*`)),
      github(),
    )
    expect(r.decision).toBe('Allow')
    expect(r.statements[0]!.conditions[0]!.values[0]!.resolved).toBe('repo:octo-org/octo-repo:*')
  })

  it('names the Deny statement by path and Sid', () => {
    const r = evaluateTrustPolicy(policy(allow(), deny(undefined, { Sid: 'NoOne' })), github())
    expect(r.decision).toBe('ExplicitDeny')
    expect(r.reason).toBe(
      'Explicitly denied: Statement[1] (Sid "NoOne") denies sts:AssumeRoleWithWebIdentity for this request, and an explicit Deny overrides every Allow',
    )
  })

  it('says when no statement names the caller', () => {
    const r = evaluateTrustPolicy(
      trust(undefined, { Principal: { Federated: `${PROVIDER_ARN}/octo-ent` } }),
      github(),
    )
    expect(r.reason).toMatch(/^Implicitly denied: no Allow statement names this caller/)
  })

  it('evaluates sts:TagSession as an additional action when the token has session tags', () => {
    const tagged = github({ 'https://aws.amazon.com/tags': { principal_tags: { team: ['a'] } } })
    const r = evaluateTrustPolicy(trust(), tagged)
    expect(r.decision).toBe('ImplicitDeny')
    expect(r.statements[0]!.applies).toBe(true)
    expect(r.additionalActions).toMatchObject([
      { action: 'sts:TagSession', decision: 'ImplicitDeny' },
    ])
    expect(r.reason).toMatch(
      /^sts:AssumeRoleWithWebIdentity is allowed, but the token carries session tags/,
    )
    expect(r.notes.join(' ')).toContain('id_session-tags.html')
  })

  it('passes the parser warnings on', () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER_ARN}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB}":"${MAIN}"},"StringEquals":{"${K}:aud":"sts.amazonaws.com"}}}]}`
    const r = evaluateTrustPolicy(text, github({ sub: PR }))
    expect(r.decision).toBe('Allow')
    expect(r.warnings.map((w) => w.code)).toEqual(['DuplicateKey'])
  })
})

describe('evaluateTrustPolicy: inputs and caching', () => {
  it('gives the same result for text, object and parsed policy', () => {
    const ctx = github({ sub: PR })
    const fromText = evaluateTrustPolicy(DOC_TEXT, ctx)
    expect(evaluateTrustPolicy(JSON.parse(DOC_TEXT) as object, ctx)).toEqual(fromText)
    expect(evaluateTrustPolicy(parseTrustPolicy(DOC_TEXT), ctx)).toEqual(fromText)
  })

  it('sees changes to a policy object between evaluations', () => {
    const p = trust(cond('StringEquals', SUB, MAIN)) as {
      Statement: { Condition: Record<string, Record<string, string>> }[]
    }
    expect(evaluateTrustPolicy(p, github({ sub: PR })).decision).toBe('ImplicitDeny')
    p.Statement[0]!.Condition.StringEquals![SUB] = PR
    expect(evaluateTrustPolicy(p, github({ sub: PR })).decision).toBe('Allow')
  })

  it('throws MalformedPolicyDocument for a policy it cannot read', () => {
    expect(() => evaluateTrustPolicy('{"Statement": [', github())).toThrow(PolicyDocumentError)
  })
})

describe('evaluateTrustPolicy and explainEvaluation never throw on valid policies and arbitrary contexts', () => {
  const keys = [
    SUB,
    `${K}:aud`,
    `${K}:environment`,
    'aws:TagKeys',
    'aws:SourceIp',
    'aws:CurrentTime',
    'aws:FederatedProvider',
    'sts:RoleSessionName',
  ]
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '*',
      '${aws:username}',
      '${*}',
      '10',
      '2026-01-01',
      '10.0.0.0/8',
      'true',
      'arn:aws:iam::*:x/*',
      'aGk=',
      '${' + SUB + ", 'd'}",
    ),
  )
  const operator = fc
    .tuple(
      fc.constantFrom(...OPERATORS.keys()),
      fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:'),
      fc.boolean(),
    )
    .map(([base, q, ifExists]) => `${q}${base}${ifExists && base !== 'Null' ? 'IfExists' : ''}`)
  const condition = fc.dictionary(
    operator,
    fc.dictionary(
      fc.constantFrom(...keys),
      fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.integer(), fc.boolean()),
    ),
    { maxKeys: 3 },
  )
  const statement = fc.record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    Principal: fc.constantFrom(
      '*',
      { Federated: PROVIDER_ARN },
      { AWS: '*' },
      { Service: 'x.amazonaws.com' },
      { Federated: ['*', 'x'] },
    ),
    Action: fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:*', '*', [
      'sts:TagSession',
      's3:Get?bject',
    ]),
    Condition: condition,
  })
  const policies = fc.record({
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Statement: fc.array(statement, { minLength: 1, maxLength: 3 }),
  })
  const contexts = fc.dictionary(
    fc.constantFrom(...keys),
    fc.oneof(text, fc.array(text, { maxLength: 3 })),
  )

  it('returns a decision and a reason', () => {
    fc.assert(
      fc.property(policies, contexts, (p, ctx) => {
        const r = evaluateTrustPolicy(p, ctx)
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(r.decision)
        expect(r.reason.length).toBeGreaterThan(0)
        expect(r.statements).toHaveLength(p.Statement.length)
        expect(explainEvaluation(r)[0]).toBe(`Decision: ${r.decision}`)
      }),
      { numRuns: 1000 },
    )
  })
})
