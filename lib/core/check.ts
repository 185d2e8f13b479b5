/**
 * Making a `Check` cheaply. Most verifications are never shown to anyone (an STS emulator answers
 * thousands), so the learner sentence is worded only when something reads `summary`; to JSON,
 * spreads, `structuredClone` and renderers it is an ordinary string property.
 */
import type { Check } from './trace.js'

/**
 * A `Check` whose `summary` is produced by `word()` on first read, then remembered.
 *
 * @example
 * const check = makeCheck('verify.exp', true, SOURCES.iamOidc, () => `The token expires at ${iso}.`)
 * JSON.stringify(check) // {"id":"verify.exp","ok":true,"summary":"The token expires at …","source":"https://…"}
 */
export function makeCheck(
  id: string,
  ok: boolean,
  source: string,
  word: () => string,
  expected?: unknown,
  actual?: unknown,
): Check {
  let summary: string | undefined
  return {
    id,
    ok,
    get summary() {
      return (summary ??= word())
    },
    expected,
    actual,
    source,
  }
}

/**
 * The checks of one run through a system, in the order they were asked. `check` records a question
 * and returns its answer, so a failure can stop right where it happened:
 * `if (!checks.check(…)) return fail(error)`.
 */
export interface CheckRecorder {
  /** Everything recorded so far, in order. */
  readonly checks: Check[]
  /** Record one question (worded lazily, as `makeCheck`) and return whether it passed. */
  check(
    id: string,
    ok: boolean,
    source: string,
    word: () => string,
    expected?: unknown,
    actual?: unknown,
  ): boolean
  /** Record checks made elsewhere; true when every one of them passed. */
  add(...checks: readonly Check[]): boolean
}

/**
 * A fresh `CheckRecorder`.
 *
 * @example
 * const recorder = recordChecks()
 * if (!recorder.check('verify.exp', exp > now, SOURCES.iamOidc, () => 'The token has expired.'))
 *   return fail(new StsError('ExpiredTokenException', 'Token expired: …'))
 * recorder.checks.length // 1
 */
export function recordChecks(): CheckRecorder {
  const checks: Check[] = []
  return {
    checks,
    check(id, ok, source, word, expected, actual) {
      checks.push(makeCheck(id, ok, source, word, expected, actual))
      return ok
    },
    add(...more) {
      checks.push(...more)
      return more.every((c) => c.ok)
    },
  }
}
