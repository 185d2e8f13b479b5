/**
 * The trust-policy evaluation in a terminal: the engine's own explanation (`explainEvaluation`),
 * coloured so the failing condition stands out. "What to change" comes from lib/explain
 * (`whatToChangeInTrace`), the "Why" section from its diagnoses (`diagnose`).
 */
import type { PolicyEvaluation } from '../../aws/policy/evaluation.js'
import type { Diagnosis } from '../../explain/diagnoses.js'
import { diagnosisLines } from '../../explain/diagnosis-text.js'
import { explainEvaluation } from '../../explain/evaluation-text.js'
import type { Style } from '../terminal.js'
import { printable } from '../printable.js'

/**
 * `explainEvaluation` lines, indented and coloured, without its "What to change" section (the
 * caller prints one for the whole handshake) and, with `withDecision: false`, without the decision
 * and reason it starts with (when a check line above already says them).
 *
 * @example
 * renderEvaluation(evaluation, createStyle(process.stdout.isTTY)).join('\n')
 */
export function renderEvaluation(
  evaluation: PolicyEvaluation,
  style: Style,
  options: { withDecision?: boolean; indent?: string } = {},
): string[] {
  const indent = options.indent ?? '   '
  // The evaluation quotes the policy's and the token's values: escaped, line by line.
  const lines = explainEvaluation(evaluation).map(printable)
  const out: string[] = []
  let skipping = false
  // The first lines are "Decision: X", (an "Action:" line), the reason, and a blank line.
  const start = options.withDecision === false ? lines.indexOf('') + 1 : 0
  for (const line of lines.slice(start)) {
    if (line === 'What to change:') {
      skipping = true
      continue
    }
    if (skipping) {
      if (line === '') skipping = false
      continue
    }
    out.push(line === '' ? '' : indent + paint(line, style))
  }
  while (out[out.length - 1] === '') out.pop()
  return out
}

function paint(line: string, style: Style): string {
  const decision = /^Decision: (\w+)$/.exec(line)
  if (decision) {
    const value = decision[1]!
    return `${style.bold('Decision:')} ${style.bold(value === 'Allow' ? style.green(value) : style.red(value))}`
  }
  const marked = line.replace(/✓/g, style.green('✓')).replace(/✗/g, style.red('✗'))
  return /^\s*✗ /.test(line) ? style.bold(marked) : marked
}

/**
 * The "Why" section of `explain` and `walk`: each recognised cause (lib/explain `diagnose`),
 * worded by `diagnosisLines`; nothing when no cause is recognised.
 *
 * @example
 * renderDiagnoses(diagnoseWalk(trace, scenario), style) // ['', 'Why:', '  • The job declares an environment, …', …]
 */
export function renderDiagnoses(diagnoses: readonly Diagnosis[], style: Style): string[] {
  if (!diagnoses.length) return []
  const lines = ['', style.bold('Why:')]
  for (const d of diagnoses) {
    const [title, ...rest] = diagnosisLines(d)
    lines.push(`  • ${style.bold(printable(title!))}`, ...rest.map((l) => `    ${printable(l)}`))
  }
  return lines
}
