/**
 * What each condition operator compares: one policy value against one context value, before
 * negation and set qualifiers (those are applied in conditions.ts).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { cidrContains, parseCidr, parseIp } from './ip.js'
import type { Comparison, OperatorSpec } from './operator-names.js'
import { hasPolicyVariable } from './variables.js'
import { compileWildcard, hasWildcard, matchWildcard } from './wildcard.js'
import type { WildcardPattern } from './wildcard.js'

/** Does one context value satisfy one (positive) policy value? */
export type ValueMatcher = (contextValue: string) => boolean

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
// W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime), which the Date operators accept.
const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/

/**
 * A number as the Numeric operators read it; `NaN` when it is not one.
 *
 * @example
 * parseNumeric('3600') // 3600
 */
export function parseNumeric(text: string): number {
  return NUMBER.test(text) ? Number(text) : NaN
}

/**
 * A date as the Date operators read it — W3C ISO 8601 or epoch seconds — in epoch milliseconds;
 * `NaN` when it is neither. Sim choice: a date-time without a zone is UTC.
 *
 * @example
 * parseDate('2026-01-01T00:00:00Z') === parseDate('1767225600') // true
 */
export function parseDate(text: string): number {
  if (/^\d+$/.test(text) && text.length !== 4) return Number(text) * 1000
  const m = W3C_DATE.exec(text)
  if (!m) return NaN
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${zone}`)
  return Number.isNaN(ms) ? NaN : ms
}

/** Bytes of a base64 value (`BinaryEquals`), as a binary string; `undefined` when invalid. */
export function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined
  try {
    return atob(text)
  } catch {
    return undefined
  }
}

/**
 * Split an ARN into its six colon-separated parts (the resource part keeps its own colons);
 * colons inside `${…}` do not split. `undefined` when there are fewer than six parts.
 *
 * @example
 * splitArn('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com')
 * // ['arn', 'aws', 'iam', '', '123456789012', 'oidc-provider/token.actions.githubusercontent.com']
 */
export function splitArn(arn: string): string[] | undefined {
  const parts: string[] = []
  let start = 0
  let depth = 0
  for (let i = 0; i < arn.length && parts.length < 5; i++) {
    if (arn[i] === '$' && arn[i + 1] === '{') depth++
    else if (arn[i] === '}' && depth > 0) depth--
    else if (arn[i] === ':' && depth === 0) {
      parts.push(arn.slice(start, i))
      start = i + 1
    }
  }
  if (parts.length < 5) return undefined
  parts.push(arn.slice(start))
  return parts
}

function compare(c: Comparison, contextValue: number, policyValue: number): boolean {
  if (Number.isNaN(contextValue)) return false
  switch (c) {
    case 'eq':
      return contextValue === policyValue
    case 'lt':
      return contextValue < policyValue
    case 'lte':
      return contextValue <= policyValue
    case 'gt':
      return contextValue > policyValue
    case 'gte':
      return contextValue >= policyValue
  }
}

/**
 * Why a policy value can never match under this operator (`undefined` when it is fine). Values
 * holding `${…}` are checked only after expansion.
 *
 * @example
 * conditionValueProblem(OPERATORS.get('NumericLessThan')!, 'ten', true) // '"ten" is not a number'
 */
export function conditionValueProblem(
  spec: OperatorSpec,
  value: string,
  variablesOn: boolean,
): string | undefined {
  if (spec.variables && variablesOn && hasPolicyVariable(value)) return undefined
  switch (spec.family) {
    case 'Numeric':
      return Number.isNaN(parseNumeric(value)) ? `"${value}" is not a number` : undefined
    case 'Date':
      return Number.isNaN(parseDate(value))
        ? `"${value}" is not a date (ISO 8601 such as 2026-01-01T00:00:00Z, or epoch seconds)`
        : undefined
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not true or false`
    case 'Binary':
      return decodeBase64(value) === undefined ? `"${value}" is not base64` : undefined
    case 'Ip':
      return parseCidr(value) ? undefined : `"${value}" is not an IP address or CIDR block`
    case 'Arn':
      return splitArn(value)
        ? undefined
        : `"${value}" is not an ARN (arn:partition:service:region:account:resource)`
    case 'String':
      return undefined
  }
}

/**
 * The matcher for one policy value (after any policy-variable expansion: `text` is the literal
 * value, `pattern` its wildcard form). `undefined` when the value can never match.
 *
 * @example
 * const m = valueMatcher(OPERATORS.get('StringLike')!, 'repo:octo-org/*', compileWildcard('repo:octo-org/*'))
 * m?.('repo:octo-org/app:pull_request') // true
 */
export function valueMatcher(
  spec: OperatorSpec,
  text: string,
  pattern?: WildcardPattern,
): ValueMatcher | undefined {
  switch (spec.family) {
    case 'String': {
      if (spec.wildcards) {
        const p = pattern ?? compileWildcard(text)
        if (!hasWildcard(p)) return (c) => c === text
        return (c) => matchWildcard(p, c)
      }
      if (spec.ignoreCase) {
        const lower = text.toLowerCase()
        return (c) => c.toLowerCase() === lower
      }
      return (c) => c === text
    }
    case 'Numeric': {
      const v = parseNumeric(text)
      return Number.isNaN(v) ? undefined : (c) => compare(spec.comparison, parseNumeric(c), v)
    }
    case 'Date': {
      const v = parseDate(text)
      return Number.isNaN(v) ? undefined : (c) => compare(spec.comparison, parseDate(c), v)
    }
    case 'Bool': {
      const v = text.toLowerCase()
      return v === 'true' || v === 'false' ? (c) => c.toLowerCase() === v : undefined
    }
    case 'Binary': {
      const v = decodeBase64(text)
      return v === undefined ? undefined : (c) => decodeBase64(c) === v
    }
    case 'Ip': {
      const block = parseCidr(text)
      if (!block) return undefined
      return (c) => {
        const address = parseIp(c)
        return address !== undefined && cidrContains(block, address)
      }
    }
    case 'Arn':
      return arnMatcher(text, pattern)
    case 'Null':
      return undefined
  }
}

/** Each of the six ARN parts is matched on its own, with wildcards; a `*` never crosses a part. */
function arnMatcher(text: string, pattern?: WildcardPattern): ValueMatcher | undefined {
  const parts = pattern ? splitPattern(pattern) : splitArn(text)?.map(compileWildcard)
  if (!parts) return undefined
  return (c) => {
    const cparts = splitArn(c)
    if (!cparts) return false
    for (let i = 0; i < 6; i++) if (!matchWildcard(parts[i]!, cparts[i]!)) return false
    return true
  }
}

/** Split a compiled pattern at its first five literal colons. */
function splitPattern(pattern: WildcardPattern): WildcardPattern[] | undefined {
  const parts: WildcardPattern[] = []
  let start = 0
  for (let i = 0; i < pattern.length && parts.length < 5; i++) {
    if (pattern[i] === 0x3a) {
      parts.push(pattern.slice(start, i))
      start = i + 1
    }
  }
  if (parts.length < 5) return undefined
  parts.push(pattern.slice(start))
  return parts
}
