/**
 * Evaluating one condition clause (operator × key) against a request context.
 * - Values of one key OR; negated operators with several values must match none (NOR):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 * - Missing key: positive false, negated true, `…IfExists` true, `Null`:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - `ForAllValues:` true for an absent or empty key, `ForAnyValue:` false; a single-valued key is
 *   a set of one: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * Sim choice: a multi-valued key under a plain operator matches when any of its values does
 * (negated: when none does).
 */
import { absentKeyReason } from './absent-key.js'
import type { ContextIndex } from './context-index.js'
import type { ConditionEvaluation, ConditionValueEvaluation } from './evaluation.js'
import type { ConditionClause, ConditionValue } from './model.js'
import { OPERATORS } from './operator-names.js'
import type { OperatorSpec } from './operator-names.js'
import { conditionValueProblem, valueMatcher } from './operators.js'
import type { ValueMatcher } from './operators.js'
import { hasPolicyVariable, resolvePolicyVariables } from './variables.js'
import { quote } from './quote.js'

/** A value's matcher, or why it has none; `resolved` is the text after `${…}` expansion. */
interface ResolvedMatcher {
  readonly matcher?: ValueMatcher
  readonly resolved?: string
  readonly problem?: string
}

interface CompiledValue {
  readonly source: ConditionValue
  /** Holds `${…}` to expand per request. */
  readonly dynamic: boolean
  /** The matcher of a value without policy variables, built once. */
  readonly fixed: ResolvedMatcher
}

export interface CompiledClause {
  readonly clause: ConditionClause
  readonly spec: OperatorSpec
  readonly values: readonly CompiledValue[]
}

/** Prepare a clause once per policy: matchers for every value without policy variables. */
export function compileClause(clause: ConditionClause, variablesOn: boolean): CompiledClause {
  const spec = OPERATORS.get(clause.operator.base)!
  const values = clause.values.map((source): CompiledValue => {
    const dynamic = spec.variables && variablesOn && hasPolicyVariable(source.value)
    if (dynamic || spec.family === 'Null') return { source, dynamic, fixed: {} }
    const problem = conditionValueProblem(spec, source.value, false)
    const fixed = problem ? { problem } : { matcher: valueMatcher(spec, source.value) }
    return { source, dynamic, fixed }
  })
  return { clause, spec, values }
}

/**
 * Evaluate a compiled clause against a context.
 *
 * @example
 * const [clause] = parseTrustPolicy(policy).statements[0].conditions
 * evaluateClause(compileClause(clause, true), new ContextIndex(context)).matched
 */
export function evaluateClause(c: CompiledClause, index: ContextIndex): ConditionEvaluation {
  const { clause, spec } = c
  const raw = index.get(clause.key)
  const list: readonly string[] | undefined =
    raw === undefined ? undefined : typeof raw === 'string' ? [raw] : raw
  const present = list !== undefined && list.length > 0
  const out: ConditionEvaluation = {
    operator: clause.operator.raw,
    key: clause.key,
    location: clause.keyLocation,
    operatorLocation: clause.operatorLocation,
    matched: false,
    present,
    values: [],
    reason: '',
  }
  if (raw !== undefined) out.contextValue = typeof raw === 'string' ? raw : [...raw]
  if (!present) out.absentReason = absentKeyReason(clause.key, index)

  if (spec.family === 'Null') {
    // Null: "true" holds when the key is absent, "false" when it is present.
    out.values = c.values.map((v) => {
      const want = v.source.value.toLowerCase()
      return valueResult(v, want === (present ? 'false' : 'true'), undefined, nullProblem(want))
    })
    out.matched = out.values.some((v) => v.matched)
    out.reason = `${clause.key} is ${present ? 'present' : 'absent'}, so Null ${out.values.map((v) => `"${v.value}"`).join(' or ')} ${out.matched ? 'holds' : 'fails'}`
    return out
  }

  const matchers = c.values.map((v) => resolveMatcher(c, v, index))
  if (!present) {
    out.values = matchers.map((m, i) => valueResult(c.values[i]!, false, m.resolved, m.problem))
    const { qualifier, ifExists } = clause.operator
    out.matched =
      ifExists || qualifier === 'ForAllValues' || (qualifier === undefined && spec.negated)
    out.reason = absentText(clause.key, clause.operator.raw, spec, qualifier, ifExists)
    return out
  }

  // For each context value, the first policy value matching it (-1: none); `hits` records which
  // policy values matched anything. Plain loops: this is the hot path.
  const hits: boolean[] = new Array<boolean>(matchers.length).fill(false)
  const firstMatch: number[] = []
  let good = 0 // context values passing the (possibly negated) comparison
  for (const value of list) {
    const first = firstMatching(matchers, value, hits)
    firstMatch.push(first)
    if (spec.negated ? first === -1 : first !== -1) good++
  }
  const qualifier = clause.operator.qualifier
  if (qualifier === 'ForAllValues') out.matched = good === list.length
  else if (qualifier === 'ForAnyValue' || !spec.negated) out.matched = good > 0
  else out.matched = good === list.length // negated, plain: no context value may match
  out.values = matchers.map((m, i) => valueResult(c.values[i]!, hits[i]!, m.resolved, m.problem))
  out.reason = presentText(c, raw!, list, firstMatch, out.matched)
  return out
}

function firstMatching(
  matchers: readonly ResolvedMatcher[],
  value: string,
  hits: boolean[],
): number {
  let first = -1
  for (let i = 0; i < matchers.length; i++) {
    const m = matchers[i]!.matcher
    if (m !== undefined && m(value)) {
      hits[i] = true
      if (first === -1) first = i
    }
  }
  return first
}

/** Whether a context value whose first matching policy value is `first` passes the operator. */
function passes(spec: OperatorSpec, first: number): boolean {
  return spec.negated ? first === -1 : first !== -1
}

function nullProblem(want: string): string | undefined {
  return want === 'true' || want === 'false' ? undefined : 'Null takes "true" or "false"'
}

function valueResult(
  v: CompiledValue,
  matched: boolean,
  resolved: string | undefined,
  problem: string | undefined,
): ConditionValueEvaluation {
  const out: ConditionValueEvaluation = {
    value: v.source.value,
    matched,
    location: v.source.location,
  }
  if (resolved !== undefined && resolved !== v.source.value) out.resolved = resolved
  if (problem) out.problem = problem
  return out
}

function resolveMatcher(c: CompiledClause, v: CompiledValue, index: ContextIndex): ResolvedMatcher {
  if (!v.dynamic) return v.fixed
  const r = resolvePolicyVariables(v.source.value, index.lookup, c.spec.wildcards)
  if (!r.ok) return { problem: r.problem }
  const problem = conditionValueProblem(c.spec, r.text, false)
  if (problem) return { resolved: r.text, problem }
  return { matcher: valueMatcher(c.spec, r.text, r.pattern), resolved: r.text }
}

function absentText(
  key: string,
  operator: string,
  spec: OperatorSpec,
  qualifier: string | undefined,
  ifExists: boolean,
): string {
  if (ifExists) return `${key} is absent, and ${operator} is true when the key is absent`
  if (qualifier === 'ForAllValues') {
    return `${key} is absent, and ForAllValues: is true for an absent key (an empty set), so this condition passes`
  }
  if (qualifier === 'ForAnyValue')
    return `${key} is absent, and ForAnyValue: is false for an absent key`
  if (spec.negated) {
    return `${key} is absent, and a negated operator (${spec.name}) is true when the key is absent, so this condition passes`
  }
  return `${key} is absent, so ${spec.name} cannot match`
}

/** [matches, does not match] phrasing of an operator. */
function verbs(spec: OperatorSpec): [string, string] {
  if (spec.family === 'String' && spec.wildcards) return ['matches', 'does not match']
  if (spec.family === 'Arn') return ['matches', 'does not match']
  if (spec.family === 'String' && spec.ignoreCase)
    return ['equals (ignoring case)', 'does not equal (ignoring case)']
  if (spec.family === 'Ip') return ['is in', 'is not in']
  if (spec.family === 'Bool') return ['is', 'is not']
  const date = spec.family === 'Date'
  switch (spec.comparison) {
    case 'lt':
      return date ? ['is before', 'is not before'] : ['is less than', 'is not less than']
    case 'lte':
      return date ? ['is at or before', 'is after'] : ['is at most', 'is greater than']
    case 'gt':
      return date ? ['is after', 'is not after'] : ['is greater than', 'is not greater than']
    case 'gte':
      return date ? ['is at or after', 'is before'] : ['is at least', 'is less than']
    default:
      return ['equals', 'does not equal']
  }
}

function presentText(
  c: CompiledClause,
  raw: string | readonly string[],
  list: readonly string[],
  firstMatch: number[],
  matched: boolean,
): string {
  const { spec, clause } = c
  const [yes, no] = verbs(spec)
  const shown = c.values.map((v) => quote(v.source.value))
  const all = shown.length === 1 ? shown[0]! : `any of [${shown.join(', ')}]`
  const key = clause.key
  const qualifier = clause.operator.qualifier
  if (typeof raw === 'string' && qualifier === undefined) {
    const ctx = quote(raw)
    if (!spec.negated) {
      return matched
        ? `${key} is ${ctx}, which ${yes} ${shown[firstMatch[0]!]}`
        : `${key} is ${ctx}, which ${no} ${all}`
    }
    return matched
      ? `${key} is ${ctx}, which ${no} ${all}, as ${spec.name} requires`
      : `${key} is ${ctx}, which ${yes} ${shown[firstMatch[0]!]}, so ${spec.name} is false`
  }
  const ctx = `[${list.map(quote).join(', ')}]`
  const phrase = spec.negated ? `${no} ${all}` : `${yes} ${all}`
  if (qualifier === 'ForAllValues') {
    const bad = firstMatch.findIndex((f) => !passes(spec, f))
    return matched
      ? `every value of ${key} ${ctx} ${phrase}`
      : `${key} has ${quote(list[bad]!)}, which fails "${phrase}", so ForAllValues: is false`
  }
  if (qualifier === 'ForAnyValue' || !spec.negated) {
    const hit = firstMatch.findIndex((f) => passes(spec, f))
    return matched
      ? `${key} has ${quote(list[hit]!)}, which ${phrase}`
      : `no value of ${key} ${ctx} ${phrase}`
  }
  const hit = firstMatch.findIndex((f) => f !== -1)
  return matched
    ? `no value of ${key} ${ctx} ${yes} ${all}, as ${spec.name} requires`
    : `${key} has ${quote(list[hit]!)}, which ${yes} ${shown[firstMatch[hit]!]}, so ${spec.name} is false`
}
