/**
 * `evaluateTrustPolicy`: IAM's decision for a role trust policy and a request context, explained.
 * Default deny; an Allow statement whose principal, action and conditions all match allows; a
 * matching Deny statement wins over every Allow
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * A token with session tags also needs `sts:TagSession`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html), one with a source
 * identity `sts:SetSourceIdentity`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
 */
import { compiledPolicyFor } from './compile.js'
import type { CompiledStatement } from './compile.js'
import { evaluateClause } from './conditions.js'
import { ContextIndex } from './context-index.js'
import type { RequestContext } from './context.js'
import type {
  ActionDecision,
  AdditionalActionDecision,
  ConditionEvaluation,
  ElementMatch,
  PolicyEvaluation,
  StatementEvaluation,
} from './evaluation.js'
import type { TrustPolicy } from './model.js'
import { quote } from './quote.js'
import { matchAction, matchPrincipal } from './statement-match.js'

export interface EvaluateOptions {
  /** The action asked for; default `sts:AssumeRoleWithWebIdentity`. */
  action?: string
}

export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity'

/** The action-independent part of a statement's evaluation. */
interface Prepared {
  compiled: CompiledStatement
  principal: ElementMatch
  conditions: ConditionEvaluation[]
  conditionsMatched: boolean
}

/**
 * Evaluate a role trust policy (text, object or parsed `TrustPolicy`) against a request context.
 * Never throws for a context; throws `PolicyDocumentError` when the policy cannot be parsed.
 *
 * @example
 * const result = evaluateTrustPolicy(policyJson, requestContextFromToken(claims, provider))
 * result.decision // 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'
 * result.reason   // e.g. 'Implicitly denied: Statement[0] fails StringEquals token.actions.githubusercontent.com:sub: …'
 */
export function evaluateTrustPolicy(
  policy: string | object | TrustPolicy,
  context: RequestContext,
  options: EvaluateOptions = {},
): PolicyEvaluation {
  const compiled = compiledPolicyFor(policy)
  const index = new ContextIndex(context)
  const action = options.action ?? ASSUME_ROLE_WITH_WEB_IDENTITY
  const partials: Prepared[] = compiled.statements.map((s) => {
    const conditions = s.clauses.map((c) => evaluateClause(c, index))
    return {
      compiled: s,
      principal: matchPrincipal(s.statement.principal, index),
      conditions,
      conditionsMatched: conditions.every((c) => c.matched),
    }
  })
  const main = decide(action, partials)
  const additionalActions: AdditionalActionDecision[] = []
  const notes: string[] = []
  for (const extra of requiredActions(index)) {
    if (extra.action.toLowerCase() === action.toLowerCase()) continue
    additionalActions.push({ ...decide(extra.action, partials), why: extra.why })
    notes.push(`${extra.why}, so the request also needs ${extra.action} (${extra.source}).`)
  }
  if (index.get('aws:FederatedProvider') === undefined) {
    notes.push(
      'The request context has no aws:FederatedProvider, so no Federated principal can match.',
    )
  }
  if (compiled.policy.version !== '2012-10-17' && compiled.policy.source.includes('${')) {
    notes.push(
      'The policy has no "Version": "2012-10-17", so ${…} in it is plain text, not a policy variable.',
    )
  }
  const all: ActionDecision[] = [main, ...additionalActions]
  const deciding =
    all.find((d) => d.decision === 'ExplicitDeny') ?? all.find((d) => d.decision === 'ImplicitDeny')
  let reason = main.reason
  if (deciding && deciding !== main) {
    const why = (deciding as AdditionalActionDecision).why
    reason = `${action} is allowed, but ${lowerFirst(why)}, and ${lowerFirst(deciding.reason)}`
  }
  return {
    decision: deciding?.decision ?? 'Allow',
    reason,
    action,
    mainDecision: main.decision,
    statements: main.statements,
    additionalActions,
    notes,
    warnings: [...compiled.policy.warnings],
  }
}

function requiredActions(index: ContextIndex): { action: string; why: string; source: string }[] {
  const out: { action: string; why: string; source: string }[] = []
  const tags = index.get('aws:TagKeys')
  if (tags !== undefined && tags.length > 0) {
    out.push({
      action: 'sts:TagSession',
      why: 'The token carries session tags (aws:TagKeys)',
      source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
    })
  }
  if (index.get('sts:SourceIdentity') !== undefined) {
    out.push({
      action: 'sts:SetSourceIdentity',
      why: 'The token carries a source identity (sts:SourceIdentity)',
      source:
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
    })
  }
  return out
}

function decide(action: string, partials: Prepared[]): ActionDecision {
  const statements = partials.map((p) => statementFor(action, p))
  const deny = statements.find((s) => s.applies && s.effect === 'Deny')
  if (deny) {
    return {
      action,
      decision: 'ExplicitDeny',
      reason: `Explicitly denied: ${label(deny)} denies ${action} for this request, and an explicit Deny overrides every Allow`,
      statements,
    }
  }
  const allow = statements.find((s) => s.applies && s.effect === 'Allow')
  if (allow) {
    return {
      action,
      decision: 'Allow',
      reason: `Allowed: ${label(allow)} allows ${action} for this request`,
      statements,
    }
  }
  return {
    action,
    decision: 'ImplicitDeny',
    reason: implicitDenyReason(action, statements),
    statements,
  }
}

function statementFor(action: string, p: Prepared): StatementEvaluation {
  const s = p.compiled.statement
  const actionMatch = matchAction(p.compiled.action, action)
  const applies = p.principal.matched && actionMatch.matched && p.conditionsMatched
  const failing: string[] = []
  if (!p.principal.matched) failing.push(p.principal.reason)
  if (!actionMatch.matched) failing.push(actionMatch.reason)
  for (const c of p.conditions)
    if (!c.matched) failing.push(`${c.operator} ${c.key} fails: ${c.reason}`)
  const out: StatementEvaluation = {
    index: s.index,
    effect: s.effect,
    location: s.location,
    principal: p.principal,
    action: actionMatch,
    conditions: p.conditions,
    conditionsMatched: p.conditionsMatched,
    applies,
    reason: '',
  }
  if (s.sid !== undefined) out.sid = s.sid
  out.reason = applies
    ? `${label(out)} ${s.effect === 'Allow' ? 'allows' : 'denies'} ${action}: principal, action and ${p.conditions.length === 1 ? 'the condition' : `all ${p.conditions.length} conditions`} match`
    : `${label(out)} does not apply: ${failing.join('; ')}`
  return out
}

/** The Allow statement that came closest, and its first failing part. */
function implicitDenyReason(action: string, statements: StatementEvaluation[]): string {
  const allows = statements.filter((s) => s.effect === 'Allow')
  if (allows.length === 0)
    return `Implicitly denied: the policy has no Allow statement, so nothing allows ${action}`
  const best = closestAllow(allows)
  if (!best.principal.matched) {
    return `Implicitly denied: no Allow statement names this caller — ${lowerFirst(best.principal.reason)}`
  }
  if (!best.action.matched) {
    return `Implicitly denied: no Allow statement names ${action} — ${lowerFirst(best.action.reason)}`
  }
  const failed = best.conditions.find((c) => !c.matched)!
  return `Implicitly denied: ${label(best)} fails ${failed.operator} ${failed.key}: ${failed.reason}`
}

/** Principal first, then action, then the fewest failing conditions. */
export function closestAllow(allows: StatementEvaluation[]): StatementEvaluation {
  const score = (s: StatementEvaluation): number =>
    (s.principal.matched ? 0 : 1e6) +
    (s.action.matched ? 0 : 1e3) +
    s.conditions.filter((c) => !c.matched).length
  return allows.reduce((a, b) => (score(b) < score(a) ? b : a))
}

/** `Statement[0] (Sid "Deploy")`. */
export function label(s: { location: { path: string }; sid?: string }): string {
  return s.sid !== undefined ? `${s.location.path} (Sid ${quote(s.sid)})` : s.location.path
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
