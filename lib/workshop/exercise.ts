/**
 * What a workshop exercise is: a brief, a starting file the learner edits, hidden checks that run
 * the real trustwalk engine on the edited file, hints, and a solution. Browser-safe: the site's
 * "Check my answer" and `trustwalk exercise check` run the same code.
 */

export type ExerciseLevel = 'warm-up' | 'core' | 'advanced'

/** One question the checker asks of an answer, and how it went. */
export interface ExerciseCheck {
  /** Stable within the exercise, e.g. `deny.feature-branch`. */
  id: string
  ok: boolean
  /** What is checked, in one line: `Denied: a push to the feature branch`. */
  label: string
  /** What the engine saw, in one or two sentences. */
  detail: string
}

/** The outcome of checking one answer. */
export interface CheckReport {
  /** True when every check passed. */
  ok: boolean
  checks: ExerciseCheck[]
}

/** Text a learner works from that is computed rather than written, e.g. the token to decode. */
export interface ExerciseMaterial {
  label: string
  text: string
}

export interface Exercise {
  /** Kebab-case id, e.g. `only-main`; `trustwalk exercise check only-main FILE` accepts it. */
  id: string
  title: string
  level: ExerciseLevel
  /** Suggested minutes in a workshop. */
  minutes: number
  /** What to do: paragraphs, plain text with `code` in backticks. */
  brief: string[]
  /** The file the learner edits, e.g. `trust-policy.json`. */
  fileName: string
  /** Its starting contents; checking them fails. */
  start: string
  /** A model answer; checking it passes. */
  solution: string
  /** From gentle to explicit. */
  hints: string[]
  /** Further material the brief refers to (computed deterministically). */
  material?(): Promise<ExerciseMaterial>
  /** Run the hidden checks on the learner's file. Never throws for a bad answer. */
  check(text: string): Promise<CheckReport>
}

/** A report from its checks. */
export function report(checks: ExerciseCheck[]): CheckReport {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), checks }
}
