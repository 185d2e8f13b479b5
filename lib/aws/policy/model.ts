/**
 * The typed model of a role trust policy, as `parseTrustPolicy` returns it. Every node keeps the
 * JSON location it was read from, so evaluations and explanations can point at it.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { SourceLocation } from './policy-error.js'

export type { SourceLocation } from './policy-error.js'

/** The two policy language versions (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html). */
export type PolicyVersion = '2012-10-17' | '2008-10-17'

export type Effect = 'Allow' | 'Deny'

/** A string read from the policy, with where it was. */
export interface LocatedString {
  readonly value: string
  readonly location: SourceLocation
}

/** Something IAM accepts but a reader should know about (duplicate keys, long documents…). */
export interface PolicyWarning {
  readonly code:
    | 'DuplicateKey'
    | 'DuplicateSid'
    | 'MissingVersion'
    | 'TrustPolicyTooLong'
    | 'EmptyConditionValues'
    | 'OperatorCase'
    | 'InvalidConditionValue'
  readonly message: string
  readonly location: SourceLocation
  /** For `DuplicateKey`: the earlier occurrence, which IAM ignores. */
  readonly firstLocation?: SourceLocation
}

/** `Principal` / `NotPrincipal`. `"*"` (the string form) is `wildcard: true` with no entries. */
export interface PrincipalElement {
  readonly negated: boolean
  readonly wildcard: boolean
  /** Principal types (`Federated`, `AWS`, `Service`, `CanonicalUser`) with their values. */
  readonly entries: readonly { readonly type: string; readonly values: readonly LocatedString[] }[]
  readonly location: SourceLocation
}

/** `Action` / `NotAction`. */
export interface ActionElement {
  readonly negated: boolean
  readonly values: readonly LocatedString[]
  readonly location: SourceLocation
}

/** How a condition operator name breaks down, e.g. `ForAnyValue:StringLikeIfExists`. */
export interface ConditionOperatorName {
  /** As written in the policy. */
  readonly raw: string
  /** The canonical base operator, e.g. `StringLike`. */
  readonly base: string
  readonly qualifier: 'ForAnyValue' | 'ForAllValues' | undefined
  readonly ifExists: boolean
}

/** One condition value: the JSON value as IAM compares it (numbers and booleans as text). */
export interface ConditionValue {
  readonly value: string
  readonly json: 'string' | 'number' | 'boolean'
  readonly location: SourceLocation
}

/** One operator × key pair of a `Condition` block. Pairs AND together; values OR. */
export interface ConditionClause {
  readonly operator: ConditionOperatorName
  readonly operatorLocation: SourceLocation
  /** The context key as written (key names are case-insensitive). */
  readonly key: string
  readonly keyLocation: SourceLocation
  readonly values: readonly ConditionValue[]
  readonly valueIsArray: boolean
}

export interface PolicyStatement {
  readonly index: number
  readonly sid: string | undefined
  readonly effect: Effect
  readonly principal: PrincipalElement
  readonly action: ActionElement
  readonly conditions: readonly ConditionClause[]
  readonly location: SourceLocation
  readonly effectLocation: SourceLocation
  readonly conditionLocation: SourceLocation | undefined
}

/** A parsed role trust policy. Deeply frozen: parse again to change it. */
export interface TrustPolicy {
  /** As written; `undefined` when absent (IAM then reads it as `2008-10-17`). */
  readonly version: PolicyVersion | undefined
  readonly id: string | undefined
  readonly statements: readonly PolicyStatement[]
  /** Whether `Statement` was written as an array (else one object). */
  readonly statementIsArray: boolean
  readonly warnings: readonly PolicyWarning[]
  /** The JSON text every location refers to (objects are serialized with 2-space indentation). */
  readonly source: string
}
