/**
 * "What to change": for a denied request, the concrete edits (to the policy or the workflow) that
 * would let it through — or, for an explicit deny, which statement is in the way.
 */
import type {
  ConditionEvaluation,
  PolicyEvaluation,
  StatementEvaluation,
} from '../aws/policy/evaluation.js'
import { closestAllow, label } from '../aws/policy/evaluate.js'
import { parseOperatorName } from '../aws/policy/operator-names.js'
import { quote } from '../aws/policy/quote.js'
import { SOURCES } from '../aws/oidc/sources.js'
import { subjectShape } from './diagnoses-subject.js'

/** Where a location is, for a person: `line 13, column 11`. */
export function where(location: { line: number; column: number }): string {
  return `line ${location.line}, column ${location.column}`
}

/**
 * The changes that would turn this decision into Allow (empty when it already is).
 *
 * @example
 * whatToChange(evaluateTrustPolicy(policy, context))
 * // ['The token\'s sub is "repo:o/r:pull_request" but the policy wants "repo:o/r:ref:refs/heads/main" (…)', …]
 */
export function whatToChange(evaluation: PolicyEvaluation): string[] {
  if (evaluation.decision === 'Allow') return []
  const out: string[] = []
  const decisions = [
    {
      action: evaluation.action,
      statements: evaluation.statements,
      why: undefined as string | undefined,
    },
    ...evaluation.additionalActions.map((a) => ({
      action: a.action,
      statements: a.statements,
      why: a.why,
    })),
  ]
  for (const d of decisions) {
    const deny = d.statements.find((s) => s.applies && s.effect === 'Deny')
    if (deny) {
      out.push(
        `${label(deny)} (Deny, ${where(deny.location)}) matches this request for ${d.action}; change its conditions or remove it — no Allow can override an explicit Deny.`,
      )
      continue
    }
    if (d.statements.some((s) => s.applies && s.effect === 'Allow')) continue
    const allows = d.statements.filter((s) => s.effect === 'Allow')
    if (allows.length === 0) {
      out.push(`Add an Allow statement for ${d.action}; the policy has none.`)
      continue
    }
    out.push(...statementHints(closestAllow(allows), d.action, d.why))
  }
  return [...new Set(out)] // an extra action's statements repeat the main action's condition hints
}

function statementHints(s: StatementEvaluation, action: string, why?: string): string[] {
  const out: string[] = []
  if (!s.principal.matched) {
    out.push(
      `${s.principal.reason}: name the token's provider in ${s.principal.location.path} (${where(s.principal.location)}).`,
    )
  }
  if (!s.action.matched) {
    const because = why ? `: ${why.charAt(0).toLowerCase()}${why.slice(1)}` : ''
    out.push(
      `Add "${action}" to ${s.action.location.path} (${where(s.action.location)})${because}.`,
    )
  }
  for (const c of s.conditions) if (!c.matched) out.push(conditionHint(c))
  return out
}

/** `sub` for `token.actions.githubusercontent.com:sub`. */
function shortName(key: string): string {
  const colon = key.lastIndexOf(':')
  return colon === -1 ? key : key.slice(colon + 1)
}

function conditionHint(c: ConditionEvaluation): string {
  const at = `${c.location.path}, ${where(c.location)}`
  if (!c.present) {
    const fix = c.absentReason?.startsWith('AWS never fills')
      ? ' Test a key AWS does fill (…:sub, …:repository_id, …:ref, …:job_workflow_ref…) instead.'
      : ''
    return `${c.key} is absent from the request: ${c.absentReason ?? 'no such key'} (${at}).${fix}`
  }
  const name = shortName(c.key)
  const ctx = Array.isArray(c.contextValue)
    ? `[${c.contextValue.map(quote).join(', ')}]`
    : quote(c.contextValue ?? '')
  const wanted = c.values.map((v) => quote(v.resolved ?? v.value))
  const list = wanted.length === 1 ? wanted[0]! : `one of ${wanted.join(', ')}`
  const read = parseOperatorName(c.operator)
  if (read.ok && read.spec.negated) {
    return `The token's ${name} is ${ctx}, which ${c.operator} excludes (${at}).`
  }
  let hint = `The token's ${name} is ${ctx} but the policy wants ${list} (${c.operator}, ${at}).`
  hint += extraHints(c, name)
  return hint
}

/** How to run a job so its sub is one the policy names: its branch, its tag or its environment. */
function runAsNamed(values: string[]): string {
  const kinds = new Set(values.map((v) => subjectShape(v)?.kind))
  if (kinds.has('branch')) return 'on the branch the policy names'
  if (kinds.has('tag')) return 'for the tag the policy names'
  const env = environmentOnly(values)
  if (env !== undefined) return `with environment: ${env}, the environment the policy names`
  return 'the way the policy names (a push to its branch, or a job with its environment)'
}

/** The environment the policy's sub values name when they name only environments (as declared). */
function environmentOnly(values: string[]): string | undefined {
  const shapes = values.map(subjectShape)
  if (!shapes.length || shapes.some((s) => s?.kind !== 'environment')) return undefined
  return shapes[0]!.context.slice('environment:'.length).replace(/%3A/gi, ':')
}

function extraHints(c: ConditionEvaluation, name: string): string {
  const hints: string[] = []
  const ctx = typeof c.contextValue === 'string' ? c.contextValue : undefined
  const values = c.values.map((v) => v.resolved ?? v.value)
  const read = parseOperatorName(c.operator)
  const base = read.ok ? read.name.base : c.operator
  if (
    (base === 'StringEquals' || base === 'StringEqualsIgnoreCase') &&
    values.some((v) => /[*?]/.test(v))
  ) {
    hints.push(`${base} treats * and ? literally; use StringLike for a pattern.`)
  }
  if (
    ctx !== undefined &&
    base !== 'StringEqualsIgnoreCase' &&
    values.some((v) => v.toLowerCase() === ctx.toLowerCase())
  ) {
    hints.push('The values differ only in case, and this operator is case-sensitive.')
  }
  if (name === 'sub' && ctx !== undefined) {
    if (ctx.includes(':environment:') && values.every((v) => !v.includes(':environment:'))) {
      hints.push(
        'The job declares an environment, so GitHub puts environment:NAME in sub instead of the ref (https://github.com/github/docs/issues/28292); match the environment sub, or test …:ref and …:environment separately.',
      )
    } else if (nameFormForIdForm(ctx, values)) {
      hints.push(
        'This repository uses immutable subjects (repo:OWNER@OWNER_ID/REPO@REPO_ID, https://docs.github.com/en/actions/reference/security/oidc) and the policy names it in the name form: write the ID form, or accept both forms of the same repository and ref while migrating — never a wildcard.',
      )
    } else if (ctx.endsWith(':pull_request')) {
      hints.push(
        `This token comes from a pull_request run; trusting it lets unreviewed code assume the role, so prefer running the job ${runAsNamed(values)}.`,
      )
    } else if (subjectShape(ctx)?.kind !== 'environment' && environmentOnly(values)) {
      hints.push(
        `The policy trusts jobs that declare an environment: GitHub puts environment:NAME in their sub instead of the ref (${SOURCES.githubOidc}). Add environment: ${environmentOnly(values)} to the job that needs the role rather than trusting this run's sub, which would skip the environment's protection rules.`,
      )
    } else {
      hints.push(
        "Either run the workflow so its sub matches, or add the token's value to the policy if that run should be trusted.",
      )
    }
  }
  if (name === 'aud' && ctx !== undefined) {
    hints.push(
      'The audience is chosen by the job (aws-actions/configure-aws-credentials asks for sts.amazonaws.com unless told otherwise); make the two agree.',
    )
  }
  return hints.length ? ` ${hints.join(' ')}` : ''
}

/** The token's sub is in the immutable ID form and a policy value names the same repository by name. */
function nameFormForIdForm(sub: string, values: readonly string[]): boolean {
  const token = subjectShape(sub)
  if (!token?.ownerId) return false
  return values.some((v) => {
    const shape = subjectShape(v)
    return !!shape && !shape.ownerId && shape.owner === token.owner && shape.repo === token.repo
  })
}
