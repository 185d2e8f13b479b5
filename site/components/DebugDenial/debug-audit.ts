/**
 * The auditor, loaded only when the reader asks "what else does this policy let in?" (a dynamic
 * import keeps it out of the page's first load): lib/audit `auditTrustPolicy`'s findings at or
 * above medium severity.
 */
import { auditTrustPolicy, severityRank, type Finding } from '../../../lib/index.js'

export function auditSummary(policy: string | object): Finding[] {
  return auditTrustPolicy(policy).filter((f) => severityRank(f.severity) <= severityRank('medium'))
}
