/**
 * The baseline: the run a policy is meant to let in — from `options.intended` when given, else
 * read from the policy's own values (its `sub`, `repository`, `ref`, `environment`,
 * `job_workflow_ref`… conditions), checked with the engine. Attacks are judged against it: a run
 * from another owner, repository, branch or environment that the engine also allows is a finding.
 */
import { DEMO_OWNER, DEMO_REPO, STS_AUDIENCE } from '../core/demo.js'
import type { AuditContext, RunSetup } from './context.js'
import { evaluateSetup, providerSuffix } from './context.js'
import {
  fillPattern,
  hasWildcard,
  parseFullRef,
  parseRepository,
  parseSubjectValue,
  parseWorkflowRef,
} from './subject.js'
import type { SubjectParts } from './subject.js'
import {
  applyClaim,
  applySubject,
  applyWorkflowRef,
  inRepo,
  mintedSubject,
  newRun,
  onRef,
} from './runs.js'
import type { IntendedScope } from './types.js'
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import { AUDIT_LIMITS, wildcardCount } from './budget.js'
import { mergedDuplicates } from './duplicates.js'
import type { PolicyStatement } from '../aws/policy/model.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'
import { OPERATORS } from '../aws/policy/operator-names.js'
import { wildcardMatches } from '../aws/policy/wildcard.js'

export interface Baseline extends RunSetup {
  source: 'intended' | 'policy' | 'default'
  /** Whether the ids came from the policy or the intended scope (else trustwalk invented them). */
  idsKnown: boolean
  evaluation: PolicyEvaluation
  allowed: boolean
}

/** Fills that complete a pattern into a plausible, harmless value. */
const BENIGN = [
  '',
  'main',
  'ref:refs/heads/main',
  'app:ref:refs/heads/main',
  '/app:ref:refs/heads/main',
  'octo-org/app:ref:refs/heads/main',
  'repo:octo-org/octo-repo:ref:refs/heads/main',
  ':repo:octo-org/octo-repo:ref:refs/heads/main',
  'app',
  'x',
]

type Hints = Map<string, string[]>

/** Values of this provider's keys in positive conditions of one Allow statement. */
function hintsOf(ctx: AuditContext, statement: PolicyStatement): Hints {
  const hints: Hints = new Map()
  for (const c of statement.conditions) {
    const spec = OPERATORS.get(c.operator.base)
    if (!spec || spec.negated || spec.family !== 'String') continue
    const suffix = providerSuffix(ctx, c.key)
    if (suffix === undefined) continue
    const values = c.values.map((v) => v.value)
    hints.set(suffix, [
      ...(hints.get(suffix) ?? []),
      ...(spec.wildcards ? values : values.map(literal)),
    ])
  }
  return hints
}

/** A StringEquals value is compared literally: its `*` is not a wildcard. */
function literal(value: string): string {
  return value.replaceAll('*', '\u0000*').replaceAll('?', '\u0000?')
}

/** Benign owner and repository ids for an immutable `sub` pattern's `@*`; replaced by `naturalIds`. */
const BENIGN_IDS = ['1']

/** Concrete values a hint can take: itself, or its wildcards filled harmlessly. */
function concrete(value: string, fills = BENIGN, limit = 60): string[] {
  if (value.includes('\u0000')) return [value.replaceAll('\u0000', '')]
  if (!hasWildcard(value)) return [value]
  // A value with more wildcards than the audit fills in every way: only its first varies (budget.ts).
  const varying = wildcardCount(value) > AUDIT_LIMITS.wildcards ? 1 : Infinity
  return fillPattern(value, fills, limit, BENIGN_IDS, varying)
}

function first<T>(values: string[] | undefined, read: (v: string) => T | undefined): T | undefined {
  for (const v of values ?? [])
    for (const c of concrete(v)) {
      const r = read(c)
      if (r !== undefined) return r
    }
  return undefined
}

/**
 * An immutable `sub` read from a pattern: ids the pattern leaves open (`@*`) become the ids the
 * names would have, as for any invented run; ids it spells out stay.
 */
function naturalIds(parts: SubjectParts, hint: string): { parts: SubjectParts; known: boolean } {
  if (!parts.immutable) return { parts, known: false }
  const ownerKnown = hint.includes(`@${parts.ownerId}/`)
  const repoKnown = new RegExp(`@${parts.repoId}(?::|$)`).test(hint)
  if (ownerKnown && repoKnown) return { parts, known: true }
  const natural = newRun(parts.owner!, parts.repo!)
  const ownerId = ownerKnown ? parts.ownerId! : natural.ownerId
  const repoId = repoKnown ? parts.repoId! : natural.repoId
  const sub = parts.sub.replace(
    `repo:${parts.owner}@${parts.ownerId}/${parts.repo}@${parts.repoId}`,
    `repo:${parts.owner}@${ownerId}/${parts.repo}@${repoId}`,
  )
  return { parts: { ...parts, sub, ownerId, repoId }, known: false }
}

function readingRank(parts: SubjectParts): number {
  return parts.template === undefined ? 0 : parts.owner !== undefined ? 1 : 2
}

function candidates(h: Hints): { setup: RunSetup; idsKnown: boolean }[] {
  const bases: { parts: SubjectParts; known: boolean }[] = []
  for (const v of (h.get('sub') ?? []).slice(0, 6)) {
    bases.push(
      ...concrete(v)
        .flatMap((s) => parseSubjectValue(s) ?? [])
        // GitHub's default form first, then templates that name the repository: the likelier readings.
        .sort((a, b) => readingRank(a) - readingRank(b))
        .slice(0, 3)
        .map((p) => naturalIds(p, v)),
    )
  }
  const repository = first(h.get('repository'), parseRepository)
  const audience =
    first(h.get('aud'), (v) => (wildcardMatches(v, STS_AUDIENCE) ? STS_AUDIENCE : v)) ??
    STS_AUDIENCE
  const start = newRun(repository?.owner ?? DEMO_OWNER, repository?.repo ?? DEMO_REPO)
  const fromSub = bases.flatMap(({ parts, known }) => {
    const setup = applySubject({ run: start, audience }, parts)
    return setup ? [{ parts, setup, known }] : []
  })
  const setups = fromSub.length
    ? fromSub
    : [{ parts: undefined, setup: { run: start, audience } as RunSetup, known: false }]
  return setups.map(({ parts, setup, known }) => {
    let run = setup.run
    const ref = first(h.get('ref'), parseFullRef)
    if (ref && parts?.context?.kind !== 'ref') run = onRef(run, ref)
    const env = first(h.get('environment'), (v) => (v ? v : undefined))
    if (env && !parts) run = { ...run, environment: env }
    const repoId = first(h.get('repository_id'), (v) => (/^[1-9]\d*$/.test(v) ? v : undefined))
    const ownerId = first(h.get('repository_owner_id'), (v) =>
      /^[1-9]\d*$/.test(v) ? v : undefined,
    )
    if (repoId) run = { ...run, repoId }
    if (ownerId) run = { ...run, ownerId }
    const w = first(h.get('job_workflow_ref'), parseWorkflowRef)
    if (w) run = applyWorkflowRef(run, w)
    for (const claim of ['workflow', 'actor', 'actor_id']) {
      const v = first(h.get(claim), (x) => (x ? x : undefined))
      if (v) run = applyClaim(run, claim, v)
    }
    const enterprise = first(h.get('enterprise_id'), (v) => (/^[1-9]\d*$/.test(v) ? v : undefined))
    if (enterprise) run = { ...run, enterprise: { slug: 'octo-enterprise', id: enterprise } }
    return {
      setup: { ...setup, run },
      idsKnown: Boolean(known || (repoId && ownerId)),
    }
  })
}

function fromIntended(intended: IntendedScope): { setup: RunSetup; idsKnown: boolean }[] {
  const [owner, repo] = (intended.repository ?? 'octo-org/octo-repo').split('/')
  let run = newRun(owner || DEMO_OWNER, !repo || repo === '*' ? 'app' : repo)
  if (intended.ref) {
    const ref = parseFullRef(intended.ref) ?? parseFullRef(`refs/heads/${intended.ref}`)
    if (ref) run = onRef(run, ref)
  }
  if (intended.environment) run = { ...run, environment: intended.environment }
  if (intended.repositoryOwnerId) run = { ...run, ownerId: intended.repositoryOwnerId }
  if (intended.repositoryId) run = { ...run, repoId: intended.repositoryId }
  const w = intended.jobWorkflowRef ? parseWorkflowRef(intended.jobWorkflowRef) : undefined
  if (w) run = applyWorkflowRef(run, w)
  const idsKnown = Boolean(intended.repositoryId && intended.repositoryOwnerId)
  const out = [{ setup: { run, audience: STS_AUDIENCE } as RunSetup, idsKnown }]
  if (intended.pullRequests && !intended.environment) {
    const { branch: _b, tag: _t, ...rest } = run
    const baseRef = intended.ref?.replace(/^refs\/heads\//, '') ?? 'main'
    const pr = {
      ...rest,
      event: 'pull_request',
      headRef: 'feature',
      baseRef,
      pullRequestNumber: '1',
    }
    out.push({ setup: { run: pr, audience: STS_AUDIENCE }, idsKnown })
  }
  return out
}

/**
 * The baseline run, and whether the intended run (if any) is denied.
 *
 * @example
 * findBaseline(ctx).baseline.run.owner // e.g. 'acme' for a policy scoped to repo:acme/app:…
 */
export function findBaseline(ctx: AuditContext): { baseline: Baseline; intendedDenied: boolean } {
  const intended = ctx.options.intended
  const tried: { setup: RunSetup; idsKnown: boolean; source: Baseline['source'] }[] = []
  // The values of the first Allow statements say what the policy is for; more are not read.
  const allows = ctx.policy.statements.filter((s) => s.effect === 'Allow')
  const read = allows.slice(0, AUDIT_LIMITS.statements)
  ctx.coverage.statements = { total: allows.length, read: read.length }
  if (intended) {
    const hinted = read.flatMap((s) => candidates(hintsOf(ctx, s)))
    // The intended scope names the run; the policy's own values may add its audience and template.
    const audience = hinted[0]?.setup.audience ?? STS_AUDIENCE
    for (const i of fromIntended(intended)) {
      tried.push({ ...i, setup: { ...i.setup, audience }, source: 'intended' })
      for (const h of hinted) {
        const subjectTemplate = h.setup.subjectTemplate
        if (subjectTemplate)
          tried.push({ ...i, setup: { ...i.setup, audience, subjectTemplate }, source: 'intended' })
      }
    }
  }
  const meant = meantStatements(ctx).filter((s) => s.effect === 'Allow')
  for (const s of [...meant.slice(0, AUDIT_LIMITS.statements), ...read]) {
    for (const c of candidates(hintsOf(ctx, s))) tried.push({ ...c, source: 'policy' })
  }
  tried.push({
    setup: { run: newRun(DEMO_OWNER, DEMO_REPO), audience: STS_AUDIENCE },
    idsKnown: false,
    source: 'default',
  })
  let fallback: Baseline | undefined
  for (const t of tried) {
    if (mintedSubject(t.setup) === undefined) continue // no run GitHub could have
    const evaluation = evaluateSetup(ctx, t.setup)
    const b: Baseline = {
      ...t.setup,
      source: t.source,
      idsKnown: t.idsKnown,
      evaluation,
      allowed: evaluation.decision === 'Allow',
    }
    if (b.allowed)
      return { baseline: b, intendedDenied: Boolean(intended) && t.source !== 'intended' }
    fallback ??= b
  }
  const intendedBaseline = intended ? fallback! : undefined
  return { baseline: intendedBaseline ?? fallback!, intendedDenied: Boolean(intended) }
}

/**
 * With duplicate JSON keys, the statements as written — earlier blocks included — say best what
 * the author meant to let in.
 */
function meantStatements(ctx: AuditContext): readonly PolicyStatement[] {
  if (!ctx.policy.warnings.some((w) => w.code === 'DuplicateKey')) return []
  return parseTrustPolicy(mergedDuplicates(ctx.policy.source) as object).statements
}

/**
 * The same owner and repository under new ids: a recycled name.
 *
 * @example
 * recycled(baseline).run.ownerId !== baseline.run.ownerId // true
 */
export function recycled(b: RunSetup): RunSetup {
  return { ...b, run: inRepo(b.run, b.run.owner, b.run.repo, true) }
}
