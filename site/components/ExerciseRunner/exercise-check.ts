/**
 * "Check my answer": runs an exercise's hidden checks in the page, with the same library code as
 * `trustwalk exercise check`. Loaded on the first click, so the engine is not part of the page's
 * initial JavaScript.
 */
import { checkAnswer, type CheckReport } from '../../../lib/index.js'

/**
 * Check `text` against exercise `id`; a thrown error becomes a failed report, never an exception.
 *
 * @example
 * const report = await checkExercise('only-main', editor.value)
 */
export async function checkExercise(id: string, text: string): Promise<CheckReport> {
  try {
    return await checkAnswer(id, text)
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
