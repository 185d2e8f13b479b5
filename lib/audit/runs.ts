/**
 * Building workflow runs for the auditor: deterministic ids and SHAs (so every audit is
 * reproducible), and turning what a policy value says (`SubjectParts`, a ref, a reusable-workflow
 * ref) into changes of a run.
 */
import type { RunSetup } from './context.js'
import type { RunRef, SubjectParts, WorkflowRefParts } from './subject.js'
import type { AttackRun } from './types.js'

function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/**
 * A numeric id string with `digits` digits derived from a seed (GitHub ids are numeric strings).
 *
 * @example
 * numericId('owner:mallory-org', 8).length // 8
 */
export function numericId(seed: string, digits: number): string {
  let out = String(1 + (fnv(seed) % 9))
  for (let i = 1; out.length < digits; i++) out += String(fnv(`${i}:${seed}`)).padStart(10, '0')
  return out.slice(0, digits)
}

/**
 * A 40-hex commit SHA derived from a seed.
 *
 * @example
 * hexSha('acme/app@main').length // 40
 */
export function hexSha(seed: string): string {
  return [0, 1, 2, 3, 4].map((i) => fnv(`${i}:${seed}`).toString(16).padStart(8, '0')).join('')
}

/**
 * A run of `owner/repo` on `main`, pushed by `actor`, with every id derived from the names.
 *
 * @example
 * newRun('acme', 'app').branch // 'main'
 */
export function newRun(owner: string, repo: string, actor = 'octocat'): AttackRun {
  const full = `${owner}/${repo}`
  return {
    owner,
    repo,
    ownerId: numericId(`owner:${owner.toLowerCase()}`, 8),
    repoId: numericId(`repo:${full.toLowerCase()}`, 9),
    branch: 'main',
    actor,
    actorId: numericId(`actor:${actor.toLowerCase()}`, 8),
    sha: hexSha(`${full}@main`),
    runId: numericId(`run:${full}`, 11),
    runNumber: '1',
    runAttempt: '1',
    checkRunId: numericId(`check:${full}`, 12),
  }
}

/**
 * The full ref a run checks out (same rules as the claim builder).
 *
 * @example
 * runRef({ ...newRun('acme', 'app'), tag: 'v1', branch: undefined }) // 'refs/tags/v1'
 */
export function runRef(run: AttackRun): string {
  if (run.ref !== undefined) return run.ref
  if (run.event === 'pull_request') return `refs/pull/${run.pullRequestNumber ?? '1'}/merge`
  if (run.tag !== undefined) return `refs/tags/${run.tag}`
  return `refs/heads/${run.branch ?? (run.event === 'pull_request_target' ? (run.baseRef ?? 'main') : 'main')}`
}

/**
 * The run moved to another branch or tag (a new commit).
 *
 * @example
 * onRef(newRun('acme', 'app'), { branch: 'dev' }).branch // 'dev'
 */
export function onRef(run: AttackRun, ref: RunRef): AttackRun {
  const { branch: _b, tag: _t, ref: _r, ...rest } = run
  const name = 'branch' in ref ? ref.branch : ref.tag
  return { ...rest, ...ref, sha: hexSha(`${run.owner}/${run.repo}@${name}`) }
}

/**
 * The run in another repository. Same owner name keeps the owner id (same account); another
 * owner gets new ids — as does a recycled name when `recycled` is set.
 *
 * @example
 * inRepo(newRun('acme', 'app'), 'acme', 'other').ownerId === newRun('acme', 'app').ownerId // true
 */
export function inRepo(run: AttackRun, owner: string, repo: string, recycled = false): AttackRun {
  const sameOwner = owner.toLowerCase() === run.owner.toLowerCase() && !recycled
  const sameRepo = sameOwner && repo.toLowerCase() === run.repo.toLowerCase()
  const tag = recycled ? 'recycled:' : ''
  return {
    ...run,
    owner,
    repo,
    ownerId: sameOwner ? run.ownerId : numericId(`owner:${tag}${owner.toLowerCase()}`, 8),
    repoId: sameRepo ? run.repoId : numericId(`repo:${tag}${owner}/${repo}`.toLowerCase(), 9),
    sha: sameRepo ? run.sha : hexSha(`${tag}${owner}/${repo}@${runRef(run)}`),
  }
}

/**
 * Apply what a `sub` value says to a run (repository, ids, context, template claims).
 *
 * @example
 * applySubject(setup, parseSubjectValue('repo:acme/app:environment:prod')!).run.environment // 'prod'
 */
export function applySubject(
  setup: RunSetup,
  parts: SubjectParts,
  foreignActor?: string,
): RunSetup {
  let run = setup.run
  if (parts.owner !== undefined && parts.repo !== undefined) {
    run = inRepo(run, parts.owner, parts.repo)
    if (parts.ownerId !== undefined) run = { ...run, ownerId: parts.ownerId, repoId: parts.repoId! }
    run = { ...run, immutableSubject: parts.immutable }
  }
  if (foreignActor && run.owner.toLowerCase() !== setup.run.owner.toLowerCase()) {
    run = { ...run, actor: foreignActor, actorId: numericId(`actor:${foreignActor}`, 8) }
  }
  run = applyContext(run, parts.context)
  for (const [claim, value] of Object.entries(parts.claims)) run = applyClaim(run, claim, value)
  const { subjectTemplate: _t, ...rest } = setup
  return parts.template ? { ...rest, run, subjectTemplate: parts.template } : { ...rest, run }
}

function applyContext(run: AttackRun, context: SubjectParts['context']): AttackRun {
  const {
    environment: _e,
    event: _v,
    headRef: _h,
    baseRef: _b,
    pullRequestNumber: _n,
    ...rest
  } = run
  if (context.kind === 'environment') {
    return { ...run, environment: context.name }
  }
  if (context.kind === 'pull_request') {
    const { branch: _br, tag: _tg, ref: _r, ...pr } = rest
    return {
      ...pr,
      event: 'pull_request',
      headRef: 'untrusted-change',
      baseRef: 'main',
      pullRequestNumber: '7',
    }
  }
  return onRef(rest, context.ref)
}

/**
 * Set one claim a custom template names. `undefined` fields mean the value cannot be set.
 *
 * @example
 * applyClaim(newRun('acme', 'app'), 'workflow', 'deploy').workflowName // 'deploy'
 */
export function applyClaim(run: AttackRun, claim: string, value: string): AttackRun {
  switch (claim) {
    case 'workflow':
      return { ...run, workflowName: value }
    case 'actor':
      return { ...run, actor: value, actorId: numericId(`actor:${value}`, 8) }
    case 'actor_id':
      return { ...run, actorId: value }
    case 'repository_owner_id':
      return { ...run, ownerId: value }
    case 'repository_id':
      return { ...run, repoId: value }
    case 'repository_visibility':
      return value === 'public' || value === 'private' || value === 'internal'
        ? { ...run, visibility: value }
        : run
    case 'runner_environment':
      return value === 'github-hosted' || value === 'self-hosted' ? { ...run, runner: value } : run
    case 'event_name':
      return { ...run, event: value }
    default:
      return run
  }
}

/**
 * Run a `job_workflow_ref`: the run's own workflow file when it names the run's repository (the
 * ref is then the run's ref), else a reusable workflow it calls.
 *
 * @example
 * applyWorkflowRef(run, parseWorkflowRef('acme/ci/.github/workflows/d.yml@refs/tags/v1')!).reusableWorkflow?.ref // 'refs/tags/v1'
 */
export function applyWorkflowRef(run: AttackRun, w: WorkflowRefParts): AttackRun {
  const own =
    w.owner.toLowerCase() === run.owner.toLowerCase() &&
    w.repo.toLowerCase() === run.repo.toLowerCase()
  if (own && !/^[0-9a-f]{40}$/.test(w.ref)) {
    const { reusableWorkflow: _r, ...rest } = run
    const ref = w.ref.startsWith('refs/tags/')
      ? { tag: w.ref.slice(10) }
      : { branch: w.ref.slice(11) }
    return { ...(runRef(run) === w.ref ? rest : onRef(rest, ref)), workflowFile: w.path }
  }
  return {
    ...run,
    reusableWorkflow: {
      repository: `${w.owner}/${w.repo}`,
      path: w.path,
      ref: w.ref,
      sha: /^[0-9a-f]{40}$/.test(w.ref) ? w.ref : hexSha(`${w.owner}/${w.repo}/${w.path}@${w.ref}`),
    },
  }
}
