/**
 * "Check my answer": runs an exercise's hidden checks (its check.json, embedded in the page) in the
 * page, with the same library code as `trustwalk exercise check`. Loaded on the first click, so
 * the engine is not part of the page's initial JavaScript.
 */
import { runExerciseCheck, type CheckReport, type ExerciseCheckSpec } from '../../../lib/index.js'

/**
 * Check `text` against an exercise's check; a thrown error becomes a failed report, never an
 * exception.
 *
 * @example
 * const report = await checkExercise(spec, editor.value)
 */
export async function checkExercise(spec: ExerciseCheckSpec, text: string): Promise<CheckReport> {
  try {
    return await runExerciseCheck(spec, text)
  } catch (error) {
    return {
      ok: false,
      checks: [
        {
          id: 'checker.error',
          ok: false,
          label: 'The checker could run',
          detail: error instanceof Error ? error.message : String(error),
        },
      ],
    }
  }
}
