/**
 * The auditor's bounds. Its work grows with the policy — statements read for the intended run,
 * wildcard values filled with attacker text, attacker runs evaluated (each evaluation reads every
 * condition value) — so hostile or machine-made policies (thousands of values, hundreds of
 * statements, thousands of wildcards) could take minutes and gigabytes. Each kind of work has a
 * limit; what was left out is recorded, and the audit then says so in one `too-complex` finding
 * ("here is what was checked", too-complex.ts) instead of hanging.
 *
 * The limits sit far above any trust policy IAM stores (a role trust policy is at most 2,048
 * characters by default, 4,096 raised:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), so a real policy is
 * always audited exhaustively.
 */
import type { TrustPolicy } from '../aws/policy/model.js'

/** How much work one audit may do. */
export const AUDIT_LIMITS = {
  /** Allow statements whose values are read to find the intended run. */
  statements: 32,
  /** Wildcard values filled with attacker text (the loosest first when there are more). */
  patternValues: 64,
  /** Wildcards in one value (a run of `*` counts once); a value with more is not filled. */
  wildcards: 12,
  /** Filled values built, over all wildcard values. */
  fills: 6000,
  /** Attacker runs evaluated. */
  attacks: 1500,
  /**
   * Attacker runs × the cost of one evaluation (`evaluationCost`): the engine reads every
   * statement, condition and value for every run. About a second of evaluation on a laptop.
   */
  evaluationCost: 3_000_000,
  /** Findings with a counterexample (the most severe first); each is proven by a walk. */
  exploitFindings: 12,
  /**
   * Findings with a counterexample × policy length: proving one walks it through STS, which
   * reads the whole policy again (about a second for this many characters).
   */
  provenText: 600_000,
} as const

/**
 * How many findings with a counterexample an audit of `policy` lists.
 *
 * @example
 * exploitLimit(parseTrustPolicy(policy)) // 12 for any policy IAM would store
 */
export function exploitLimit(policy: TrustPolicy): number {
  const perProof = Math.max(1, policy.source.length)
  return Math.max(
    1,
    Math.min(AUDIT_LIMITS.exploitFindings, Math.floor(AUDIT_LIMITS.provenText / perProof)),
  )
}

/** What an audit checked, against what there was: the content of a `too-complex` finding. */
export interface AuditCoverage {
  statements: { total: number; read: number }
  patternValues: { total: number; filled: number }
  /** Values filled at their first wildcard only, having more than `AUDIT_LIMITS.wildcards`. */
  tooManyWildcards: number
  /** Whether the fills of some value were cut short by `AUDIT_LIMITS.fills`. */
  fillsCut: boolean
  attacks: { built: number; tried: number }
  exploitFindings: { found: number; listed: number }
}

/**
 * A fresh coverage record for a policy.
 *
 * @example
 * newCoverage(parseTrustPolicy(policy)).statements.total // number of statements
 */
export function newCoverage(policy: TrustPolicy): AuditCoverage {
  return {
    statements: { total: policy.statements.length, read: policy.statements.length },
    patternValues: { total: 0, filled: 0 },
    tooManyWildcards: 0,
    fillsCut: false,
    attacks: { built: 0, tried: 0 },
    exploitFindings: { found: 0, listed: 0 },
  }
}

/**
 * The number of wildcards in a value, a run of `*` counted once (it matches what one `*` does).
 *
 * @example
 * wildcardCount('repo:acme/***:ref:?') // 2
 */
export function wildcardCount(value: string): number {
  return (value.replace(/\*+/g, '*').match(/[*?]/g) ?? []).length
}

/**
 * What one evaluation of the policy costs, in units of one condition value read: each statement
 * and each condition costs about as much as 25–30 values (measured on the engine).
 *
 * @example
 * evaluationCost(parseTrustPolicy(policy)) // 2 values + 2 conditions + 1 statement = 57
 */
export function evaluationCost(policy: TrustPolicy): number {
  let cost = 30 * policy.statements.length
  for (const s of policy.statements) for (const c of s.conditions) cost += 25 + c.values.length
  return cost
}

/**
 * How many attacker runs a policy may be tried against.
 *
 * @example
 * attackLimit(parseTrustPolicy(policy)) // 1500 for any policy IAM would store
 */
export function attackLimit(policy: TrustPolicy): number {
  const perRun = Math.max(1, evaluationCost(policy))
  return Math.max(
    1,
    Math.min(AUDIT_LIMITS.attacks, Math.floor(AUDIT_LIMITS.evaluationCost / perRun)),
  )
}

/**
 * Whether the audit left something out.
 *
 * @example
 * isComplete(coverage) // true for any policy IAM would store
 */
export function isComplete(c: AuditCoverage): boolean {
  return (
    c.statements.read === c.statements.total &&
    c.patternValues.filled === c.patternValues.total &&
    c.tooManyWildcards === 0 &&
    !c.fillsCut &&
    c.attacks.tried === c.attacks.built &&
    c.exploitFindings.listed === c.exploitFindings.found
  )
}
