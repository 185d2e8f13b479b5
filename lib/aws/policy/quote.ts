/**
 * A string in double quotes, as JSON writes it — cheaply: reasons quote many short values per
 * evaluation, and most need no escaping.
 *
 * @example
 * quote('repo:octo-org/octo-repo:ref:refs/heads/main') // '"repo:octo-org/octo-repo:ref:refs/heads/main"'
 */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/
