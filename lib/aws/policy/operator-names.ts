/**
 * The condition operators IAM knows, and how an operator name such as
 * `ForAnyValue:StringLikeIfExists` breaks down.
 * Operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * Set qualifiers: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { ConditionOperatorName } from './model.js'

export type OperatorFamily =
  'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null'
export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte'

/** What a base operator does. */
export interface OperatorSpec {
  readonly name: string
  readonly family: OperatorFamily
  /** Negated operators (`StringNotEquals`, `NotIpAddress`…): true when no value matches. */
  readonly negated: boolean
  readonly comparison: Comparison
  /** `*` and `?` are wildcards (StringLike, StringNotLike and all four Arn operators). */
  readonly wildcards: boolean
  readonly ignoreCase: boolean
  /** `${…}` policy variables are expanded (String, Bool and Arn operators, per the docs' tables). */
  readonly variables: boolean
}

function spec(
  name: string,
  family: OperatorFamily,
  extra: Partial<Omit<OperatorSpec, 'name' | 'family'>> = {},
): OperatorSpec {
  return {
    name,
    family,
    negated: false,
    comparison: 'eq',
    wildcards: false,
    ignoreCase: false,
    variables: family === 'String' || family === 'Bool' || family === 'Arn',
    ...extra,
  }
}

const ALL: OperatorSpec[] = [
  spec('StringEquals', 'String'),
  spec('StringNotEquals', 'String', { negated: true }),
  spec('StringEqualsIgnoreCase', 'String', { ignoreCase: true }),
  spec('StringNotEqualsIgnoreCase', 'String', { negated: true, ignoreCase: true }),
  spec('StringLike', 'String', { wildcards: true }),
  spec('StringNotLike', 'String', { negated: true, wildcards: true }),
  spec('NumericEquals', 'Numeric'),
  spec('NumericNotEquals', 'Numeric', { negated: true }),
  spec('NumericLessThan', 'Numeric', { comparison: 'lt' }),
  spec('NumericLessThanEquals', 'Numeric', { comparison: 'lte' }),
  spec('NumericGreaterThan', 'Numeric', { comparison: 'gt' }),
  spec('NumericGreaterThanEquals', 'Numeric', { comparison: 'gte' }),
  spec('DateEquals', 'Date'),
  spec('DateNotEquals', 'Date', { negated: true }),
  spec('DateLessThan', 'Date', { comparison: 'lt' }),
  spec('DateLessThanEquals', 'Date', { comparison: 'lte' }),
  spec('DateGreaterThan', 'Date', { comparison: 'gt' }),
  spec('DateGreaterThanEquals', 'Date', { comparison: 'gte' }),
  spec('Bool', 'Bool'),
  spec('BinaryEquals', 'Binary'),
  spec('IpAddress', 'Ip'),
  spec('NotIpAddress', 'Ip', { negated: true }),
  // "ArnEquals and ArnLike behave identically", wildcards in each of the six ARN parts.
  spec('ArnEquals', 'Arn', { wildcards: true }),
  spec('ArnLike', 'Arn', { wildcards: true }),
  spec('ArnNotEquals', 'Arn', { negated: true, wildcards: true }),
  spec('ArnNotLike', 'Arn', { negated: true, wildcards: true }),
  spec('Null', 'Null'),
]

/** Every base operator, by canonical name. */
export const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map(ALL.map((s) => [s.name, s]))
const BY_LOWER = new Map(ALL.map((s) => [s.name.toLowerCase(), s]))

/** The result of reading an operator name: the parts, or why IAM would refuse it. */
export type OperatorNameResult =
  | { ok: true; name: ConditionOperatorName; spec: OperatorSpec; caseDiffers: boolean }
  | { ok: false; problem: string }

/**
 * Read an operator name. Names are matched without regard to case (Sim choice: IAM's docs do not
 * say; `caseDiffers` lets the parser warn about the unusual spelling).
 *
 * @example
 * parseOperatorName('ForAnyValue:StringLikeIfExists')
 * // { ok: true, name: { raw, base: 'StringLike', qualifier: 'ForAnyValue', ifExists: true }, … }
 */
export function parseOperatorName(raw: string): OperatorNameResult {
  let rest = raw
  let qualifier: ConditionOperatorName['qualifier']
  let canonical = ''
  const colon = rest.indexOf(':')
  if (colon !== -1) {
    const prefix = rest.slice(0, colon).toLowerCase()
    if (prefix === 'foranyvalue') qualifier = 'ForAnyValue'
    else if (prefix === 'forallvalues') qualifier = 'ForAllValues'
    else
      return {
        ok: false,
        problem: `Unknown condition operator "${raw}": the only prefixes are ForAnyValue: and ForAllValues:`,
      }
    canonical = `${qualifier}:`
    rest = rest.slice(colon + 1)
  }
  let ifExists = false
  let found = BY_LOWER.get(rest.toLowerCase())
  if (!found && rest.toLowerCase().endsWith('ifexists')) {
    found = BY_LOWER.get(rest.slice(0, -'ifexists'.length).toLowerCase())
    ifExists = found !== undefined
  }
  if (!found) return { ok: false, problem: `Unknown condition operator "${raw}"` }
  if (found.family === 'Null' && ifExists) {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
    return {
      ok: false,
      problem: `Invalid condition operator "${raw}": IfExists cannot be added to Null (Null already tests whether the key exists)`,
    }
  }
  canonical += found.name + (ifExists ? 'IfExists' : '')
  return {
    ok: true,
    name: { raw, base: found.name, qualifier, ifExists },
    spec: found,
    caseDiffers: canonical !== raw,
  }
}
