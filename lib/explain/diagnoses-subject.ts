/**
 * The `sub` family of diagnoses: why the token's subject and the policy's differ — by kind
 * (branch, tag, pull request, environment), by form (name vs immutable ID, FACTS.md §1.5), by the
 * case of a name — and, for the immutable form, the fix proven by re-running the evaluation.
 */
import { evaluateTrustPolicy } from '../aws/policy/evaluate.js'
import type { ConditionEvaluation, Decision, PolicyEvaluation } from '../aws/policy/evaluation.js'
import type { RequestContext } from '../aws/policy/context.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'

/** How a `sub` (the token's, or a policy value, which may hold wildcards) is built. */
export interface SubjectShape {
  owner: string
  repo: string
  ownerId?: string
  repoId?: string
  /** The part after `repo:OWNER/REPO:` — `ref:refs/heads/main`, `environment:prod`, `*`… */
  context: string
  kind: 'branch' | 'tag' | 'ref' | 'pull_request' | 'environment' | 'other'
}

/**
 * A default-format `sub` (or a policy value written like one) taken apart leniently: wildcards are
 * kept, custom-template tails are `other`.
 *
 * @example
 * subjectShape('repo:octo-org@65/octo-repo@74:ref:refs/heads/main')
 * // { owner: 'octo-org', ownerId: '65', repo: 'octo-repo', repoId: '74', context: 'ref:refs/heads/main', kind: 'branch' }
 */
export function subjectShape(sub: string): SubjectShape | undefined {
  const m = /^repo:([^/:@]+)(?:@([0-9]+))?\/([^/:@]+)(?:@([0-9]+))?:(.*)$/.exec(sub)
  if (!m) return undefined
  const context = m[5]!
  const kind: SubjectShape['kind'] = context.startsWith('ref:refs/heads/')
    ? 'branch'
    : context.startsWith('ref:refs/tags/')
      ? 'tag'
      : context.startsWith('ref:')
        ? 'ref'
        : context === 'pull_request'
          ? 'pull_request'
          : context.startsWith('environment:')
            ? 'environment'
            : 'other'
  return {
    owner: m[1]!,
    repo: m[3]!,
    ...(m[2] !== undefined && { ownerId: m[2] }),
    ...(m[4] !== undefined && { repoId: m[4] }),
    context,
    kind,
  }
}

function immutable(s: SubjectShape): boolean {
  return s.ownerId !== undefined && s.repoId !== undefined
}

function sameRepoIgnoringCase(a: SubjectShape, b: SubjectShape): boolean {
  return (
    a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase()
  )
}

function sameRepo(a: SubjectShape, b: SubjectShape): boolean {
  return a.owner === b.owner && a.repo === b.repo
}

/** `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`, the immutable form of a name-form value. */
export function idFormOf(value: SubjectShape, ids: { ownerId: string; repoId: string }): string {
  return `repo:${value.owner}@${ids.ownerId}/${value.repo}@${ids.repoId}:${value.context}`
}

/** `repo:OWNER/REPO:CONTEXT`. */
export function nameFormOf(value: SubjectShape): string {
  return `repo:${value.owner}/${value.repo}:${value.context}`
}

/** A failed `…:sub` condition of an Allow statement, with the token's and the policy's values. */
export interface SubMismatch {
  condition: ConditionEvaluation
  statementIndex: number
  token: SubjectShape
  tokenSub: string
  /** The policy's values that read as default-format subjects, as written (resolved). */
  values: { value: string; shape: SubjectShape }[]
}

/**
 * The failed `sub` conditions of the evaluation's Allow statements (the statement closest to
 * allowing first), each with the token's `sub` and the policy's values taken apart.
 */
export function subMismatches(evaluation: PolicyEvaluation | undefined): SubMismatch[] {
  if (!evaluation || evaluation.decision === 'Allow') return []
  const out: SubMismatch[] = []
  for (const s of evaluation.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      if (c.matched || !c.present || !/:sub$/i.test(c.key)) continue
      if (typeof c.contextValue !== 'string') continue
      const token = subjectShape(c.contextValue)
      if (!token) continue
      const values = c.values
        .map((v) => v.resolved ?? v.value)
        .map((value) => ({ value, shape: subjectShape(value) }))
        .filter((v): v is { value: string; shape: SubjectShape } => v.shape !== undefined)
      if (values.length)
        out.push({ condition: c, statementIndex: s.index, token, tokenSub: c.contextValue, values })
    }
  }
  return out
}

/** The values that name the token's repository (in any form, names compared exactly). */
export function valuesForRepo(m: SubMismatch): SubjectShape[] {
  return m.values.map((v) => v.shape).filter((v) => sameRepo(v, m.token))
}

/** A policy value that names the token's repository in the name form, the token being in the ID form. */
export function nameFormAgainstIdForm(m: SubMismatch): SubjectShape[] {
  if (!immutable(m.token)) return []
  return valuesForRepo(m).filter((v) => !immutable(v))
}

/** A policy value in the ID form for the token's repository, the token being in the name form. */
export function idFormAgainstNameForm(m: SubMismatch): SubjectShape[] {
  if (immutable(m.token)) return []
  return valuesForRepo(m).filter(immutable)
}

/** Policy values naming the token's owner/repository in another case (and no value in the same case). */
export function caseOnlyDifferences(m: SubMismatch): SubjectShape[] {
  if (valuesForRepo(m).length) return []
  return m.values.map((v) => v.shape).filter((v) => sameRepoIgnoringCase(v, m.token))
}

/** The kinds of context the policy accepts for the token's repository. */
export function policyKinds(m: SubMismatch): Set<SubjectShape['kind']> {
  return new Set(
    m.values
      .map((v) => v.shape)
      .filter((v) => sameRepoIgnoringCase(v, m.token))
      .map((v) => v.kind),
  )
}

/**
 * The environment names the policy's values give for the token's repository, as a job declares
 * them (`environment:Prod%3AV1` in `sub` is the environment `Prod:V1`: GitHub writes `:` as `%3A`).
 */
export function environmentsNamed(m: SubMismatch): string[] {
  return m.values
    .map((v) => v.shape)
    .filter((v) => v.kind === 'environment' && sameRepoIgnoringCase(v, m.token))
    .map((v) => v.context.slice('environment:'.length).replace(/%3A/gi, ':'))
}

/** One proposed condition, and the evaluation re-run with it. */
export interface ProvenFix {
  /** `id-form` replaces the name-form values; `migration` accepts both forms. */
  form: 'id-form' | 'migration'
  /** The condition block to write, e.g. `{ StringEquals: { 'token.actions…:sub': [...] } }`. */
  condition: Record<string, Record<string, string | string[]>>
  /** The whole trust policy with the condition changed (2-space JSON). */
  policy: string
  /** The decision for this token with the fixed policy. */
  decision: Decision
  /** The decision for the same run's name-form token (`repo:OWNER/REPO:…`). */
  nameFormDecision: Decision
  /**
   * The decision for a token from another repository with the same names but other ids (a
   * deleted repository re-created by someone else), in the ID form: the fix must deny it.
   */
  otherRepositoryDecision: Decision
}

/**
 * The fix for a name-form policy meeting an ID-form token, in both forms, each proven by
 * re-evaluating the changed policy against the request context: the ID-form condition (the
 * name-form values for this repository replaced by their ID form), and a migration condition that
 * keeps the name-form values and adds the ID form — the same operator, the same repository and
 * ref, no wildcard added.
 */
export function provenImmutableFixes(
  policySource: string,
  context: RequestContext,
  m: SubMismatch,
): ProvenFix[] {
  const ids = { ownerId: m.token.ownerId!, repoId: m.token.repoId! }
  const named = nameFormAgainstIdForm(m)
  const written = m.values.map((v) => v.value)
  const idValues = written.map((v) => {
    const shape = subjectShape(v)
    return shape && named.some((n) => nameFormOf(n) === nameFormOf(shape))
      ? idFormOf(shape, ids)
      : v
  })
  const migration = [...new Set([...written, ...idValues])]
  const nameSub = nameFormOf(m.token)
  const otherSub = idFormOf(m.token, {
    ownerId: ids.ownerId,
    repoId: String(BigInt(ids.repoId) + 1n),
  })
  return [
    { form: 'id-form' as const, values: [...new Set(idValues)] },
    { form: 'migration' as const, values: migration },
  ].map(({ form, values }) => {
    const policy = withConditionValues(policySource, m, values)
    const decide = (sub: string) =>
      evaluateTrustPolicy(policy, withSub(context, m.tokenSub, sub)).decision
    return {
      form,
      condition: {
        [m.condition.operator]: { [m.condition.key]: values.length === 1 ? values[0]! : values },
      },
      policy,
      decision: decide(m.tokenSub),
      nameFormDecision: decide(nameSub),
      otherRepositoryDecision: decide(otherSub),
    }
  })
}

function withSub(context: RequestContext, from: string, to: string): RequestContext {
  const out: RequestContext = {}
  for (const [k, v] of Object.entries(context)) out[k] = /:sub$/i.test(k) && v === from ? to : v
  return out
}

/** The policy with one condition's values replaced (the statement and keys as written). */
function withConditionValues(policySource: string, m: SubMismatch, values: string[]): string {
  const doc = JSON.parse(parseTrustPolicy(policySource).source) as {
    Statement: Record<string, unknown> | Record<string, unknown>[]
  }
  const statement = Array.isArray(doc.Statement) ? doc.Statement[m.statementIndex] : doc.Statement
  const block = (statement?.Condition as Record<string, Record<string, unknown>> | undefined)?.[
    m.condition.operator
  ]
  if (!block || !(m.condition.key in block)) return policySource
  block[m.condition.key] = values.length === 1 ? values[0]! : values
  return JSON.stringify(doc, null, 2)
}
