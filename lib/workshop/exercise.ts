/**
 * What a workshop exercise is: a brief, a starting file the learner edits, hidden checks that run
 * the real trustwalk engine on the edited file, hints, and a solution. Browser-safe: the site's
 * "Check my answer" and `trustwalk exercise check` run the same code.
 */

import type { WorkflowRun } from '../github/run.js'
import type { SubjectTemplate } from '../github/subject.js'
import type { IssuerKind } from '../oidc-issuer/profile.js'

export type ExerciseLevel = 'warm-up' | 'core' | 'advanced'

/** One question the checker asks of an answer, and how it went. */
export interface ExerciseCheck {
  /** Stable within the exercise, e.g. `deny.feature-branch`. */
  id: string
  ok: boolean
  /** What is checked, in one line: `Must be denied: a push to the feature branch`. */
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

/** A workflow run that must (or must not) get the role, as `check.json` lists it. */
export interface RunCase {
  /** Stable id suffix, e.g. `feature-branch`. */
  id: string
  /** What the run is, for a learner: `a push to the feature branch`. */
  label: string
  run: WorkflowRun
  /** The audience the job asks for (default `sts.amazonaws.com`). */
  audience?: string
  subjectTemplate?: SubjectTemplate
}

/**
 * The check of an exercise (`check.json`). Declarative where it can be — runs and the decision
 * expected for each —, and a named check module of the harness where it cannot (`module`).
 */
export type ExerciseCheckSpec =
  | {
      /** The learner's file is a trust policy: `allow` runs must get the role, `deny` runs not. */
      kind: 'trust-policy'
      /**
       * The CI system whose tokens the role trusts (default `github`); for another one, each
       * case's `run` is that issuer's run model (e.g. `{ "projectPath": "acme/app" }` for GitLab).
       */
      issuer?: IssuerKind
      allow: RunCase[]
      deny: RunCase[]
    }
  | {
      /**
       * The learner's file is the input of IAM CreateOpenIDConnectProvider; each run asks STS for
       * the role `role` (whose trust policy is fine) through it.
       */
      kind: 'oidc-provider'
      role: { RoleName: string; AssumeRolePolicyDocument: object }
      runs: (RunCase & { getsCredentials: boolean })[]
    }
  | {
      /** The learner reads claims off a token GitHub minted for `run` and writes them down. */
      kind: 'decode-token'
      /** The heading of the token on the page (`The token`). */
      material: string
      run: WorkflowRun
      audience: string
      fields: string[]
    }
  | {
      /** A check that is a story in time (issue, rotate, retire…), written as a module. */
      kind: 'module'
      module: 'key-rotation'
    }

/** One exercise folder, read. */
export interface ExerciseContent {
  /** The folder name without its number: `only-main` of `02-only-main`. */
  id: string
  title: string
  level: ExerciseLevel
  minutes: number
  /** The paragraphs of `brief.md`'s body. */
  brief: string[]
  /** The file the learner edits (the starting file's name). */
  fileName: string
  start: string
  solution: string
  hints: string[]
  check: ExerciseCheckSpec
}

/** A report from its checks. */
export function report(checks: ExerciseCheck[]): CheckReport {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), checks }
}
