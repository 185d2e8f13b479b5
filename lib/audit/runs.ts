/**
 * Building workflow runs for the auditor: deterministic ids and SHAs (so every audit is
 * reproducible), and turning what a policy value says (`SubjectParts`, a ref, a reusable-workflow
 * ref) into changes of a run.
 */
import type { RunSetup } from './context.js'
import {
  isOwnerName,
  isRefName,
  parseFullRef,
  parseRepository,
  parseWorkflowRef,
} from './subject.js'
import type { RunRef, SubjectParts, WorkflowRefParts } from './subject.js'
import type { AttackRun } from './types.js'
import { fixedClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { githubClaims } from '../github/claims.js'

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
 * Apply what a `sub` value says to a run (repository, ids, context, template claims), or
 * `undefined` when no run can mint it: the result is checked with GitHub's own `githubSubject`
 * (through `githubClaims`), so the run really carries that `sub`.
 *
 * @example
 * applySubject(setup, parseSubjectValue('repo:acme/app:environment:prod')!)?.run.environment // 'prod'
 */
export function applySubject(
  setup: RunSetup,
  parts: SubjectParts,
  foreignActor?: string,
): RunSetup | undefined {
  let run: AttackRun | undefined = setup.run
  if (parts.owner !== undefined && parts.repo !== undefined) {
    run = inRepo(run, parts.owner, parts.repo)
    if (parts.ownerId !== undefined) run = { ...run, ownerId: parts.ownerId, repoId: parts.repoId! }
    run = { ...run, immutableSubject: parts.immutable }
  }
  if (parts.context) run = applyContext(run, parts.context)
  // Claims that move the run to another repository or event first, so ids and refs set after stay.
  const claims = Object.entries(parts.claims).sort(([a], [b]) => claimOrder(a) - claimOrder(b))
  for (const [claim, value] of claims) run = run && setClaim(run, claim, value)
  if (!run) return undefined
  if (foreignActor && run.owner.toLowerCase() !== setup.run.owner.toLowerCase()) {
    if (!('actor' in parts.claims) && !('actor_id' in parts.claims))
      run = { ...run, actor: foreignActor, actorId: numericId(`actor:${foreignActor}`, 8) }
  }
  const { subjectTemplate: _t, ...rest } = setup
  const out = parts.template ? { ...rest, run, subjectTemplate: parts.template } : { ...rest, run }
  return mintedSubject(out) === parts.sub ? out : undefined
}

/**
 * The `sub` GitHub mints for a setup (`githubClaims`), or `undefined` when GitHub could not run it.
 *
 * @example
 * mintedSubject({ run: newRun('acme', 'app'), audience: 'sts.amazonaws.com' }) // 'repo:acme/app:ref:refs/heads/main'
 */
export function mintedSubject(setup: RunSetup): string | undefined {
  try {
    return githubClaims(setup.run, {
      audience: setup.audience,
      ...(setup.subjectTemplate ? { subjectTemplate: setup.subjectTemplate } : {}),
      clock: SUBJECT_CLOCK,
      jti: 'subject-only', // the sub does not depend on it; skip deriving one
    }).sub
  } catch (e) {
    if (e instanceof InvalidInputError) return undefined
    throw e
  }
}

const SUBJECT_CLOCK = fixedClock(0)

const FIRST = [
  'repository',
  'repository_owner',
  'workflow_ref',
  'job_workflow_ref',
  'event_name',
  'ref',
]

function claimOrder(claim: string): number {
  const i = FIRST.indexOf(claim)
  return i === -1 ? FIRST.length : i
}

function applyContext(run: AttackRun, context: NonNullable<SubjectParts['context']>): AttackRun {
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
  if (context.kind === 'pull_request') return pullRequest(rest)
  return onRef(rest, context.ref)
}

function pullRequest(run: AttackRun): AttackRun {
  const { branch: _br, tag: _tg, ref: _r, ...pr } = run
  return {
    ...pr,
    event: 'pull_request',
    headRef: 'untrusted-change',
    baseRef: 'main',
    pullRequestNumber: '7',
  }
}

const ID = /^[1-9][0-9]{0,15}$/

/**
 * Give a run the value a custom template names for one claim, where a run can have it; else
 * `undefined`. Claims GitHub derives (`ref_type`, `workflow_sha`, …) are left to the check in
 * `applySubject`. Claim meanings: https://docs.github.com/en/actions/reference/security/oidc
 *
 * @example
 * setClaim(newRun('acme', 'app'), 'repository_owner', 'evil')?.owner // 'evil'
 */
export function setClaim(run: AttackRun, claim: string, value: string): AttackRun | undefined {
  if (claim.startsWith('repo_property_')) {
    const name = claim.slice('repo_property_'.length)
    return { ...run, customProperties: { ...run.customProperties, [name]: value } }
  }
  switch (claim) {
    case 'repository': {
      const p = parseRepository(value)
      return p && inRepo(run, p.owner, p.repo)
    }
    case 'repository_owner':
      return isOwnerName(value) ? inRepo(run, value, run.repo) : undefined
    case 'repository_owner_id':
      return ID.test(value) ? { ...run, ownerId: value } : undefined
    case 'repository_id':
      return ID.test(value) ? { ...run, repoId: value } : undefined
    case 'actor':
      return isOwnerName(value)
        ? { ...run, actor: value, actorId: numericId(`actor:${value}`, 8) }
        : undefined
    case 'actor_id':
      return ID.test(value) ? { ...run, actorId: value } : undefined
    case 'workflow':
      return value ? { ...run, workflowName: value } : undefined
    case 'event_name':
      return setEvent(run, value)
    case 'ref': {
      const ref = parseFullRef(value)
      if (ref) return run.event === 'pull_request' ? undefined : onRef(run, ref)
      // A pull_request run checks out the merge ref (FACTS.md §1.5 context).
      const pr = /^refs\/pull\/([1-9][0-9]*)\/merge$/.exec(value)
      if (!pr) return undefined
      return {
        ...(run.event === 'pull_request' ? run : pullRequest(run)),
        pullRequestNumber: pr[1]!,
      }
    }
    case 'environment': {
      if (value === '') {
        const { environment: _e, ...rest } = run
        return rest
      }
      return value.length <= 255 ? { ...run, environment: value } : undefined
    }
    case 'head_ref':
    case 'base_ref': {
      const pr = run.event === 'pull_request' || run.event === 'pull_request_target'
      if (!pr && value === '') return run
      if (!isRefName(value)) return undefined
      // Only pull-request events carry these: a run that has one is (at least) pull_request_target.
      const target = pr ? run : setEvent(run, 'pull_request_target')
      if (!target) return undefined
      return claim === 'head_ref' ? { ...target, headRef: value } : { ...target, baseRef: value }
    }
    case 'sha':
      return /^[0-9a-f]{40}$/.test(value) ? { ...run, sha: value } : undefined
    case 'job_workflow_ref':
    case 'workflow_ref': {
      // `workflow_ref` is the run's own workflow file at its ref; `job_workflow_ref` is that or
      // the reusable workflow it calls. A pull_request run's own workflow sits at the merge ref.
      const pr = /^(.+)@(refs\/pull\/[1-9][0-9]*\/merge)$/.exec(value)
      const w = parseWorkflowRef(pr ? `${pr[1]}@refs/heads/main` : value)
      if (!w) return undefined
      const own = claim === 'workflow_ref' || pr !== null
      const moved =
        own && `${w.owner}/${w.repo}`.toLowerCase() !== `${run.owner}/${run.repo}`.toLowerCase()
          ? inRepo(run, w.owner, w.repo)
          : run
      if (pr) {
        const at = setClaim(moved, 'ref', pr[2]!)
        return at && { ...at, workflowFile: w.path }
      }
      if (own && /^[0-9a-f]{40}$/.test(w.ref)) return undefined
      return applyWorkflowRef(moved, w)
    }
    case 'ref_protected':
      return value === 'true' || value === 'false'
        ? { ...run, refProtected: value === 'true' }
        : undefined
    case 'repository_visibility':
      return value === 'public' || value === 'private' || value === 'internal'
        ? { ...run, visibility: value }
        : undefined
    case 'runner_environment':
      return value === 'github-hosted' || value === 'self-hosted'
        ? { ...run, runner: value }
        : undefined
    case 'enterprise':
    case 'enterprise_id':
      if (value === '') {
        const { enterprise: _e, ...rest } = run
        return rest // not an enterprise repository: the claim is absent, written empty
      }
      return claim === 'enterprise_id'
        ? enterpriseId(run, value)
        : /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(value)
          ? {
              ...run,
              enterprise: { slug: value, id: run.enterprise?.id ?? numericId(`ent:${value}`, 6) },
            }
          : undefined
    case 'run_id':
    case 'run_number':
    case 'run_attempt':
    case 'check_run_id': {
      if (!ID.test(value)) return undefined
      const field = { run_id: 'runId', run_number: 'runNumber', run_attempt: 'runAttempt' }[
        claim as 'run_id'
      ]
      return { ...run, [field ?? 'checkRunId']: value }
    }
    default:
      return run
  }
}

function enterpriseId(run: AttackRun, value: string): AttackRun | undefined {
  return ID.test(value)
    ? { ...run, enterprise: { slug: run.enterprise?.slug ?? 'octo-enterprise', id: value } }
    : undefined
}

/** A run triggered by another event, with the fields that event carries. */
function setEvent(run: AttackRun, event: string): AttackRun | undefined {
  if (!/^[a-z][a-z_]*$/.test(event)) return undefined
  if (event === run.event) return run
  const { headRef: _h, baseRef: _b, pullRequestNumber: _n, ...rest } = run
  if (event === 'pull_request') return pullRequest(run)
  if (run.event === 'pull_request') return undefined // the ref says pull request, the event not
  if (event === 'pull_request_target') {
    const ref = runRef(run)
    const base = ref.startsWith('refs/heads/') ? ref.slice(11) : 'main'
    return { ...rest, event, headRef: 'fork-branch', baseRef: base }
  }
  return { ...rest, event }
}

/**
 * Set one claim a custom template names; the run unchanged where it cannot be set.
 *
 * @example
 * applyClaim(newRun('acme', 'app'), 'workflow', 'deploy').workflowName // 'deploy'
 */
export function applyClaim(run: AttackRun, claim: string, value: string): AttackRun {
  return setClaim(run, claim, value) ?? run
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
