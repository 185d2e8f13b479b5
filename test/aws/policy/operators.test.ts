import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OPERATORS, parseOperatorName } from '../../../lib/aws/policy/operator-names.js'
import {
  conditionValueProblem,
  decodeBase64,
  parseDate,
  parseNumeric,
  splitArn,
  valueMatcher,
} from '../../../lib/aws/policy/operators.js'
import { evaluateTrustPolicy } from '../../../lib/aws/policy/evaluate.js'
import { K, cond, raw, trust } from './corpus/helpers.js'

const spec = (name: string) => OPERATORS.get(name)!

describe('parseOperatorName', () => {
  it.each([
    ['StringEquals', 'StringEquals', undefined, false, false],
    ['ForAnyValue:StringLikeIfExists', 'StringLike', 'ForAnyValue', true, false],
    ['ForAllValues:NumericLessThan', 'NumericLessThan', 'ForAllValues', false, false],
    ['forallvalues:stringequals', 'StringEquals', 'ForAllValues', false, true],
    ['ArnLikeIfExists', 'ArnLike', undefined, true, false],
  ])('%s', (raw, base, qualifier, ifExists, caseDiffers) => {
    const r = parseOperatorName(raw)
    expect(r).toMatchObject({ ok: true, name: { raw, base, qualifier, ifExists }, caseDiffers })
  })

  it.each([
    'StringEqual',
    'NullIfExists',
    'ForSome:StringLike',
    'IfExists',
    'StringLikeIfExistsIfExists',
  ])('refuses %s', (raw) => {
    expect(parseOperatorName(raw).ok).toBe(false)
  })

  it('knows 27 base operators, 8 of them negated', () => {
    expect(OPERATORS.size).toBe(27)
    expect([...OPERATORS.values()].filter((s) => s.negated).map((s) => s.name)).toEqual([
      'StringNotEquals',
      'StringNotEqualsIgnoreCase',
      'StringNotLike',
      'NumericNotEquals',
      'DateNotEquals',
      'NotIpAddress',
      'ArnNotEquals',
      'ArnNotLike',
    ])
  })
})

describe('value readers', () => {
  it('reads numbers, refusing hex, blanks and words', () => {
    expect(parseNumeric('3600')).toBe(3600)
    expect(parseNumeric('-1.5e2')).toBe(-150)
    expect(parseNumeric('.5')).toBe(0.5)
    for (const bad of ['0x10', '', ' 1', 'ten', '1,000']) expect(parseNumeric(bad)).toBeNaN()
  })

  it('reads W3C ISO 8601 dates and epoch seconds', () => {
    const t = Date.UTC(2026, 0, 1)
    expect(parseDate('2026-01-01T00:00:00Z')).toBe(t)
    expect(parseDate('1767225600')).toBe(t)
    expect(parseDate('2026-01-01')).toBe(t)
    expect(parseDate('2026')).toBe(t)
    expect(parseDate('2026-01-01T01:00+01:00')).toBe(t)
    expect(parseDate('2026-01-01T00:00:00.250Z')).toBe(t + 250)
    for (const bad of ['tomorrow', '2026-13-01', '01/01/2026', '']) expect(parseDate(bad)).toBeNaN()
  })

  it('reads base64', () => {
    expect(decodeBase64('aGk=')).toBe('hi')
    expect(decodeBase64('not base64!')).toBeUndefined()
  })

  it('splits ARNs into six parts, keeping colons in the resource and inside ${…}', () => {
    expect(splitArn('arn:aws:sts::1:assumed-role/r/s:x')).toEqual([
      'arn',
      'aws',
      'sts',
      '',
      '1',
      'assumed-role/r/s:x',
    ])
    expect(splitArn('arn:aws:iam::${aws:PrincipalAccount}:role/x')?.[4]).toBe(
      '${aws:PrincipalAccount}',
    )
    expect(splitArn('arn:aws:iam::*')).toBeUndefined()
  })

  it('names the problem of an unusable value', () => {
    expect(conditionValueProblem(spec('NumericLessThan'), 'ten', true)).toBe(
      '"ten" is not a number',
    )
    expect(conditionValueProblem(spec('Bool'), 'yes', true)).toMatch(/not true or false/)
    expect(conditionValueProblem(spec('IpAddress'), '1.2.3.4/40', true)).toMatch(/not an IP/)
    expect(conditionValueProblem(spec('ArnLike'), '*', true)).toMatch(/not an ARN/)
    expect(conditionValueProblem(spec('StringEquals'), '', true)).toBeUndefined()
    expect(conditionValueProblem(spec('ArnLike'), '${aws:x}', true)).toBeUndefined()
    expect(conditionValueProblem(spec('ArnLike'), '${aws:x}', false)).toMatch(/not an ARN/)
  })
})

describe('valueMatcher', () => {
  it.each([
    ['StringEqualsIgnoreCase', 'AbC', 'aBc', true],
    ['NumericGreaterThanEquals', '5', '5.0', true],
    ['DateLessThan', '2026-01-01', '2025-12-31T23:59:59Z', true],
    ['Bool', 'FALSE', 'false', true],
    ['IpAddress', '10.0.0.0/8', '10.255.0.1', true],
    ['IpAddress', '10.0.0.0/8', '11.0.0.1', false],
    ['ArnLike', 'arn:aws:iam::*:role/*', 'arn:aws:iam::1:role/a/b', true],
    ['ArnLike', 'arn:aws:iam::*:role/*', 'arn:aws:sts::1:role/a', false],
    ['BinaryEquals', 'aGk=', 'aGk=', true],
  ])('%s %j against %j → %s', (name, policyValue, contextValue, expected) => {
    expect(valueMatcher(spec(name), policyValue)!(contextValue)).toBe(expected)
  })

  it('has no matcher for values that can never match', () => {
    expect(valueMatcher(spec('NumericEquals'), 'x')).toBeUndefined()
    expect(valueMatcher(spec('ArnEquals'), 'not-an-arn')).toBeUndefined()
  })
})

describe('negation laws: when the key is present, StringNotX = not StringX', () => {
  const PAIRS: [string, string][] = [
    ['StringEquals', 'StringNotEquals'],
    ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
    ['StringLike', 'StringNotLike'],
    ['NumericEquals', 'NumericNotEquals'],
    ['DateEquals', 'DateNotEquals'],
    ['IpAddress', 'NotIpAddress'],
    ['ArnEquals', 'ArnNotEquals'],
    ['ArnLike', 'ArnNotLike'],
  ]
  const KEY = `${K}:sub`
  const pieces = ['a', 'A', 'b', '*', '?', ':', '/', '1', '0', '.']
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom(...pieces), maxLength: 6 }),
    fc.constantFrom(
      '10',
      '10.0',
      '2026-01-01',
      '1767225600',
      '10.0.0.0/8',
      '10.1.2.3',
      'arn:aws:iam::1:role/x',
      'arn:aws:iam::*:role/*',
    ),
  )
  const allows = (operator: string, values: string[], contextValue: string) =>
    evaluateTrustPolicy(trust(cond(operator, KEY, values)), raw({ [KEY]: contextValue }))
      .decision === 'Allow'

  it.each(PAIRS)('%s / %s', (positive, negated) => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        value,
        (values, contextValue) => {
          expect(allows(negated, values, contextValue)).toBe(
            !allows(positive, values, contextValue),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('and both are true when the key is absent only for the negated one', () => {
    for (const [positive, negated] of PAIRS) {
      const ctx = raw({})
      expect(evaluateTrustPolicy(trust(cond(positive, KEY, 'x')), ctx).decision).toBe(
        'ImplicitDeny',
      )
      expect(evaluateTrustPolicy(trust(cond(negated, KEY, 'x')), ctx).decision).toBe('Allow')
    }
  })
})
