/**
 * Why an attacker run got in. First, what kind of run it is compared with the baseline (another
 * owner, another repository, another branch…); then, in each Allow statement that let it in, which
 * condition should have stopped it and why it did not — no condition on that part of the run, a
 * wildcard value, a negated operator, or an `IfExists`/`ForAllValues` test of an absent key.
 */
import type { AuditContext, RunSetup } from './context.js'
import { providerSuffix } from './context.js'
import { runRef } from './runs.js'
import { hasWildcard, literalPrefix } from './subject.js'
import type { FindingId, Severity } from './types.js'
import type {
  ConditionEvaluation,
  PolicyEvaluation,
  StatementEvaluation,
} from '../aws/policy/evaluation.js'
import { GITHUB_CONDITION_CLAIMS, OIDC_CONDITION_CLAIMS } from '../aws/policy/github-keys.js'
import type { ConditionClause, PolicyStatement } from '../aws/policy/model.js'
import { OPERATORS } from '../aws/policy/operator-names.js'
import type { SourceLocation } from '../aws/policy/policy-error.js'

/** How an attacker run differs from the baseline. */
export type AttackClass =
  | 'foreign-owner'
  | 'recycled-name'
  | 'other-repository'
  | 'environment-missing'
  | 'pull-request-target'
  | 'pull-request'
  | 'other-environment'
  | 'environment-other-branch'
  | 'other-ref'
  | 'moved-reusable-workflow'
  | 'other-workflow'

/** What a run of each class can reach, as a severity. */
export const CLASS_SEVERITY: Record<AttackClass, Severity> = {
  'foreign-owner': 'critical',
  'other-repository': 'high',
  'recycled-name': 'medium',
  'environment-missing': 'medium',
  'pull-request': 'medium',
  'other-environment': 'medium',
  'other-ref': 'medium',
  'moved-reusable-workflow': 'medium',
  'other-workflow': 'medium',
  'pull-request-target': 'low',
  'environment-other-branch': 'low',
}

type Dimension = 'owner' | 'repo' | 'ids' | 'context' | 'workflow'

const DIMENSION: Record<AttackClass, Dimension> = {
  'foreign-owner': 'owner',
  'recycled-name': 'ids',
  'other-repository': 'repo',
  'environment-missing': 'context',
  'pull-request-target': 'context',
  'pull-request': 'context',
  'other-environment': 'context',
  'environment-other-branch': 'context',
  'other-ref': 'context',
  'moved-reusable-workflow': 'workflow',
  'other-workflow': 'workflow',
}

/** Classes whose runs carry the very same identity as the baseline: one finding id each. */
const SAME_IDENTITY: Partial<Record<AttackClass, FindingId>> = {
  'recycled-name': 'name-based-subject',
  'moved-reusable-workflow': 'tag-pinned-reusable-workflow',
  'pull-request-target': 'pull-request-target',
  'environment-other-branch': 'unprotected-environment',
}

/** Claims an attacker sets for their own runs (a custom `sub` template may start with them). */
const ATTACKER_SET = new Set([
  'workflow',
  'actor',
  'environment',
  'ref',
  'event_name',
  'head_ref',
  'base_ref',
  'context',
  'runner_environment',
  'repository_visibility',
  'ref_type',
])

/**
 * How `a` differs from the baseline `b`, or `undefined` when it is the same scope.
 *
 * @example
 * classify(runOf('mallory-org/app'), baseline) // 'foreign-owner'
 */
export function classify(a: RunSetup, b: RunSetup): AttackClass | undefined {
  const x = a.run
  const y = b.run
  if (x.owner.toLowerCase() !== y.owner.toLowerCase()) return 'foreign-owner'
  if (x.ownerId !== y.ownerId) return 'recycled-name'
  if (x.repo.toLowerCase() !== y.repo.toLowerCase()) return 'other-repository'
  if (x.repoId !== y.repoId) return undefined // the owner re-created its own repository
  if (y.environment !== undefined && x.environment === undefined) return 'environment-missing'
  if (y.environment !== undefined && x.environment === y.environment && runRef(x) !== runRef(y)) {
    return 'environment-other-branch'
  }
  if (x.event === 'pull_request_target' && y.event !== 'pull_request_target')
    return 'pull-request-target'
  if (
    x.event === 'pull_request' &&
    (y.event !== 'pull_request' || x.actor !== y.actor || x.headRef !== y.headRef)
  ) {
    return 'pull-request'
  }
  if (x.environment !== y.environment) return 'other-environment'
  if (runRef(x) !== runRef(y)) return 'other-ref'
  const wx = x.reusableWorkflow
  const wy = y.reusableWorkflow
  if (wx && wy && wx.repository === wy.repository && wx.path === wy.path && wx.ref === wy.ref) {
    return wx.sha !== wy.sha ? 'moved-reusable-workflow' : undefined
  }
  if (
    JSON.stringify(wx) !== JSON.stringify(wy) ||
    (x.workflowFile ?? '') !== (y.workflowFile ?? '')
  )
    return 'other-workflow'
  return undefined
}

/** One reason a run got in, at one place in the policy. */
export interface Cause {
  id: FindingId
  location: SourceLocation
  statement: StatementEvaluation
  /** The clause involved, if any. */
  condition?: ConditionEvaluation
  /** The value that matched, for wildcard and literal causes. */
  value?: string
  /** For `loose-value-in-list`: what the loose value is. */
  shape?: FindingId
}

const KNOWN = new Set([...OIDC_CONDITION_CLAIMS, ...GITHUB_CONDITION_CLAIMS, 'oaud'])

function covers(ctx: AuditContext, key: string, dim: Dimension, reusable: boolean): boolean {
  const suffix = providerSuffix(ctx, key)
  if (suffix === undefined) {
    const colon = key.indexOf(':')
    return colon > 0 && key.slice(0, colon).includes('.') // another provider's key: always absent
  }
  if (!KNOWN.has(suffix)) return true // unknown or never filled: always absent, intent unclear
  switch (suffix) {
    case 'sub':
      return dim !== 'workflow'
    case 'repository':
    case 'repository_id':
      return dim === 'owner' || dim === 'repo' || dim === 'ids'
    case 'repository_owner_id':
    case 'enterprise_id':
      return dim === 'owner' || dim === 'ids'
    case 'ref':
    case 'environment':
      return dim === 'context'
    case 'job_workflow_ref':
      return dim === 'workflow' || !reusable
    default:
      return false
  }
}

/**
 * The causes behind an allowed attacker run, in every Allow statement that let it in.
 *
 * @example
 * attribute(ctx, evaluateSetup(ctx, attack), 'other-repository', baseline)[0]?.id // 'organization-wide'
 */
export function attribute(
  ctx: AuditContext,
  evaluation: PolicyEvaluation,
  cls: AttackClass,
  baseline: RunSetup,
): Cause[] {
  const causes: Cause[] = []
  for (const s of evaluation.statements) {
    if (s.effect !== 'Allow' || !s.applies) continue
    const statement = ctx.policy.statements[s.index]!
    causes.push(...statementCauses(ctx, s, statement, cls, baseline))
  }
  return causes
}

function statementCauses(
  ctx: AuditContext,
  s: StatementEvaluation,
  statement: PolicyStatement,
  cls: AttackClass,
  baseline: RunSetup,
): Cause[] {
  const dim = DIMENSION[cls]
  const reusable = baseline.run.reusableWorkflow !== undefined
  const guards = s.conditions
    .map((c, i) => ({ c, clause: statement.conditions[i]! }))
    .filter(({ c }) => covers(ctx, c.key, dim, reusable))
  const where = statement.conditionLocation ?? statement.location
  if (guards.length === 0)
    return [{ id: missingId(ctx, s, cls, reusable), location: where, statement: s }]
  const causes: Cause[] = []
  // A run with the baseline's very identity is let in by that identity, not by an open clause;
  // only the other classes look for negated/IfExists/ForAllValues clauses.
  const fixed = SAME_IDENTITY[cls]
  for (const { c, clause } of fixed ? [] : guards) {
    const open = openCause(c, clause)
    if (open) causes.push({ id: open, location: c.location, statement: s, condition: c })
  }
  for (const { c, clause } of guards) {
    const spec = OPERATORS.get(clause.operator.base)
    for (const v of c.values.filter((x) => x.matched)) {
      const suffix = providerSuffix(ctx, c.key) ?? ''
      if (fixed)
        return [{ id: fixed, location: v.location, statement: s, condition: c, value: v.value }]
      if (spec?.wildcards && hasWildcard(v.value)) {
        const shape = shapeOf(suffix, v.value)
        const loose = c.values.length > 1 && c.values.some((x) => !x.matched)
        causes.push({
          id: loose ? 'loose-value-in-list' : shape,
          shape,
          location: v.location,
          statement: s,
          condition: c,
          value: v.value,
        })
      } else if (cls === 'pull-request' && /(^|:)pull_request$/.test(v.value)) {
        causes.push({
          id: 'pull-request-subject',
          location: v.location,
          statement: s,
          condition: c,
          value: v.value,
        })
      } else if (cls === 'foreign-owner' && suffix === 'sub' && !v.value.startsWith('repo:')) {
        causes.push({
          id: 'attacker-controlled-claim',
          location: v.location,
          statement: s,
          condition: c,
          value: v.value,
        })
      }
    }
  }
  if (causes.length === 0 && fixed) causes.push({ id: fixed, location: where, statement: s })
  return causes
}

/** A clause that let the run through without testing it: negated, IfExists or ForAllValues. */
function openCause(c: ConditionEvaluation, clause: ConditionClause): FindingId | undefined {
  if (!c.matched) return undefined
  const spec = OPERATORS.get(clause.operator.base)
  if (!c.present) {
    if (clause.operator.qualifier === 'ForAllValues') return 'for-all-values-fail-open'
    if (clause.operator.ifExists) return 'if-exists-fail-open'
    if (spec?.negated) return 'negated-operator'
    return undefined
  }
  return spec?.negated ? 'negated-operator' : undefined
}

function missingId(
  ctx: AuditContext,
  s: StatementEvaluation,
  cls: AttackClass,
  reusable: boolean,
): FindingId {
  const dim = DIMENSION[cls]
  if (dim === 'context') return 'repository-wide'
  if (dim === 'ids') return 'name-based-subject'
  if (dim === 'workflow') return SAME_IDENTITY[cls] ?? 'repository-wide'
  const keys = s.conditions.map((c) => providerSuffix(ctx, c.key))
  if (reusable && keys.includes('job_workflow_ref'))
    // Who can call the workflow decides how far it reaches: a counterexample from another
    // repository of the same owner proves "the owner's repositories", not "any repository".
    return cls === 'other-repository'
      ? 'reusable-workflow-owner-callers'
      : 'reusable-workflow-any-caller'
  if (keys.length > 0 && keys.every((k) => k === 'aud')) return 'audience-only'
  return 'missing-subject'
}

/**
 * What a wildcard value opens, read from where its first wildcard sits.
 *
 * @example
 * shapeOf('sub', 'repo:acme*') // 'owner-prefix-wildcard'
 * shapeOf('sub', 'repo:acme/app:*') // 'repository-wide'
 */
export function shapeOf(suffix: string, value: string): FindingId {
  const prefix = literalPrefix(value)
  const owner = (rest: string, after: (tail: string) => FindingId): FindingId => {
    const slash = rest.indexOf('/')
    if (slash === -1) return rest === '' ? 'subject-wildcard' : 'owner-prefix-wildcard'
    return after(rest.slice(slash + 1))
  }
  switch (suffix) {
    case 'sub': {
      if (!prefix.startsWith('repo:')) {
        if ('repo:'.startsWith(prefix)) return 'subject-wildcard'
        const [key, value] = prefix.split(':')
        if (ATTACKER_SET.has(key!)) return 'attacker-controlled-claim'
        // A custom template that names the owner, not the repository (FACTS.md §1.5).
        if (key === 'repository_owner' || key === 'repository_owner_id') {
          if (value === undefined || value === '') return 'subject-wildcard'
          return prefix.split(':').length > 2 ? 'organization-wide' : 'owner-prefix-wildcard'
        }
        return 'subject-wildcard'
      }
      // The immutable form: a wildcard in the owner's id lets a recycled name in (FACTS.md §6 #14).
      if (/^repo:[^/:@]+@[0-9]*$/.test(prefix)) return 'name-based-subject'
      return owner(prefix.slice(5), (after) => {
        const colon = after.indexOf(':')
        if (colon === -1) return 'organization-wide'
        const tail = after.slice(colon + 1)
        if (tail.startsWith('environment:')) return 'environment-wildcard'
        if (tail.startsWith('ref:') && tail.length > 4) return 'branch-wildcard'
        return 'repository-wide'
      })
    }
    case 'repository':
      return owner(prefix, () => 'organization-wide')
    case 'job_workflow_ref':
      return owner(prefix, (after) => {
        if (!after.includes('/')) return 'organization-wide'
        return after.includes('@') ? 'branch-wildcard' : 'repository-wide'
      })
    case 'ref':
      return 'branch-wildcard'
    case 'environment':
      return 'environment-wildcard'
    case 'workflow':
    case 'actor':
      return 'attacker-controlled-claim'
    default:
      return 'subject-wildcard'
  }
}
