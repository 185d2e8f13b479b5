/**
 * Checks for single fields of a `WorkflowRun`: strings, ids, SHAs, git refs. Each failure is an
 * `InvalidInputError` whose message starts with the field's path (`run.sha: …`).
 */
import { InvalidInputError } from '../core/errors.js'

export const SHA = /^[0-9a-f]{40}$/

/**
 * A full ref (`refs/heads/…`, `refs/tags/…`, `refs/pull/N/merge|head`), checked.
 *
 * @example
 * fullRef('refs/tags/v1', 'run.ref') // 'refs/tags/v1'
 */
export function fullRef(ref: unknown, path: string): string {
  const s = text(ref, path)
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(s)
  if (m) return `refs/${m[1]}/${refName(m[2]!, path)}`
  if (/^refs\/pull\/[1-9][0-9]*\/(merge|head)$/.test(s)) return s
  throw bad(
    `"${s}" is not a full ref like refs/heads/main, refs/tags/v1 or refs/pull/7/merge`,
    path,
  )
}

/**
 * A ref name checked against git's rules (https://git-scm.com/docs/git-check-ref-format), the
 * parts that matter here.
 *
 * @example
 * refName('release/v1', 'run.branch') // 'release/v1'
 */
export function refName(value: unknown, path: string): string {
  const s = text(value, path)
  const broken =
    /[\x00-\x20\x7f~^:?*[\\]/.test(s) ||
    s.includes('..') ||
    s.includes('@{') ||
    s.includes('//') ||
    s.startsWith('/') ||
    s.endsWith('/') ||
    s.endsWith('.') ||
    s.endsWith('.lock') ||
    s === '@' ||
    s.split('/').some((part) => part.startsWith('.'))
  if (broken) throw bad(`"${s}" is not a valid git ref name (git check-ref-format)`, path)
  return s
}

/**
 * A branch name (not a full ref), checked against git's rules.
 *
 * @example
 * branchName('main', 'run.branch') // 'main'
 */
export function branchName(value: unknown, path: string): string {
  const s = refName(value, path)
  if (s.startsWith('refs/'))
    throw bad(`give the branch name ("main"), not a full ref ("${s}")`, path)
  return s
}

/**
 * A 40-hex lowercase commit SHA.
 *
 * @example
 * hexSha('f0ce60e2b0a1c8d4e7f9a3b5c6d7e8f9a0b1c2d3', 'run.sha')
 */
export function hexSha(value: unknown, path: string): string {
  if (typeof value !== 'string' || !SHA.test(value)) {
    throw bad(`${JSON.stringify(value)} is not a commit SHA (40 lowercase hex characters)`, path)
  }
  return value
}

/**
 * A positive id given as a number or numeric string, as the numeric string claims carry.
 *
 * @example
 * numeric(74, 'run.repoId') // '74'
 */
export function numeric(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value)
  if (typeof value === 'string' && /^[1-9][0-9]{0,19}$/.test(value)) return value
  throw bad(`${JSON.stringify(value)} is not a positive whole number`, path)
}

/**
 * A non-empty string.
 *
 * @example
 * text('octo-org', 'run.owner') // 'octo-org'
 */
export function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw bad(`expected a string, got ${describe(value)}`, path)
  if (value === '') throw bad('must not be empty', path)
  return value
}

/**
 * An optional boolean.
 *
 * @example
 * flag(true, 'run.refProtected') // true
 */
export function flag(value: unknown, path: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value
  throw bad(`expected true or false, got ${describe(value)}`, path)
}

/**
 * An optional value from a fixed list.
 *
 * @example
 * oneOf('public', ['public', 'private'], 'run.visibility') // 'public'
 */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
): T | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  throw bad(`expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, path)
}

/**
 * How to name a value's type in an error message.
 *
 * @example
 * describe([]) // 'an array'
 */
export function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

/**
 * The error for a bad field: the message starts with the path.
 *
 * @example
 * throw bad('must not be empty', 'run.owner')
 */
export function bad(message: string, path: string): InvalidInputError {
  return new InvalidInputError(`${path}: ${message}`, path)
}
