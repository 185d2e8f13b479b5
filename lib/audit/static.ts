/**
 * Findings read from the policy's text alone (no attacker run needed): keys AWS never fills,
 * unknown keys, `ForAllValues:` on single-valued keys, wildcard operators on `aud`, `*` under an
 * exact-match operator, and session-tag conditions without `sts:TagSession`. Whether such a
 * condition also opens the role is decided by the attacker runs, not here.
 */
import type { Baseline } from './baseline.js'
import { findingRule } from './catalogue.js'
import type { AuditContext } from './context.js'
import { providerSuffix } from './context.js'
import { member, q } from './text.js'
import type { Finding, FindingId } from './types.js'
import {
  GITHUB_CONDITION_CLAIMS,
  OIDC_CONDITION_CLAIMS,
  isUnmappedGitHubClaim,
} from '../aws/policy/github-keys.js'
import type { ConditionClause, PolicyStatement } from '../aws/policy/model.js'
import { OPERATORS } from '../aws/policy/operator-names.js'
import { wildcardMatches } from '../aws/policy/wildcard.js'
import type { SourceLocation } from '../aws/policy/policy-error.js'

/** What to use instead of a GitHub claim AWS never fills. */
const INSTEAD: Record<string, string> = {
  repository_owner: 'repository_owner_id',
  workflow_ref: 'job_workflow_ref',
  ref_type: 'ref',
  head_ref: 'sub',
  base_ref: 'ref',
  event_name: 'sub',
  sha: 'job_workflow_ref',
  workflow_sha: 'job_workflow_ref',
  job_workflow_sha: 'job_workflow_ref',
  enterprise: 'enterprise_id',
}

function finding(
  id: FindingId,
  location: SourceLocation,
  explanation: string,
  fix: string,
): Finding {
  const rule = findingRule(id)
  return {
    id,
    severity: rule.severity,
    title: rule.title,
    explanation: `${rule.summary} ${explanation}`,
    location: { path: location.path, line: location.line, column: location.column },
    fix,
    references: rule.references,
  }
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The static findings of the statements that trust the audited provider.
 *
 * @example
 * staticFindings(ctx, baseline).map((f) => f.id) // e.g. ['never-populated-key']
 */
export function staticFindings(ctx: AuditContext, baseline: Baseline): Finding[] {
  const out: Finding[] = []
  const known = [...OIDC_CONDITION_CLAIMS, ...(ctx.github ? GITHUB_CONDITION_CLAIMS : []), 'oaud']
  baseline.evaluation.statements.forEach((s, i) => {
    const statement = ctx.policy.statements[i]!
    if (s.effect !== 'Allow' || !s.principal.matched) return
    for (const clause of statement.conditions)
      out.push(...clauseFindings(ctx, clause, known, baseline))
    const tagKeys = statement.conditions.filter((c) =>
      /^(aws:requesttag\/|aws:tagkeys$|sts:transitivetagkeys$)/i.test(c.key),
    )
    if (tagKeys.length > 0 && !allowsTagSession(statement)) {
      const actions = statement.action.values.map((v) => v.value)
      out.push(
        finding(
          'missing-tag-session',
          statement.action.location,
          `${statement.location.path} tests ${tagKeys.map((c) => c.key).join(', ')} but its ${statement.action.negated ? 'NotAction' : 'Action'} does not allow sts:TagSession, so a token carrying session tags is refused. (GitHub's tokens carry none, so these conditions see absent keys.)`,
          member('Action', [
            ...new Set([...actions, 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession']),
          ]),
        ),
      )
    }
  })
  return out
}

function clauseFindings(
  ctx: AuditContext,
  clause: ConditionClause,
  known: string[],
  baseline: Baseline,
): Finding[] {
  const out: Finding[] = []
  const spec = OPERATORS.get(clause.operator.base)
  const suffix = providerSuffix(ctx, clause.key)
  const values = clause.values.map((v) => v.value)
  const shownValues = values.length === 1 ? values[0]! : values
  const op = clause.operator.raw
  const prefixOther = suffix === undefined && /^[^:]*\.[^:]*:/.test(clause.key)
  if (
    suffix !== undefined &&
    !known.includes(suffix) &&
    ctx.github &&
    isUnmappedGitHubClaim(suffix)
  ) {
    const instead = INSTEAD[suffix]
    out.push(
      finding(
        'never-populated-key',
        clause.keyLocation,
        `${op} ${clause.key}: the token's ${suffix} claim exists, but AWS does not turn it into a condition key, so ${spec?.negated || clause.operator.ifExists || clause.operator.qualifier === 'ForAllValues' ? 'this condition is always true' : 'this condition is never true and the statement allows nothing'}.`,
        instead
          ? member('StringEquals', {
              [`${ctx.prefix}:${instead}`]:
                instead === 'sub' ? String(baselineSub(ctx, baseline)) : `<${instead} value>`,
            })
          : `Remove ${q(clause.key)}; AWS cannot test it.`,
      ),
    )
  } else if ((suffix !== undefined && !known.includes(suffix)) || prefixOther) {
    const name = suffix ?? clause.key.slice(clause.key.indexOf(':') + 1).toLowerCase()
    const guess =
      known.find((k) => k === name) ??
      known.reduce((best, k) => (distance(k, name) < distance(best, name) ? k : best), 'sub')
    const key = `${ctx.prefix}:${guess}`
    out.push(
      finding(
        'unknown-condition-key',
        clause.keyLocation,
        prefixOther
          ? `${clause.key} names another issuer's keys; this provider's keys start with ${ctx.prefix}: (${ctx.issuer}), so the key is always missing.`
          : `${clause.key} is not a key AWS fills for ${ctx.issuer}; did you mean ${key}?`,
        member(op, { [key]: shownValues }),
      ),
    )
  }
  if (
    clause.operator.qualifier === 'ForAllValues' &&
    (suffix !== undefined || prefixOther) &&
    suffix !== 'amr'
  ) {
    const plain = op.replace(/^ForAllValues:/i, '')
    out.push(
      finding(
        'for-all-values-single-valued',
        clause.operatorLocation,
        `${op} on ${clause.key}: the key holds one value, and ForAllValues: is also true when it is absent. Use ${plain}.`,
        member(plain, { [clause.key]: shownValues }),
      ),
    )
  }
  if (suffix === 'aud' && spec?.wildcards && values.length > 0) {
    const exact = values.find((v) => wildcardMatches(v, 'sts.amazonaws.com'))
      ? 'sts.amazonaws.com'
      : values[0]!.replace(/[*?]/g, '')
    out.push(
      finding(
        'like-operator-on-audience',
        clause.operatorLocation,
        `${op} on ${clause.key} with ${values.map(q).join(', ')}; the audience is one fixed string the workflow asks for.`,
        member('StringEquals', { [clause.key]: exact || 'sts.amazonaws.com' }),
      ),
    )
  }
  if (spec?.family === 'String' && !spec.wildcards && values.some((v) => v.includes('*'))) {
    const v = clause.values.find((x) => x.value.includes('*'))!
    out.push(
      finding(
        'wildcard-without-like',
        v.location,
        `${op} compares ${q(v.value)} character for character, so no real token has this value.`,
        member(op, {
          [clause.key]:
            suffix === 'sub'
              ? String(baselineSub(ctx, baseline))
              : v.value.replaceAll('*', '<value>'),
        }),
      ),
    )
  }
  return out
}

function baselineSub(ctx: AuditContext, baseline: Baseline): string {
  const r = baseline.run
  return baseline.source === 'default'
    ? 'repo:OWNER/REPO:ref:refs/heads/BRANCH'
    : `repo:${r.owner}/${r.repo}:ref:refs/heads/main`
}

function allowsTagSession(statement: PolicyStatement): boolean {
  const hit = statement.action.values.some((v) =>
    wildcardMatches(v.value.toLowerCase(), 'sts:tagsession'),
  )
  return statement.action.negated ? !hit : hit
}
