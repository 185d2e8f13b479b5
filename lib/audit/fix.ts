/**
 * Fixes for exploitable findings: the statement's `Condition` rewritten to name exactly the
 * baseline run — `aud` and `sub` with `StringEquals`, plus the pins a finding calls for
 * (`repository_id`/`repository_owner_id` against recycled names, `ref` for an environment,
 * `job_workflow_ref` against pull_request_target) — keeping the other exact conditions it had.
 * The whole fixed policy comes along so tests (and the attack lab) can check that the attack now
 * fails and the baseline still succeeds.
 */
import type { Cause } from './attribute.js'
import type { Baseline } from './baseline.js'
import type { AuditContext } from './context.js'
import { claimsFor, providerSuffix } from './context.js'
import { hasWildcard } from './subject.js'
import { member } from './text.js'
import type { FindingId } from './types.js'
import { OPERATORS } from '../aws/policy/operator-names.js'

export interface FixResult {
  /** The `"Condition": {…}` to paste (placeholders where trustwalk does not know a value). */
  snippet: string
  /** The whole policy with the fix applied (real values), when it keeps the baseline working. */
  fixedPolicy?: object
}

type Doc = { Statement: unknown } & Record<string, unknown>

/**
 * The fix for an exploitable finding in one statement.
 *
 * @example
 * exploitFix(ctx, baseline, cause).snippet
 * // '"Condition": { "StringEquals": { "…:aud": "sts.amazonaws.com", "…:sub": "repo:acme/app:ref:refs/heads/main" } }'
 */
export function exploitFix(ctx: AuditContext, baseline: Baseline, cause: Cause): FixResult {
  const claims = claimsFor(ctx, baseline)
  const P = ctx.prefix
  const invented = baseline.source === 'default'
  const eq: Record<string, string> = { [`${P}:aud`]: baseline.audience }
  const shown: Record<string, string> = { [`${P}:aud`]: baseline.audience }
  const set = (suffix: string, real: string, placeholder = real): void => {
    eq[`${P}:${suffix}`] = real
    shown[`${P}:${suffix}`] = invented ? placeholder : real
  }
  const r = baseline.run
  if (cause.id === 'pull-request-subject') {
    set('sub', `repo:${r.owner}/${r.repo}:ref:refs/heads/${r.baseRef ?? 'main'}`)
  } else {
    set('sub', String(claims.sub), 'repo:OWNER/REPO:ref:refs/heads/BRANCH')
    // An immutable sub whose ids the policy left open: trustwalk invented them; say so.
    if (!invented && r.immutableSubject && !baseline.idsKnown) {
      shown[`${P}:sub`] = String(claims.sub).replace(
        `repo:${r.owner}@${r.ownerId}/${r.repo}@${r.repoId}`,
        `repo:${r.owner}@<repository_owner_id of ${r.owner}>/${r.repo}@<repository_id of ${r.owner}/${r.repo}>`,
      )
    }
  }
  const id: FindingId = cause.id
  const github = ctx.github
  // A custom template without `repo` (FACTS.md §1.5) names no repository: other repositories
  // mint the same sub, so the fix pins the repository by id as well.
  const keys = baseline.subjectTemplate?.includeClaimKeys
  const unnamed = baseline.subjectTemplate?.useDefault !== true && keys && !keys.includes('repo')
  if (github && (id === 'name-based-subject' || unnamed)) {
    eq[`${P}:repository_id`] = r.repoId
    eq[`${P}:repository_owner_id`] = r.ownerId
    shown[`${P}:repository_id`] = baseline.idsKnown
      ? r.repoId
      : `<repository_id of ${r.owner}/${r.repo}>`
    shown[`${P}:repository_owner_id`] = baseline.idsKnown
      ? r.ownerId
      : `<repository_owner_id of ${r.owner}>`
  }
  if (
    github &&
    (id === 'pull-request-target' ||
      id === 'reusable-workflow-any-caller' ||
      id === 'reusable-workflow-owner-callers')
  ) {
    set('job_workflow_ref', String(claims.job_workflow_ref))
  }
  if (github && id === 'unprotected-environment') set('ref', String(claims.ref))
  // Without the GitHub keys (GHES issuers get only aud and sub), ids and workflow pins cannot be
  // written; the fix then cannot stop these attacks while keeping the baseline.
  let keepBaseline =
    github ||
    ![
      'name-based-subject',
      'pull-request-target',
      'unprotected-environment',
      'reusable-workflow-any-caller',
      'reusable-workflow-owner-callers',
    ].includes(id)
  if (github && id === 'tag-pinned-reusable-workflow' && r.reusableWorkflow) {
    const w = r.reusableWorkflow
    eq[`${P}:job_workflow_ref`] = `${w.repository}/${w.path}@${w.sha}`
    shown[`${P}:job_workflow_ref`] = `${w.repository}/${w.path}@<commit SHA of ${w.ref}>`
    keepBaseline = false // the baseline still calls it by tag; after the fix it must call the SHA
  }
  const kept = keptConditions(ctx, baseline, cause)
  const condition = merge({ StringEquals: eq }, kept)
  const shownCondition = merge({ StringEquals: shown }, kept)
  const doc = JSON.parse(ctx.policy.source) as Doc
  const statements = Array.isArray(doc.Statement) ? [...doc.Statement] : [doc.Statement]
  const original = statements[cause.statement.index] as Record<string, unknown>
  statements[cause.statement.index] = { ...original, Condition: condition }
  const fixed = { ...doc, Statement: Array.isArray(doc.Statement) ? statements : statements[0] }
  return {
    snippet: member('Condition', shownCondition),
    ...(keepBaseline || id === 'pull-request-subject' ? { fixedPolicy: fixed } : {}),
  }
}

/** Exact, positive conditions the baseline passes (other than aud/sub and the cause's own key). */
function keptConditions(
  ctx: AuditContext,
  baseline: Baseline,
  cause: Cause,
): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {}
  const s = baseline.evaluation.statements[cause.statement.index]
  const statement = ctx.policy.statements[cause.statement.index]!
  s?.conditions.forEach((c, i) => {
    const clause = statement.conditions[i]!
    const spec = OPERATORS.get(clause.operator.base)
    const suffix = providerSuffix(ctx, c.key)
    if (!c.matched || !c.present || !spec || spec.negated || clause.operator.ifExists) return
    if (clause.operator.qualifier === 'ForAllValues' || spec.family === 'Null') return
    if (suffix === 'sub' || suffix === 'aud' || c.key === cause.condition?.key) return
    if (spec.wildcards && clause.values.some((v) => hasWildcard(v.value))) return
    if (suffix === undefined && !/^(aws|sts):/i.test(c.key)) return
    const values = clause.values.map((v) => v.value)
    out[clause.operator.raw] = {
      ...out[clause.operator.raw],
      [c.key]: values.length === 1 ? values[0]! : values,
    }
  })
  return out
}

function merge(
  a: Record<string, Record<string, string | string[]>>,
  b: Record<string, Record<string, string | string[]>>,
): Record<string, Record<string, string | string[]>> {
  const out = { ...a }
  for (const [op, keys] of Object.entries(b)) out[op] = { ...out[op], ...keys }
  return out
}
