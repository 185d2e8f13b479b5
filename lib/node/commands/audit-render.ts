/**
 * `trustwalk audit` for a person: per policy, each finding with its severity, location,
 * explanation, proof and fix; then a summary that says which findings decide the exit status.
 */
import {
  SEVERITIES,
  severityRank,
  type AuditResult,
  type Finding,
  type Severity,
} from '../../audit/types.js'
import { getIssuerProfile } from '../../issuers/index.js'
import { wrap } from '../cli-help.js'
import type { Style } from '../terminal.js'
import { padEnd } from '../terminal.js'
import { printable } from '../printable.js'

const WIDTH = 100
const PAD = ' '.repeat(12)

function severityLabel(severity: Severity, style: Style): string {
  const text = padEnd(severity.toUpperCase(), 10)
  switch (severity) {
    case 'critical':
      return style.bold(style.magenta(text))
    case 'high':
      return style.bold(style.red(text))
    case 'medium':
      return style.yellow(text)
    case 'low':
      return style.cyan(text)
    default:
      return style.dim(text)
  }
}

function findingLines(f: Finding, style: Style): string[] {
  const where =
    f.location.line !== undefined
      ? `line ${f.location.line}, column ${f.location.column ?? 1}  `
      : ''
  // A policy trusting several CI issuers: which one the finding concerns.
  const provider = f.provider
    ? `  (${f.provider.issuerKind ? getIssuerProfile(f.provider.issuerKind).name : 'GitHub'}: ${printable(f.provider.issuer)})`
    : ''
  const lines = [
    `  ${severityLabel(f.severity, style)}${style.bold(printable(f.title))}  ${style.dim(`(${f.id})`)}`,
    `${PAD}${style.dim(`${where}${printable(f.location.path)}${provider}`)}`,
    ...wrap(printable(f.explanation), WIDTH - PAD.length, '').map((l) => PAD + l),
  ]
  const ce = f.counterexample ?? f.issuerCounterexample
  if (ce?.verified) {
    const as = ce.proof?.assumedRoleArn ? ` as ${printable(ce.proof.assumedRoleArn)}` : ''
    const platform = f.issuerCounterexample
      ? getIssuerProfile(f.issuerCounterexample.issuerKind).name
      : 'GitHub'
    const text = `Proven: that token got credentials end to end (${platform} issuer → STS → trust policy)${as}.`
    lines.push(...wrap(text, WIDTH - PAD.length, '').map((l) => PAD + style.red(l)))
  }
  lines.push(
    `${PAD}${style.green('Fix:')}`,
    ...f.fix.split('\n').map((l) => `${PAD}  ${style.green(printable(l))}`),
  )
  return lines
}

/**
 * The whole report.
 *
 * @example
 * renderAudit(results, createStyle(false), 'high').join('\n')
 */
export function renderAudit(
  results: readonly AuditResult[],
  style: Style,
  failOn: Severity | 'none',
): string[] {
  const lines: string[] = []
  for (const r of results) {
    // fileName comes printable from the command; the policy's name is read from the file.
    const name =
      r.policyName === r.fileName.replace(/^.*[\\/]/, '')
        ? r.fileName
        : `${r.fileName} — ${printable(r.policyName)}`
    lines.push(style.bold(style.underline(name)))
    for (const note of r.notes ?? []) lines.push(`  ${style.dim(`note: ${printable(note)}`)}`)
    if (r.error) {
      lines.push(`  ${style.red('cannot be read:')} ${printable(r.error.message)}`, '')
      continue
    }
    if (r.findings.length === 0) lines.push(`  ${style.green('✓ no findings')}`)
    for (const f of r.findings) lines.push(...findingLines(f, style), '')
    if (r.findings.length === 0) lines.push('')
  }
  const all = results.flatMap((r) => r.findings)
  const counts = SEVERITIES.map((s) => [s, all.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
  const proven = all.filter(
    (f) => f.counterexample?.verified || f.issuerCounterexample?.verified,
  ).length
  const policies = `${results.length} ${results.length === 1 ? 'policy' : 'policies'}`
  lines.push(
    `${style.bold('Summary:')} ${counts.length ? counts.join(', ') : 'no findings'} in ${policies}` +
      (proven ? `; ${proven} proven by an attack that got credentials end to end.` : '.'),
  )
  if (failOn !== 'none') {
    const failing = all.filter((f) => severityRank(f.severity) <= severityRank(failOn)).length
    lines.push(
      failing
        ? style.red(`${failing} at or above --fail-on ${failOn}: exit status 1.`)
        : style.green(`None at or above --fail-on ${failOn}.`),
    )
  }
  return lines
}
