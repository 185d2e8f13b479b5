/**
 * Turning a proven cause (an attacker run the engine allowed, and the condition that let it in)
 * into a `Finding`: title, explanation naming the statement, operator, key and values, the
 * counterexample, and the fix.
 */
import type { AttackClass, Cause } from './attribute.js'
import { CLASS_SEVERITY } from './attribute.js'
import type { Baseline } from './baseline.js'
import { findingRule } from './catalogue.js'
import type { AuditContext, RunSetup } from './context.js'
import { claimsFor, providerSuffix } from './context.js'
import { exploitFix } from './fix.js'
import { runRef } from './runs.js'
import { contextOf, q, repoOf } from './text.js'
import { severityRank } from './types.js'
import type { Counterexample, Finding, IntendedScope, Severity } from './types.js'
import { label } from '../aws/policy/evaluate.js'

/**
 * The severity of a cause proven by a run of class `cls`, judged against the intended scope.
 *
 * @example
 * severityFor(cause, 'foreign-owner', undefined) // 'critical'
 */
export function severityFor(
  cause: Cause,
  cls: AttackClass,
  intended: IntendedScope | undefined,
): Severity {
  let s = CLASS_SEVERITY[cls]
  // Only the reusable workflow's own steps run for a foreign caller, with the caller's inputs.
  if (cause.id === 'reusable-workflow-any-caller' && s === 'critical') s = 'high'
  // Only the owner's repositories can call it: the reach of an organisation, not of GitHub.
  if (cause.id === 'reusable-workflow-owner-callers' && severityRank(s) < severityRank('medium'))
    s = 'medium'
  if (intended?.repository?.endsWith('/*') && cls === 'other-repository') s = 'info'
  if (intended?.pullRequests && cls === 'pull-request') s = 'info'
  return s
}

/**
 * One sentence: who the attacker is.
 *
 * @example
 * describeAttacker('other-repository', attack, baseline) // 'another repository of the same owner, acme/exploit'
 */
export function describeAttacker(cls: AttackClass, a: RunSetup, b: RunSetup): string {
  const r = a.run
  switch (cls) {
    case 'foreign-owner':
      return r.reusableWorkflow && b.run.reusableWorkflow
        ? `a workflow in ${repoOf(a)} (another account) that calls ${r.reusableWorkflow.repository}/${r.reusableWorkflow.path}@${r.reusableWorkflow.ref}`
        : `a workflow in ${repoOf(a)}, a repository of another account (${r.owner})${a.subjectTemplate ? ' with a custom sub template' : ''}`
    case 'recycled-name':
      return `a new account that registered the recycled name ${r.owner} (owner id ${r.ownerId}, repository id ${r.repoId}) and re-created ${repoOf(a)}`
    case 'other-repository':
      return `another repository of the same owner, ${repoOf(a)}`
    case 'environment-missing':
      return `a job in ${repoOf(a)} on ${runRef(r)} that declares no environment`
    case 'pull-request-target':
      return `a pull_request_target run in ${repoOf(a)} (on ${runRef(r)}) triggered by ${r.actor}'s pull request from a fork`
    case 'pull-request':
      return `a pull_request run in ${repoOf(a)} from the branch ${r.headRef ?? ''} by ${r.actor}, running code nobody has reviewed`
    case 'other-environment':
      return `a job in ${repoOf(a)} using ${contextOf(a)}`
    case 'environment-other-branch':
      return `a job in ${repoOf(a)} on ${runRef(r)} that declares the environment ${q(r.environment ?? '')}`
    case 'other-ref':
      return `a run of ${repoOf(a)} on ${runRef(r)}, which anyone with write access can push`
    case 'moved-reusable-workflow':
      return `a run calling ${r.reusableWorkflow!.repository}/${r.reusableWorkflow!.path}@${r.reusableWorkflow!.ref} after that ref was moved to commit ${r.reusableWorkflow!.sha}`
    case 'other-workflow':
      return `a run of another workflow (${String(r.reusableWorkflow ? `${r.reusableWorkflow.repository}/${r.reusableWorkflow.path}` : r.workflowFile)}) in ${repoOf(a)}`
  }
}

function detail(ctx: AuditContext, cause: Cause, claims: Record<string, unknown>): string {
  const s = label(cause.statement)
  const c = cause.condition
  if (!c) {
    const keys = cause.statement.conditions.map((x) => x.key)
    return keys.length === 0
      ? `${s} has no Condition at all.`
      : `${s} tests only ${keys.join(', ')}.`
  }
  const suffix = providerSuffix(ctx, c.key)
  const actual = suffix !== undefined ? claims[suffix] : undefined
  if (!c.present)
    return `In ${s}, ${c.operator} ${c.key} holds because the key is absent: ${c.absentReason ?? 'the request has no such key'}.`
  if (cause.id === 'negated-operator') {
    return `In ${s}, ${c.operator} ${c.key} excludes only ${c.values.map((v) => q(v.value)).join(', ')}; ${q(String(actual))} is not among them.`
  }
  const list =
    cause.id === 'loose-value-in-list'
      ? ` That value alone means: ${findingRule(cause.shape!).title.toLowerCase()}.`
      : ''
  return `In ${s}, the value ${q(cause.value ?? '')} of ${c.operator} ${c.key} matches ${q(String(actual))}.${list}`
}

/**
 * The finding for one cause, with its counterexample and fix.
 *
 * @example
 * exploitFinding(ctx, baseline, cause, 'other-repository', attack, 'high').counterexample?.decision // 'Allow'
 */
export function exploitFinding(
  ctx: AuditContext,
  baseline: Baseline,
  cause: Cause,
  cls: AttackClass,
  attack: RunSetup,
  severity: Severity,
): Finding {
  const rule = findingRule(cause.id)
  const claims = claimsFor(ctx, attack)
  const attacker = describeAttacker(cls, attack, baseline)
  const counterexample: Counterexample = {
    run: attack.run,
    claims,
    audience: attack.audience,
    ...(attack.subjectTemplate ? { subjectTemplate: attack.subjectTemplate } : {}),
    attacker,
    decision: 'Allow',
  }
  const fix = exploitFix(ctx, baseline, cause)
  const title =
    cause.id === 'loose-value-in-list' && cause.shape
      ? `${rule.title} (${findingRule(cause.shape).title.toLowerCase()})`
      : rule.title
  return {
    id: cause.id,
    severity,
    title,
    explanation: `${rule.summary} ${detail(ctx, cause, claims)} trustwalk built a token for ${attacker} (sub ${q(String(claims.sub))}) and the policy engine allows it.`,
    location: {
      path: cause.location.path,
      line: cause.location.line,
      column: cause.location.column,
    },
    fix: fix.snippet,
    references: rule.references,
    counterexample,
    ...(fix.fixedPolicy ? { fixedPolicy: fix.fixedPolicy } : {}),
  }
}
