/**
 * `trustwalk explain` for a person: the trust-policy evaluation statement by statement with the
 * failing condition highlighted, the decision, and what to change.
 */
import type {
  ConditionEvaluation,
  PolicyEvaluation,
  StatementEvaluation,
} from '../../aws/policy/evaluation.js'
import { closestAllow, label } from '../../aws/policy/evaluate.js'
import type { Trace } from '../../handshake/trace.js'
import type { Style } from '../terminal.js'
import { showValue } from './trace-render.js'

const at = (location: { line: number }) => `line ${location.line}`

/** One condition clause: ✓/✗, operator, key, the policy's values and what the request had. */
function conditionLines(c: ConditionEvaluation, style: Style, pad: string): string[] {
  const mark = c.matched ? style.green('✓') : style.red('✗')
  const values = c.values.map((v) => showValue(v.value)).join(', ')
  const head = `${pad}${mark} ${c.operator} ${c.key} ${style.dim('∈')} [${values}]  ${style.dim(at(c.location))}`
  if (c.matched) return [head]
  const had = c.present ? showValue(c.contextValue) : style.yellow('(no such key in the request)')
  return [
    style.bold(head),
    `${pad}    ${style.dim('the request has:')} ${style.red(had)}`,
    `${pad}    ${style.dim(c.absentReason ?? c.reason)}`,
  ]
}

/**
 * Every statement with its principal, action and conditions, the failing parts highlighted.
 *
 * @example
 * renderEvaluation(evaluation, createStyle(false)).join('\n')
 */
export function renderEvaluation(evaluation: PolicyEvaluation, style: Style): string[] {
  const lines: string[] = []
  for (const s of evaluation.statements) {
    const verdict = s.applies
      ? s.effect === 'Allow'
        ? style.green('applies: allows')
        : style.red('applies: DENIES')
      : style.dim('does not apply')
    lines.push(`   ${style.bold(label(s))}  ${s.effect}  ${verdict}`)
    for (const element of [s.principal, s.action]) {
      const mark = element.matched ? style.green('✓') : style.red('✗')
      const text = `      ${mark} ${element.reason}`
      lines.push(element.matched ? text : style.bold(text))
    }
    for (const c of s.conditions) lines.push(...conditionLines(c, style, '      '))
  }
  for (const extra of evaluation.additionalActions) {
    const mark = extra.decision === 'Allow' ? style.green('✓') : style.red('✗')
    lines.push(
      `   ${mark} ${extra.why}: ${extra.action} is ${extra.decision === 'Allow' ? 'allowed' : 'not allowed'}.`,
    )
  }
  for (const note of evaluation.notes) lines.push(`   ${style.dim(`note: ${note}`)}`)
  for (const warning of evaluation.warnings) {
    lines.push(
      `   ${style.yellow('warning:')} ${warning.message} ${style.dim(`(${at(warning.location)})`)}`,
    )
  }
  return lines
}

/** What to change so that the token is allowed — or why the denial may be right. */
export function whatToChange(evaluation: PolicyEvaluation | undefined, trace: Trace): string[] {
  const out: string[] = []
  const { outcome } = trace
  if (!outcome.ok) {
    const { code, message } = outcome.error
    if (message.startsWith('No OpenIDConnect provider found')) {
      out.push(
        `Create an IAM OIDC provider whose URL is exactly the token's iss, and name its ARN in the policy's Principal.Federated (STS: "${message}").`,
      )
    } else if (message === 'Incorrect token audience') {
      out.push(
        "Make the token's aud one of the provider's client IDs: add it to the provider (simulate with --client-id), or have the workflow ask for audience sts.amazonaws.com.",
      )
    } else if (code === 'ExpiredTokenException') {
      out.push(
        'The token has expired (GitHub tokens live 5 minutes, and AWS allows 5 minutes of clock skew): get a fresh one, or explain its claims with --claims.',
      )
    } else if (message.startsWith("Couldn't retrieve verification key")) {
      out.push(
        "STS could not fetch the issuer's keys. To check the signature offline, pass --jwks FILE|URL; to check only the policy, use --claims.",
      )
    } else if (code === 'ValidationError') {
      out.push(`Fix the request: ${message}`)
    }
  }
  if (evaluation === undefined) return out
  if (evaluation.decision === 'ExplicitDeny') {
    const deny = evaluation.statements.find((s) => s.applies && s.effect === 'Deny')
    if (deny)
      out.push(
        `${label(deny)} denies this request explicitly, and a Deny overrides every Allow: narrow its conditions if this run should get the role.`,
      )
  } else if (evaluation.decision === 'ImplicitDeny') {
    const allows = evaluation.statements.filter((s) => s.effect === 'Allow')
    if (allows.length === 0) out.push('Add an Allow statement for sts:AssumeRoleWithWebIdentity.')
    const best = allows.length ? closestAllow(allows) : undefined
    if (best && !best.principal.matched)
      out.push(
        `${label(best)}: ${best.principal.reason}. Principal.Federated must be the ARN of the IAM OIDC provider for the token's iss.`,
      )
    if (best && !best.action.matched)
      out.push(`${label(best)}: add "sts:AssumeRoleWithWebIdentity" to its Action.`)
    for (const c of best?.conditions.filter((c) => !c.matched) ?? []) {
      if (!c.present) {
        out.push(
          `${c.operator} ${c.key} (${at(c.location)}) tests a key this request does not have: ${lowerFirst(c.absentReason ?? 'it is absent')}. Test a key AWS fills instead, such as the token's sub.`,
        )
      } else {
        out.push(
          `${c.operator} ${c.key} (${at(c.location)}) does not accept ${showValue(c.contextValue)}. If this run should get the role, add that value — as narrowly as you can; if it should not, the denial is doing its job.`,
        )
      }
    }
    for (const extra of evaluation.additionalActions.filter((a) => a.decision !== 'Allow')) {
      out.push(
        `${extra.why}: allow ${extra.action} in the statement that allows sts:AssumeRoleWithWebIdentity.`,
      )
    }
  }
  return out
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
