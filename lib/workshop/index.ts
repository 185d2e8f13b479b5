/**
 * The workshop: exercises in order of difficulty, each with a starting file, hidden checks that run
 * the real engine, hints and a solution. The site's "Check my answer" and `trustwalk exercise
 * check N FILE` both call `checkAnswer`.
 */
import { decodeToken } from './decode-token.js'
import type { CheckReport, Exercise } from './exercise.js'
import { keyRotation } from './key-rotation.js'
import {
  branchPrefix,
  forAllValues,
  missingKey,
  orgPrefix,
  orListPoisoning,
} from './misconfigurations.js'
import { oidcProvider } from './provider.js'
import { environmentNotPrs, onlyMain, repositoryIds, reusableWorkflow } from './scoping.js'

export type {
  CheckReport,
  Exercise,
  ExerciseCheck,
  ExerciseLevel,
  ExerciseMaterial,
} from './exercise.js'

/** Every exercise, easiest first; an exercise's number is its position, from 1. */
export const EXERCISES: readonly Exercise[] = Object.freeze([
  decodeToken,
  onlyMain,
  oidcProvider,
  environmentNotPrs,
  reusableWorkflow,
  keyRotation,
  repositoryIds,
  orgPrefix,
  branchPrefix,
  orListPoisoning,
  missingKey,
  forAllValues,
])

/** An exercise by number (`3`, `"03"`) or id (`only-main`); `undefined` when there is none. */
export function findExercise(ref: string | number): Exercise | undefined {
  const text = String(ref).trim()
  if (/^\d+$/.test(text)) return EXERCISES[Number(text) - 1]
  return EXERCISES.find((e) => e.id === text)
}

/** The 1-based number of an exercise. */
export function exerciseNumber(exercise: Exercise): number {
  return EXERCISES.indexOf(exercise) + 1
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
