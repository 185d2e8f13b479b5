/**
 * Policy variables in condition values: `${aws:username}`, `${token.actions.githubusercontent.com:sub}`,
 * defaults `${key, 'default'}`, and the escapes `${*}`, `${?}`, `${$}` for a literal `*`, `?`, `$`.
 * Only with `"Version": "2012-10-17"`; under 2008-10-17 the text stays literal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *
 * Sim choices (the docs do not say): a substituted value is literal text even in a Like operator
 * (its `*` is not a wildcard); a variable naming a missing or multi-valued key with no default
 * makes that condition value match nothing (the docs: "If AWS cannot resolve a variable this might
 * cause the entire statement to be invalid").
 */
import { literalOrWildcard } from './wildcard.js'
import type { WildcardPattern } from './wildcard.js'

/** Looks a context key up by name (any case). */
export type ContextLookup = (key: string) => string | readonly string[] | undefined

export type ResolvedValue =
  { ok: true; text: string; pattern: WildcardPattern } | { ok: false; problem: string }

/** Whether a value could hold a policy variable. */
export function hasPolicyVariable(value: string): boolean {
  return value.includes('${')
}

/**
 * Expand the policy variables in a condition value. `text` is the literal result; `pattern` the
 * same with the value's own `*`/`?` as wildcards (when `wildcards`) and substituted or escaped
 * characters literal.
 *
 * @example
 * const r = resolvePolicyVariables('repo:${aws:username}/*', (k) => (k === 'aws:username' ? 'octo' : undefined), true)
 * // r.ok && r.text === 'repo:octo/*'
 */
export function resolvePolicyVariables(
  value: string,
  lookup: ContextLookup,
  wildcards: boolean,
): ResolvedValue {
  let text = ''
  const pattern: number[] = []
  const literal = (s: string): void => {
    text += s
    for (let i = 0; i < s.length; i++) pattern.push(s.charCodeAt(i))
  }
  let i = 0
  while (i < value.length) {
    const start = value.indexOf('${', i)
    const end = start === -1 ? -1 : value.indexOf('}', start + 2)
    const upTo = start === -1 || end === -1 ? value.length : start
    for (let j = i; j < upTo; j++) {
      const code = value.charCodeAt(j)
      text += value[j]
      pattern.push(wildcards ? literalOrWildcard(code) : code)
    }
    if (upTo === value.length) break
    const inner = value.slice(start + 2, end)
    const expanded = expand(inner, lookup)
    if (expanded === undefined) {
      return { ok: false, problem: `the policy variable \${${inner}} has no value in this request` }
    }
    literal(expanded)
    i = end + 1
  }
  return { ok: true, text, pattern }
}

function expand(inner: string, lookup: ContextLookup): string | undefined {
  if (inner === '*' || inner === '?' || inner === '$') return inner
  const comma = inner.indexOf(',')
  const key = (comma === -1 ? inner : inner.slice(0, comma)).trim()
  const found = lookup(key)
  if (typeof found === 'string') return found
  if (comma === -1) return undefined
  // Default: `${key, 'text'}` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values)
  const m = /^\s*'(.*)'\s*$/s.exec(inner.slice(comma + 1))
  return m ? m[1] : undefined
}
