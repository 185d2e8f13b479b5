/**
 * `explainEvaluation`: a trust-policy evaluation as plain-text lines a person reads — the
 * decision, each statement with ✓/✗ for its principal, action and every condition, the values
 * compared, and what to change. Used by `trustwalk explain` and the site's ExplainFailure.
 */
import type {
  ConditionEvaluation,
  ElementMatch,
  PolicyEvaluation,
  StatementEvaluation,
} from '../aws/policy/evaluation.js'
import { whatToChange, where } from './what-to-change.js'
import { parseOperatorName } from '../aws/policy/operator-names.js'
import { quote } from '../aws/policy/quote.js'

export interface ExplainOptions {
  /** Use `+`/`x` instead of ✓/✗ (for terminals without Unicode). */
  ascii?: boolean
}

/**
 * Lines explaining an evaluation (no trailing newlines, no colour).
 *
 * @example
 * console.log(explainEvaluation(evaluateTrustPolicy(policy, context)).join('\n'))
 * // Decision: ImplicitDeny
 * // Implicitly denied: Statement[0] fails StringEquals token.actions.githubusercontent.com:sub: …
 * //
 * // Statement[0] (Allow, line 4, column 5): does not apply
 * //   ✓ Principal: Federated arn:aws:iam::123456789012:oidc-provider/… is this token's provider
 * //   ✓ Action "sts:AssumeRoleWithWebIdentity" covers sts:AssumeRoleWithWebIdentity
 * //   ✗ StringEquals token.actions.githubusercontent.com:sub (line 13, column 11)
 * //       request: "repo:octo-org/octo-repo:pull_request"
 * //       policy:  ✗ "repo:octo-org/octo-repo:ref:refs/heads/main"
 * // …
 */
export function explainEvaluation(
  evaluation: PolicyEvaluation,
  options: ExplainOptions = {},
): string[] {
  const [yes, no] = options.ascii ? ['+', 'x'] : ['✓', '✗']
  const mark = (ok: boolean): string => (ok ? yes : no)
  const lines: string[] = [`Decision: ${evaluation.decision}`, evaluation.reason, '']
  if (evaluation.action !== 'sts:AssumeRoleWithWebIdentity')
    lines.splice(1, 0, `Action: ${evaluation.action}`)

  for (const s of evaluation.statements) lines.push(...statementLines(s, mark), '')

  if (evaluation.additionalActions.length) {
    lines.push('Also needed:')
    for (const a of evaluation.additionalActions) {
      lines.push(
        `  ${mark(a.decision === 'Allow')} ${a.action}: ${a.reason}`,
        `      why: ${a.why}`,
      )
      const actionLines = a.statements
        .filter((s) => s.principal.matched && s.conditionsMatched)
        .map((s) => `      ${mark(s.action.matched)} ${s.location.path}: ${s.action.reason}`)
      lines.push(...actionLines)
    }
    lines.push('')
  }

  const changes = whatToChange(evaluation)
  if (changes.length) {
    lines.push('What to change:')
    for (const c of changes) lines.push(`  - ${c}`)
    lines.push('')
  }
  if (evaluation.notes.length) {
    lines.push('Notes:')
    for (const n of evaluation.notes) lines.push(`  - ${n}`)
    lines.push('')
  }
  if (evaluation.warnings.length) {
    lines.push('Policy warnings:')
    for (const w of evaluation.warnings) {
      const first = w.firstLocation ? ` (first at ${where(w.firstLocation)})` : ''
      lines.push(`  - ${where(w.location)}${first}: ${w.message}`)
    }
    lines.push('')
  }
  while (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function statementLines(s: StatementEvaluation, mark: (ok: boolean) => string): string[] {
  const sid = s.sid !== undefined ? ` Sid ${quote(s.sid)},` : ''
  const verdict = s.applies ? (s.effect === 'Allow' ? 'allows' : 'denies') : 'does not apply'
  const lines = [`${s.location.path} (${s.effect},${sid} ${where(s.location)}): ${verdict}`]
  lines.push(elementLine(s.principal, mark), elementLine(s.action, mark))
  if (s.conditions.length === 0) lines.push(`  ${mark(true)} no conditions`)
  for (const c of s.conditions) lines.push(...conditionLines(c, mark))
  return lines
}

function elementLine(e: ElementMatch, mark: (ok: boolean) => string): string {
  return `  ${mark(e.matched)} ${e.reason}`
}

function conditionLines(c: ConditionEvaluation, mark: (ok: boolean) => string): string[] {
  const lines = [`  ${mark(c.matched)} ${c.operator} ${c.key} (${where(c.location)})`]
  if (!c.present) {
    lines.push(`      request: absent — ${c.absentReason ?? 'no such key'}`)
  } else if (Array.isArray(c.contextValue)) {
    lines.push(`      request: [${c.contextValue.map(quote).join(', ')}]`)
  } else {
    lines.push(`      request: ${quote(c.contextValue ?? '')}`)
  }
  const read = parseOperatorName(c.operator)
  const negated = read.ok && read.spec.negated
  c.values.forEach((v, i) => {
    const resolved = v.resolved !== undefined ? ` → ${quote(v.resolved)}` : ''
    const problem = v.problem ? ` (${v.problem})` : ''
    // For a negated operator a value that matches the request is what makes the condition fail.
    const ok = negated ? !v.matched : v.matched
    lines.push(
      `      ${i === 0 ? 'policy: ' : '        '} ${mark(ok)} ${quote(v.value)}${resolved}${problem}`,
    )
  })
  if (c.values.length === 0) lines.push('      policy:  (no values)')
  const subtle =
    !c.present ||
    negated ||
    (read.ok &&
      (read.name.qualifier !== undefined || read.name.ifExists || read.spec.family === 'Null'))
  if (subtle) lines.push(`      → ${c.reason}`)
  return lines
}
