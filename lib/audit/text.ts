/**
 * Small text helpers for findings: JSON snippets a reader can paste, and short descriptions of
 * runs and conditions.
 */
import type { RunSetup } from './context.js'
import { runRef } from './runs.js'

/**
 * A JSON member as it would appear inside an object, indented by two spaces per level.
 *
 * @example
 * member('Condition', { StringEquals: { 'k:aud': 'sts.amazonaws.com' } })
 * // '"Condition": {\n  "StringEquals": {\n    "k:aud": "sts.amazonaws.com"\n  }\n}'
 */
export function member(key: string, value: unknown): string {
  return `${JSON.stringify(key)}: ${JSON.stringify(value, null, 2)}`
}

/**
 * `owner/repo` of a run.
 *
 * @example
 * repoOf({ run: newRun('acme', 'app'), audience: 'sts.amazonaws.com' }) // 'acme/app'
 */
export function repoOf(setup: RunSetup): string {
  return `${setup.run.owner}/${setup.run.repo}`
}

/**
 * One phrase for where a run runs: `refs/heads/main`, `environment "prod"`, `a pull request`.
 *
 * @example
 * contextOf({ run: newRun('acme', 'app'), audience: 'sts.amazonaws.com' }) // 'refs/heads/main'
 */
export function contextOf(setup: RunSetup): string {
  const r = setup.run
  if (r.environment !== undefined) return `environment "${r.environment}" on ${runRef(r)}`
  if (r.event === 'pull_request') return `a pull request from ${r.headRef ?? 'a branch'}`
  return runRef(r)
}

/**
 * Quote a value for prose.
 *
 * @example
 * q('a"b') // '"a\\"b"'
 */
export function q(value: string): string {
  return JSON.stringify(value)
}
