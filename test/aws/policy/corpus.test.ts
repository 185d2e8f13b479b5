/**
 * The trust-policy corpus: (policy, context, expected decision) cases built from IAM's rules, AWS's
 * and GitHub's documentation examples, and every misconfiguration pattern in FACTS.md §6.
 */
import { describe, expect, it } from 'vitest'
import { evaluateTrustPolicy } from '../../../lib/aws/policy/evaluate.js'
import { OPERATORS } from '../../../lib/aws/policy/operator-names.js'
import { parseTrustPolicy } from '../../../lib/aws/policy/parse.js'
import { GITHUB_DOC_CASES, MISCONFIGURATION_CASES } from './corpus/github.js'
import type { CorpusCase } from './corpus/helpers.js'
import {
  ARN_IP_BINARY_CASES,
  BOOL_NULL_CASES,
  DATE_CASES,
  NUMERIC_CASES,
  STRING_CASES,
} from './corpus/operators.js'
import {
  CASE_RULE_CASES,
  IF_EXISTS_CASES,
  MISSING_KEY_CASES,
  SET_CASES,
  VARIABLE_CASES,
} from './corpus/rules.js'
import { ACTION_CASES, PRINCIPAL_CASES, STATEMENT_CASES } from './corpus/statements.js'

const GROUPS: Record<string, CorpusCase[]> = {
  'String operators': STRING_CASES,
  'Numeric operators': NUMERIC_CASES,
  'Date operators': DATE_CASES,
  'Bool and Null': BOOL_NULL_CASES,
  'Arn, IpAddress, BinaryEquals': ARN_IP_BINARY_CASES,
  'missing keys': MISSING_KEY_CASES,
  IfExists: IF_EXISTS_CASES,
  'ForAllValues / ForAnyValue': SET_CASES,
  'policy variables': VARIABLE_CASES,
  'case rules and AND/OR': CASE_RULE_CASES,
  principals: PRINCIPAL_CASES,
  actions: ACTION_CASES,
  'statements, Deny, session tags': STATEMENT_CASES,
  'GitHub documentation and keys': GITHUB_DOC_CASES,
  'FACTS.md §6 misconfigurations': MISCONFIGURATION_CASES,
}
const ALL = Object.values(GROUPS).flat()

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(`corpus: ${group}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const result = evaluateTrustPolicy(c.policy, c.context, c.action ? { action: c.action } : {})
      expect(result.decision, result.reason).toBe(c.expected)
    })
  })
}

describe('the corpus itself', () => {
  it('has at least 150 cases with unique names', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150)
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length)
  })

  it('uses every base operator, IfExists, both qualifiers, and Deny', () => {
    const seen = new Set<string>()
    let deny = false
    for (const c of ALL) {
      for (const s of parseTrustPolicy(c.policy).statements) {
        deny ||= s.effect === 'Deny'
        for (const cl of s.conditions) {
          seen.add(cl.operator.base)
          if (cl.operator.ifExists) seen.add('IfExists')
          if (cl.operator.qualifier) seen.add(cl.operator.qualifier)
        }
      }
    }
    expect(
      [...OPERATORS.keys(), 'IfExists', 'ForAnyValue', 'ForAllValues'].filter((o) => !seen.has(o)),
    ).toEqual([])
    expect(deny).toBe(true)
  })

  it('shows every FACTS.md §6 misconfiguration pattern', () => {
    const patterns = new Set(ALL.map((c) => c.pattern).filter((p) => p !== undefined))
    expect([...Array(16).keys()].map((i) => i + 1).filter((n) => !patterns.has(n))).toEqual([])
  })

  it('has all three decisions', () => {
    expect(new Set(ALL.map((c) => c.expected))).toEqual(
      new Set(['Allow', 'ImplicitDeny', 'ExplicitDeny']),
    )
  })
})
