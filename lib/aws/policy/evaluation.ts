/**
 * The shape of a trust-policy evaluation: the decision, one line saying why, and every
 * statement → element → condition → value with its JSON location. Plain data (it is printed by
 * `trustwalk explain --json` and rendered by the site).
 */
import type { Effect, PolicyWarning } from './model.js'
import type { SourceLocation } from './policy-error.js'

/** IAM's three outcomes (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'

/** One condition value, compared. */
export interface ConditionValueEvaluation {
  /** As written in the policy (numbers and booleans as text). */
  value: string
  /** After `${…}` expansion, when that changed it. */
  resolved?: string
  /** Whether this value — before any negation — matches a context value. */
  matched: boolean
  /** Why this value can never match (not a number, an unresolvable variable…). */
  problem?: string
  location: SourceLocation
}

/** One operator × key clause of a statement's `Condition`. */
export interface ConditionEvaluation {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  operator: string
  /** The key as written. */
  key: string
  /** Where the key is, e.g. `Statement[0].Condition.StringLike["…:sub"]`. */
  location: SourceLocation
  operatorLocation: SourceLocation
  /** Whether the clause holds (after negation, qualifiers and missing-key rules). */
  matched: boolean
  /** Whether the request context has the key. */
  present: boolean
  /** The context value compared (absent keys have none). */
  contextValue?: string | string[]
  /** Why the key is absent, e.g. "AWS never fills …:repository_owner: …". */
  absentReason?: string
  values: ConditionValueEvaluation[]
  /** One line: what was compared and what came out. */
  reason: string
}

/** The Principal/NotPrincipal or Action/NotAction element of a statement, compared. */
export interface ElementMatch {
  element: 'Principal' | 'NotPrincipal' | 'Action' | 'NotAction'
  matched: boolean
  /** The policy value that named the request (for NotX: the value that excluded it). */
  matchedValue?: string
  location: SourceLocation
  reason: string
}

export interface StatementEvaluation {
  index: number
  sid?: string
  effect: Effect
  location: SourceLocation
  principal: ElementMatch
  action: ElementMatch
  conditions: ConditionEvaluation[]
  /** Every condition holds (true when there are none). */
  conditionsMatched: boolean
  /** Principal, action and conditions all match: the statement's effect applies. */
  applies: boolean
  reason: string
}

/** The decision for one action the request needs. */
export interface ActionDecision {
  action: string
  decision: Decision
  reason: string
  statements: StatementEvaluation[]
}

/** A further action the request needs (`sts:TagSession`, `sts:SetSourceIdentity`), and why. */
export interface AdditionalActionDecision extends ActionDecision {
  why: string
}

export interface PolicyEvaluation {
  decision: Decision
  /** One line a person can act on. */
  reason: string
  /** The main action, `sts:AssumeRoleWithWebIdentity` unless told otherwise. */
  action: string
  /**
   * The decision for the main action alone; `decision` also folds in `additionalActions` (a token
   * with session tags needs `sts:TagSession` too), so the two differ when only those are refused.
   */
  mainDecision: Decision
  statements: StatementEvaluation[]
  additionalActions: AdditionalActionDecision[]
  notes: string[]
  /** The parser's warnings (duplicate keys, missing Version…). */
  warnings: PolicyWarning[]
}
