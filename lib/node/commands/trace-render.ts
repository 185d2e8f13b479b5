/**
 * The Trace in a terminal: one line per check, ✓ or ✗, the failing check explained (what was
 * expected, what was found, where the rule comes from), and STS's answer.
 */
import { stepInfo } from '../../core/steps.js'
import type { Check, Step, Trace } from '../../core/trace.js'
import type { Style } from '../terminal.js'
import { printable } from '../printable.js'

/** The trust-policy check, whose evaluation is printed in full under it. */
export const EXPLAINED: ReadonlySet<string> = new Set(['conditions.trust-policy'])

/** A value for one line: JSON, shortened when long, its control characters escaped. */
export function showValue(value: unknown, max = 160): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? 'undefined'
  } catch {
    // Nested too deep for JSON.stringify's recursion (a claim nested thousands of levels).
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value)
  }
  text = printable(text)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * Lines for a list of checks: `✓ summary  (id)`; a failed check also gets its expected and actual
 * values and its source.
 *
 * @example
 * renderChecks(verification.checks, createStyle(false)).join('\n')
 */
export function renderChecks(
  checks: readonly Check[],
  style: Style,
  indent = '  ',
  /** Failed checks explained elsewhere: their expected/actual/source lines are left out. */
  explained: ReadonlySet<string> = new Set(),
): string[] {
  const lines: string[] = []
  for (const check of checks) {
    const mark = check.ok ? style.green('✓') : style.red('✗')
    const summary = check.ok ? printable(check.summary) : style.bold(printable(check.summary))
    lines.push(`${indent}${mark} ${summary}  ${style.dim(`(${check.id})`)}`)
    if (check.ok || explained.has(check.id)) continue
    const pad = `${indent}    `
    if ('expected' in check && check.expected !== undefined) {
      lines.push(`${pad}${style.dim('expected:')} ${style.green(showValue(check.expected))}`)
    }
    if ('actual' in check && check.actual !== undefined) {
      lines.push(`${pad}${style.dim('actual:  ')} ${style.red(showValue(check.actual))}`)
    }
    if (check.source) lines.push(`${pad}${style.dim(`source:   ${check.source}`)}`)
  }
  return lines
}

/** The header line of one step: number, name, status. */
export function renderStepHeader(step: Step, index: number, style: Style): string {
  const status =
    step.status === 'pass'
      ? style.green('pass')
      : step.status === 'fail'
        ? style.red(style.bold('FAIL'))
        : style.dim('skipped')
  const title = `${step.id.padEnd(13)}${stepInfo(step.id).summary}`
  const text = step.status === 'skipped' ? style.dim(title) : style.bold(title)
  return `${index + 1}. ${text}  ${status}`
}

/**
 * The whole Trace: each step with its checks, then STS's answer. `explainStep` may add lines under
 * a failed step (e.g. the trust-policy evaluation under `conditions`).
 */
export function renderTrace(
  trace: Trace,
  style: Style,
  explainStep?: (step: Step) => string[],
): string[] {
  const lines: string[] = []
  trace.steps.forEach((step, index) => {
    lines.push(renderStepHeader(step, index, style))
    const extra = step.status === 'fail' && explainStep ? explainStep(step) : []
    lines.push(...renderChecks(step.checks, style, '   ', extra.length ? EXPLAINED : undefined))
    lines.push(...extra)
  })
  lines.push('', ...renderOutcome(trace, style))
  return lines
}

/** STS's answer, as the client would see it. */
export function renderOutcome(trace: Trace, style: Style): string[] {
  const { outcome } = trace
  if (outcome.ok) {
    const r = outcome.response
    return [
      `${style.green('✓ STS issued credentials')} for ${style.bold(printable(r.AssumedRoleUser.Arn))}`,
      `  ${style.dim('AccessKeyId')} ${r.Credentials.AccessKeyId}  ${style.dim('Expiration')} ${r.Credentials.Expiration}`,
      `  ${style.dim('SubjectFromWebIdentityToken')} ${printable(r.SubjectFromWebIdentityToken)}`,
    ]
  }
  const { code, message, status } = outcome.error
  return [`${style.red(`✗ STS answered ${status} ${code}:`)} ${printable(message)}`]
}
