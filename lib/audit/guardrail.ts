/**
 * AWS's verdict at write time: `CreateRole`/`UpdateAssumeRolePolicy` refuse a GitHub trust policy
 * that does not scope `sub` or `job_workflow_ref` (FACTS.md §5 "Write-time guardrail",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html).
 * The guardrail reads patterns, not who can match them: it accepts `repo:*`, and existing roles
 * are never re-checked. trustwalk reports both directions.
 */
import { findingRule } from './catalogue.js'
import type { AuditContext } from './context.js'
import { member } from './text.js'
import type { Finding } from './types.js'
import { providerGuardrail } from './providers.js'

/**
 * The guardrail's verdict as findings: `aws-guardrail-rejects` when AWS would refuse the policy,
 * `aws-guardrail-misses` when AWS accepts it although a critical or high risk was found.
 *
 * @example
 * guardrailFindings(ctx, findings).map((f) => f.id) // ['aws-guardrail-misses'] for repo:*
 */
export function guardrailFindings(ctx: AuditContext, findings: readonly Finding[]): Finding[] {
  const verdict = providerGuardrail(ctx.policy, ctx.prefix, ctx.scope)
  if (!verdict.applies) return []
  const s = verdict.location ?? ctx.policy.statements[0]!.location
  const location = { path: s.path, line: s.line, column: s.column }
  const exact = member('StringEquals', {
    [`${ctx.prefix}:aud`]: 'sts.amazonaws.com',
    [`${ctx.prefix}:sub`]: 'repo:OWNER/REPO:ref:refs/heads/BRANCH',
  })
  if (!verdict.ok) {
    const rule = findingRule('aws-guardrail-rejects')
    return [
      {
        id: rule.id,
        severity: rule.severity,
        title: rule.title,
        explanation: `${rule.summary} AWS would answer MalformedPolicyDocument: ${verdict.message ?? ''}`,
        location,
        fix: exact,
        references: rule.references,
      },
    ]
  }
  const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high')
  if (serious.length === 0) return []
  const rule = findingRule('aws-guardrail-misses')
  return [
    {
      id: rule.id,
      severity: rule.severity,
      title: rule.title,
      explanation: `${rule.summary} It accepts this policy, yet trustwalk proved: ${[...new Set(serious.map((f) => f.id))].join(', ')}.`,
      location,
      fix: exact,
      references: rule.references,
    },
  ]
}
