/**
 * The workshop's harness: exercises in order of difficulty, each a folder of content
 * (examples/workshop/<NN>-<id>/: brief, starting file, solution, check) turned into an `Exercise`
 * whose check runs the real engine. The site's "Check my answer" and `trustwalk exercise check N
 * FILE` run the same checks. The harness reads no files: `trustwalk/node`'s `loadExercises()` reads
 * the folders in Node, and the site reads them at build time with its content collection.
 */
import { exerciseFromContent } from './content.js'
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

/** An exercise by number (`3`, `"03"`) or id (`only-main`); `undefined` when there is none. */
export function findExercise(
  ref: string | number,
  exercises: readonly Exercise[],
): Exercise | undefined {
  const text = String(ref).trim()
  if (/^\d+$/.test(text)) return exercises[Number(text) - 1]
  return exercises.find((e) => e.id === text)
}

/** The 1-based number of an exercise in `exercises`, easiest first. */
export function exerciseNumber(exercise: Exercise, exercises: readonly Exercise[]): number {
  return exercises.indexOf(exercise) + 1
}

/**
 * Check a learner's file against an exercise's hidden checks.
 *
 * @example
 * const exercises = loadExercises() // from 'trustwalk/node'
 * const result = await checkAnswer('only-main', policyText, exercises)
 * result.ok // true when every check passed
 * result.checks.filter((c) => !c.ok).map((c) => c.label) // e.g. ['Must be denied: a push to the branch feature of octo-org/octo-repo']
 */
export async function checkAnswer(
  ref: string | number,
  text: string,
  exercises: readonly Exercise[],
): Promise<CheckReport> {
  const exercise = findExercise(ref, exercises)
  if (!exercise)
    throw new RangeError(`No exercise ${String(ref)}: choose 1–${exercises.length} or an id.`)
  return exercise.check(text)
}
