/**
 * The `too-complex` finding: when the auditor reached one of its limits (budget.ts), what it
 * checked and what it did not, instead of a hang or a silent partial answer.
 */
import { AUDIT_LIMITS, isComplete } from './budget.js'
import type { AuditCoverage } from './budget.js'
import { findingRule } from './catalogue.js'
import { member } from './text.js'
import type { Finding, FindingLocation } from './types.js'

/**
 * The `too-complex` finding: what was checked, and what was not, when a limit was reached.
 *
 * @example
 * tooComplexFinding(coverage, 'token.actions.githubusercontent.com', { path: 'Statement' })?.id // 'too-complex'
 */
export function tooComplexFinding(
  c: AuditCoverage,
  prefix: string,
  location: FindingLocation,
): Finding | undefined {
  if (isComplete(c)) return undefined
  const rule = findingRule('too-complex')
  const checked = [
    `${c.statements.read} of ${c.statements.total} statements read for the run the policy is meant for`,
    `${c.patternValues.filled} of ${c.patternValues.total} wildcard values filled with attacker text${c.patternValues.filled < c.patternValues.total ? ' (the loosest first)' : ''}${c.fillsCut ? ', some of them partly' : ''}`,
    ...(c.tooManyWildcards > 0
      ? [
          `${c.tooManyWildcards} value${c.tooManyWildcards === 1 ? '' : 's'} with more than ${AUDIT_LIMITS.wildcards} wildcards filled at the first wildcard only`,
        ]
      : []),
    `${c.attacks.tried} of ${c.attacks.built} attacker runs tried`,
    ...(c.exploitFindings.listed < c.exploitFindings.found
      ? [
          `the ${c.exploitFindings.listed} most severe of ${c.exploitFindings.found} exploitable findings listed`,
        ]
      : []),
  ]
  return {
    id: 'too-complex',
    severity: rule.severity,
    title: rule.title,
    explanation: `${rule.summary} Checked: ${checked.join('; ')}. Risks in what was not checked are not reported.`,
    location,
    fix: member('StringEquals', {
      [`${prefix}:aud`]: 'sts.amazonaws.com',
      [`${prefix}:sub`]: 'repo:OWNER/REPO:ref:refs/heads/BRANCH',
    }),
    references: rule.references,
  }
}
