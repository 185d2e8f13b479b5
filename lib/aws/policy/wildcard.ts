/**
 * IAM's wildcard matching for `StringLike`/`StringNotLike` and the ARN operators: `*` matches any
 * run of characters — including `/` and `:` — and `?` exactly one character; everything else is
 * literal and case-sensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 *
 * A pattern is compiled to an array of UTF-16 code units with two markers, so a literal `*` (from
 * the `${*}` escape) and a wildcard `*` stay apart. Matching is the two-pointer algorithm, at most
 * pattern length × text length steps (no regular expressions, so no catastrophic backtracking on
 * hostile patterns). It is the one wildcard matcher of the project: the policy engine and the
 * auditor (lib/audit) both use it.
 */

/** Marker for a multi-character wildcard in a compiled pattern. */
export const STAR = -1
/** Marker for a single-character wildcard in a compiled pattern. */
export const QUESTION = -2

/** Compiled pattern: code units, `STAR` and `QUESTION`. */
export type WildcardPattern = readonly number[]

/**
 * Compile a pattern where every `*` and `?` is a wildcard.
 *
 * @example
 * matchWildcard(compileWildcard('repo:octo-org/*'), 'repo:octo-org/app:ref:refs/heads/main') // true
 */
export function compileWildcard(pattern: string): WildcardPattern {
  const units: number[] = []
  for (let i = 0; i < pattern.length; i++) units.push(literalOrWildcard(pattern.charCodeAt(i)))
  return units
}

/** A code unit as a pattern unit: `*` and `?` become wildcards. */
export function literalOrWildcard(code: number): number {
  return code === 0x2a ? STAR : code === 0x3f ? QUESTION : code
}

/** Pattern units for `text` taken literally (no wildcards). */
export function literalUnits(text: string): number[] {
  const units: number[] = []
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i))
  return units
}

/** Whether a compiled pattern has any wildcard. */
export function hasWildcard(pattern: WildcardPattern): boolean {
  for (const u of pattern) if (u < 0) return true
  return false
}

/** The pattern as text again, wildcards as `*`/`?`. */
export function patternText(pattern: WildcardPattern): string {
  let s = ''
  for (const u of pattern) s += u === STAR ? '*' : u === QUESTION ? '?' : String.fromCharCode(u)
  return s
}

/** Length in code units of the code point at `i` (2 for a surrogate pair). */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) return 2
  }
  return 1
}

/**
 * Match `text` against a compiled pattern; `?` consumes one code point.
 *
 * @example
 * matchWildcard(compileWildcard('v?'), 'v1') // true
 * matchWildcard(compileWildcard('v?'), 'v10') // false
 */
export function matchWildcard(pattern: WildcardPattern, text: string): boolean {
  const m = pattern.length
  const n = text.length
  let p = 0
  let t = 0
  let starP = -1
  let starT = 0
  while (t < n) {
    const u = p < m ? pattern[p]! : 0
    if (p < m && u === QUESTION) {
      t += codePointLength(text, t)
      p++
    } else if (p < m && u === STAR) {
      starP = p++
      starT = t
    } else if (p < m && u === text.charCodeAt(t)) {
      p++
      t++
    } else if (starP >= 0) {
      p = starP + 1
      starT += codePointLength(text, starT)
      t = starT
    } else {
      return false
    }
  }
  while (p < m && pattern[p] === STAR) p++
  return p === m
}

/**
 * Whether `text` matches a `StringLike` pattern given as text (every `*` and `?` a wildcard):
 * `compileWildcard` + `matchWildcard`, for callers that hold plain strings, such as the auditor.
 * Steps are bounded by pattern length × text length, whatever the pattern.
 *
 * @example
 * wildcardMatches('repo:acme*', 'repo:acme-evil/x:ref:refs/heads/main') // true
 * wildcardMatches('*'.repeat(16) + 'Z', 'sts.amazonaws.com') // false, at once
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  return matchWildcard(compileWildcard(pattern), text)
}
