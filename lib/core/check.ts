/**
 * Making a `Check` cheaply. Most verifications are never shown to anyone (an STS emulator answers
 * thousands), so the learner sentence is worded only when something reads `summary`; to JSON,
 * spreads, `structuredClone` and renderers it is an ordinary string property.
 */
import type { Check } from '../../core/trace.js'

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
