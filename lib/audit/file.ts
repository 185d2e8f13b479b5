/**
 * Auditing a file: find its trust policies (`extractTrustPolicies`), audit each, and point every
 * finding at the file's own line and column. What `trustwalk audit FILE…` runs.
 */
import { TrustwalkError } from '../core/errors.js'
import { auditTrustPolicy } from './audit.js'
import { extractTrustPolicies } from './extract.js'
import type { ExtractedTrustPolicy } from './extract.js'
import type { AuditOptions, AuditResult, Finding } from './types.js'
import { PolicyDocumentError } from '../aws/policy/policy-error.js'

/**
 * Audit every role trust policy in a JSON file (trust policy, `aws iam get-role` output,
 * CloudFormation or Terraform JSON). A policy that cannot be read gives a result with `error`
 * instead of findings; a file that is not JSON throws `InvalidInputError`.
 *
 * @example
 * const results = auditDocument(await readFile('template.json', 'utf8'), 'template.json')
 * results[0].findings[0].location // { path: 'Resources.DeployRole.Properties…', line: 14, column: 15 }
 */
export function auditDocument(
  text: string,
  fileName: string,
  options: AuditOptions = {},
): AuditResult[] {
  return extractTrustPolicies(text, fileName).map((found) => auditExtracted(found, options))
}

/**
 * Audit one extracted policy, locations mapped into its file.
 *
 * @example
 * auditExtracted(extractTrustPolicies(text, 'get-role.json')[0]!).findings[0]?.location.line
 */
export function auditExtracted(
  found: ExtractedTrustPolicy,
  options: AuditOptions = {},
): AuditResult {
  const base = {
    fileName: found.fileName,
    policyName: found.name,
    ...(found.notes.length ? { notes: found.notes } : {}),
  }
  try {
    return {
      ...base,
      findings: auditTrustPolicy(found.document, options).map((f) => relocate(f, found)),
    }
  } catch (e) {
    if (!(e instanceof TrustwalkError)) throw e
    const where =
      e instanceof PolicyDocumentError && e.path !== undefined
        ? found.locate(e.path)
        : found.locate('')
    return { ...base, findings: [], error: { code: e.code, message: e.message, location: where } }
  }
}

/**
 * The finding with its location in the file rather than in the policy.
 *
 * @example
 * relocate(finding, found).location.path // 'Resources.DeployRole.Properties.AssumeRolePolicyDocument.Statement[0]…'
 */
export function relocate(finding: Finding, found: ExtractedTrustPolicy): Finding {
  return { ...finding, location: found.locate(finding.location.path) }
}
