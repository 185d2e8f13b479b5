/**
 * The workshop's harness: exercises in order of difficulty, each a folder of content
 * (examples/workshop/<NN>-<id>/: brief, starting file, solution, check) turned into an `Exercise`
 * whose check runs the real engine. The site's "Check my answer" and `trustwalk exercise check N
 * FILE` run the same checks.
 */
import { exerciseFromContent } from './content.js'
import { CONTENT } from './content.generated.js'
import type { CheckReport, Exercise } from './exercise.js'

export type {
  CheckReport,
  Exercise,
  ExerciseCheck,
  ExerciseCheckSpec,
  ExerciseContent,
  ExerciseLevel,
  ExerciseMaterial,
  RunCase,
} from './exercise.js'
export {
  briefParagraphs,
  exerciseFromContent,
  exerciseMaterial,
  parseCheckSpec,
  runExerciseCheck,
} from './content.js'

/**
 * Every exercise, easiest first; an exercise's number is its position, from 1. Built from the
 * folders in examples/workshop/ (through content.generated.ts, so it needs no file system).
 */
export const EXERCISES: readonly Exercise[] = Object.freeze(CONTENT.map(exerciseFromContent))

/**
 * An exercise by number (`3`, `"03"`) or id (`only-main`); `undefined` when there is none.
 * Looks in `exercises` (read from the folders by `trustwalk exercise`), `EXERCISES` by default.
 */
export function findExercise(
  ref: string | number,
  exercises: readonly Exercise[] = EXERCISES,
): Exercise | undefined {
  const text = String(ref).trim()
  if (/^\d+$/.test(text)) return exercises[Number(text) - 1]
  return exercises.find((e) => e.id === text)
}

/** The 1-based number of an exercise in `exercises` (`EXERCISES` by default). */
export function exerciseNumber(
  exercise: Exercise,
  exercises: readonly Exercise[] = EXERCISES,
): number {
  return exercises.indexOf(exercise) + 1
}

/**
 * Check a learner's file against an exercise's hidden checks.
 *
 * @example
 * const result = await checkAnswer('only-main', policyText)
 * result.ok // true when every check passed
 * result.checks.filter((c) => !c.ok).map((c) => c.label) // e.g. ['Denied: a push to the branch feature of octo-org/octo-repo']
 */
export async function checkAnswer(ref: string | number, text: string): Promise<CheckReport> {
  const exercise = findExercise(ref)
  if (!exercise)
    throw new RangeError(`No exercise ${String(ref)}: choose 1–${EXERCISES.length} or an id.`)
  return exercise.check(text)
}
