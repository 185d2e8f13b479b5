/**
 * Attacker runs: variations of the baseline run that someone other than its owner could start —
 * another owner (including one whose name extends the victim's), another repository of the same
 * owner, a recycled name with new ids, another branch or tag, a pull request, a
 * pull_request_target run triggered from a fork, another environment, a moved reusable-workflow
 * tag — plus runs made by filling every wildcard in the policy's own patterns with
 * attacker-chosen text. The engine decides which of them get in.
 */
import type { AuditContext, RunSetup } from './context.js'
import { providerSuffix } from './context.js'
import { recycled } from './baseline.js'
import {
  applySubject,
  applyWorkflowRef,
  hexSha,
  inRepo,
  mintedSubject,
  numericId,
  onRef,
  runRef,
} from './runs.js'
import {
  fillPattern,
  hasWildcard,
  isOwnerName,
  isRefName,
  isRepoName,
  literalPrefix,
  parseFullRef,
  parseRepository,
  parseSubjectValue,
  parseWorkflowRef,
} from './subject.js'
import { AUDIT_LIMITS, wildcardCount } from './budget.js'
import { OPERATORS } from '../aws/policy/operator-names.js'

/** The attacker's account and repository names. */
export const ATTACKER = { owner: 'mallory-org', repo: 'exploit', actor: 'mallory' } as const

function withActor(setup: RunSetup, actor: string): RunSetup {
  return { ...setup, run: { ...setup.run, actor, actorId: numericId(`actor:${actor}`, 8) } }
}

function foreign(base: RunSetup, owner: string, repo: string): RunSetup {
  return withActor({ ...base, run: inRepo(base.run, owner, repo) }, ATTACKER.actor)
}

function defaultContext(setup: RunSetup): string {
  const r = setup.run
  if (r.environment !== undefined) return `environment:${r.environment.replaceAll(':', '%3A')}`
  if (r.event === 'pull_request') return 'pull_request'
  return `ref:${runRef(r)}`
}

/** The hand-written attacks: one per way a run can differ from the baseline. */
function structured(b: RunSetup): RunSetup[] {
  const r = b.run
  const out: RunSetup[] = []
  const owner = r.owner.toLowerCase() === ATTACKER.owner ? 'mallory-corp' : ATTACKER.owner
  out.push(foreign(b, owner, r.repo), foreign(b, owner, ATTACKER.repo))
  const prefixOwner = `${r.owner}-mallory`
  if (isOwnerName(prefixOwner)) out.push(foreign(b, prefixOwner, r.repo))
  out.push({ ...b, run: inRepo(r, r.owner, ATTACKER.repo) })
  if (isRepoName(`${r.repo}-exploit`))
    out.push({ ...b, run: inRepo(r, r.owner, `${r.repo}-exploit`) })
  out.push(recycled(b))
  const ref = runRef(r)
  const branch = ref.startsWith('refs/heads/') ? ref.slice(11) : undefined
  const tag = ref.startsWith('refs/tags/') ? ref.slice(10) : undefined
  const refs = ['attacker-branch', ...(branch ? [`${branch}-attacker`, `${branch}/attacker`] : [])]
  for (const name of refs) if (isRefName(name)) out.push({ ...b, run: onRef(r, { branch: name }) })
  out.push({ ...b, run: onRef(r, { tag: tag ? `${tag}-attacker` : 'attacker-tag' }) })
  const { environment: _env, ...noEnv } = r
  const { branch: _b, tag: _t, ref: _r, reusableWorkflow: _w, ...prBase } = noEnv
  const pr = {
    ...prBase,
    ...(r.reusableWorkflow ? { reusableWorkflow: r.reusableWorkflow } : {}),
    event: 'pull_request',
    headRef: 'untrusted-change',
    baseRef: branch ?? 'main',
    pullRequestNumber: '7',
  }
  out.push(withActor({ ...b, run: pr }, 'contributor'))
  if (r.environment !== undefined)
    out.push(withActor({ ...b, run: { ...pr, environment: r.environment } }, 'contributor'))
  // The repository's own pull_request_target workflow: another file, with its own name.
  const { workflowName: _name, ...prtBase } = prBase
  const prt = {
    ...prtBase,
    event: 'pull_request_target',
    headRef: 'fork-branch',
    baseRef: branch ?? 'main',
    workflowFile: '.github/workflows/pr-target.yml',
    sha: r.sha,
  }
  out.push(withActor({ ...b, run: prt }, 'fork-contributor'))
  if (r.environment !== undefined) {
    out.push({ ...b, run: noEnv })
    out.push({ ...b, run: { ...r, environment: `${r.environment}-attacker` } })
    out.push({ ...b, run: onRef(r, { branch: 'attacker-branch' }) })
  } else {
    out.push({ ...b, run: { ...r, environment: 'attacker-env' } })
  }
  const reusable = r.reusableWorkflow
  if (reusable) {
    if (!/^[0-9a-f]{40}$/.test(reusable.ref)) {
      const moved = {
        ...reusable,
        sha: hexSha(`moved:${reusable.repository}/${reusable.path}@${reusable.ref}`),
      }
      out.push({ ...b, run: { ...r, reusableWorkflow: moved } })
    }
    out.push(foreign(b, owner, ATTACKER.repo))
  }
  return out
}

/** Text an attacker puts where a pattern has `*`. */
function attackerFills(b: RunSetup): string[] {
  const r = b.run
  const ctx = defaultContext(b)
  return [
    ATTACKER.owner,
    '-mallory',
    'mallory',
    ATTACKER.repo,
    '-exploit',
    'attacker-branch',
    '-attacker',
    '/attacker',
    'x',
    '',
    `${ATTACKER.owner}/${r.repo}:${ctx}`,
    `-mallory/${r.repo}:${ctx}`,
    `${ATTACKER.repo}:${ctx}`,
    `-exploit:${ctx}`,
    'ref:refs/heads/attacker-branch',
    'pull_request',
    'environment:attacker-env',
    `${ATTACKER.owner}/${r.repo}`,
    `:repo:${ATTACKER.owner}/${ATTACKER.repo}:ref:refs/heads/main`,
    `repo:${ATTACKER.owner}/${r.repo}:${ctx}`,
  ]
}

/**
 * What an attacker puts where an immutable `sub` pattern leaves an id open (`repo:OWNER@*` then `REPO@*`): the
 * ids of a recycled owner and repository name, and of the attacker's own account and repository.
 */
function attackerIds(b: RunSetup): string[] {
  const again = recycled(b).run
  const theirs = inRepo(b.run, ATTACKER.owner, b.run.repo)
  return [again.ownerId, again.repoId, theirs.ownerId, theirs.repoId]
}

/** Attacks made from the policy's own `StringLike` patterns, wildcards filled by the attacker. */
function fromPatterns(ctx: AuditContext, b: RunSetup): RunSetup[] {
  const fills = attackerFills(b)
  const ids = attackerIds(b)
  const values: { suffix: string | undefined; value: string; index: number }[] = []
  for (const s of ctx.policy.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      const spec = OPERATORS.get(c.operator.base)
      if (!spec?.wildcards || spec.negated || spec.family !== 'String') continue
      const suffix = providerSuffix(ctx, c.key)
      for (const v of c.values) {
        if (hasWildcard(v.value)) values.push({ suffix, value: v.value, index: values.length })
      }
    }
  }
  const coverage = ctx.coverage
  coverage.patternValues.total = values.length
  const chosen = loosest(values, AUDIT_LIMITS.patternValues)
  const out: RunSetup[] = []
  let left: number = AUDIT_LIMITS.fills
  let filledValues = 0
  for (const { suffix, value } of chosen) {
    if (left <= 0) {
      coverage.fillsCut = true
      break
    }
    const limit = Math.min(1500, left)
    // A value with too many wildcards: the attacker's text goes in the first one only.
    const many = wildcardCount(value) > AUDIT_LIMITS.wildcards
    if (many) coverage.tooManyWildcards++
    const filled = fillPattern(
      value,
      fills,
      limit,
      suffix === 'sub' ? ids : fills,
      many ? 1 : Infinity,
    )
    if (filled.length === limit && limit < 1500) coverage.fillsCut = true
    left -= filled.length
    filledValues++
    for (const text of filled) {
      const setup = readFilled(b, suffix, text)
      if (setup) out.push(setup)
    }
  }
  coverage.patternValues.filled = filledValues
  return out
}

/**
 * At most `n` values, the loosest first (the shortest literal text before the first wildcard:
 * `repo:*` before `repo:acme/app:*`), kept in policy order; all of them when there are fewer.
 */
function loosest<T extends { value: string; index: number }>(values: T[], n: number): T[] {
  if (values.length <= n) return values
  return [...values]
    .sort(
      (a, b) => literalPrefix(a.value).length - literalPrefix(b.value).length || a.index - b.index,
    )
    .slice(0, n)
    .sort((a, b) => a.index - b.index)
}

function readFilled(b: RunSetup, suffix: string | undefined, value: string): RunSetup | undefined {
  switch (suffix) {
    case 'sub': {
      const parts = parseSubjectValue(value)
      return parts && applySubject(b, parts, ATTACKER.actor)
    }
    case 'repository': {
      const p = parseRepository(value)
      if (!p) return undefined
      const moved = { ...b, run: inRepo(b.run, p.owner, p.repo) }
      return p.owner.toLowerCase() === b.run.owner.toLowerCase()
        ? moved
        : withActor(moved, ATTACKER.actor)
    }
    case 'ref': {
      const ref = parseFullRef(value)
      return ref && { ...b, run: onRef(b.run, ref) }
    }
    case 'environment':
      return value && value.length <= 255 && !/[\x00-\x1f]/.test(value)
        ? { ...b, run: { ...b.run, environment: value } }
        : undefined
    case 'job_workflow_ref': {
      const w = parseWorkflowRef(value)
      return w && { ...b, run: applyWorkflowRef(b.run, w) }
    }
    case 'workflow':
      return value ? { ...b, run: { ...b.run, workflowName: value } } : undefined
    default:
      return undefined
  }
}

/**
 * Every attacker run to try against the policy, without duplicates.
 *
 * @example
 * attackSetups(ctx, baseline).length // dozens to a few hundred
 */
export function attackSetups(ctx: AuditContext, baseline: RunSetup): RunSetup[] {
  // Only the setup itself: a Baseline also carries its evaluation, which would be copied into
  // (and serialised with) every attack, costing time and memory in the size of the policy.
  const b: RunSetup = {
    run: baseline.run,
    audience: baseline.audience,
    ...(baseline.subjectTemplate ? { subjectTemplate: baseline.subjectTemplate } : {}),
  }
  const seen = new Set<string>()
  const out: RunSetup[] = []
  for (const setup of [...structured(b), ...fromPatterns(ctx, b)]) {
    const key = JSON.stringify(setup)
    if (seen.has(key)) continue
    seen.add(key)
    // Only runs GitHub could have: each is minted with githubClaims, which refuses the others.
    if (mintedSubject(setup) !== undefined) out.push(setup)
  }
  ctx.coverage.attacks = { built: out.length, tried: out.length }
  return out
}
