/**
 * Check a `WorkflowRun` and fill in every default, so the claim builder works from a complete,
 * valid description. Bad input throws `InvalidInputError` naming the field (`run.owner`).
 *
 * Claim meanings: https://docs.github.com/en/actions/reference/security/oidc
 */
import { derivedId, derivedNodeId, derivedSha } from './derive.js'
import type { WorkflowRun } from './run.js'
import {
  SHA,
  bad,
  branchName,
  flag,
  fullRef,
  hexSha,
  numeric,
  oneOf,
  refName,
  text,
} from './run-fields.js'

/** A workflow run with every default applied and every field checked. */
export interface ResolvedRun {
  owner: string
  repo: string
  ownerId: string
  repoId: string
  ref: string
  refType: 'branch' | 'tag'
  refProtected: boolean
  sha: string
  event: string
  headRef: string
  baseRef: string
  environment?: string
  environmentNodeId?: string
  actor: string
  actorId: string
  workflowName: string
  workflowRef: string
  workflowSha: string
  jobWorkflowRef: string
  jobWorkflowSha: string
  runner: 'github-hosted' | 'self-hosted'
  visibility: 'public' | 'private' | 'internal'
  enterprise?: { slug: string; id: string }
  runId: string
  runNumber: string
  runAttempt: string
  checkRunId: string
  /** `repo_property_*` claims in insertion order, multi-select values comma-joined. */
  properties: [string, string][]
  immutableSubject: boolean
}

// GitHub account names: letters, digits and single hyphens, at most 39 characters. Enterprise
// managed users add `_shortcode`, so `_` is accepted too. Sim choice: GitHub publishes no grammar.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,38}$/
// Repository names: ASCII letters, digits, `.`, `-`, `_`, at most 100 characters.
const REPO = /^[A-Za-z0-9._-]{1,100}$/
const EVENT = /^[a-z][a-z_]*$/
/** Events whose runs carry `head_ref`/`base_ref` (https://docs.github.com/en/actions/reference/workflows-and-actions/variables). */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/**
 * Validate a run and apply the documented defaults.
 *
 * @example
 * resolveRun({ owner: 'octo-org', repo: 'octo-repo' }).ref // 'refs/heads/main'
 */
export function resolveRun(run: WorkflowRun): ResolvedRun {
  if (typeof run !== 'object' || run === null) throw bad('a workflow run must be an object', 'run')
  const owner = text(run.owner, 'run.owner')
  if (!OWNER.test(owner)) {
    throw bad(
      `"${owner}" is not a GitHub account name (letters, digits, single hyphens, ≤ 39)`,
      'run.owner',
    )
  }
  const repo = text(run.repo, 'run.repo')
  if (!REPO.test(repo) || repo === '.' || repo === '..') {
    throw bad(
      `"${repo}" is not a repository name (letters, digits, ".", "-", "_", ≤ 100)`,
      'run.repo',
    )
  }
  const fullName = `${owner}/${repo}`
  const event = run.event === undefined ? 'push' : text(run.event, 'run.event')
  if (!EVENT.test(event))
    throw bad(`"${event}" is not a GitHub event name such as push`, 'run.event')
  const isPr = PR_EVENTS.has(event)
  const headRef = isPr ? branchName(run.headRef ?? 'feature', 'run.headRef') : ''
  const baseRef = isPr ? branchName(run.baseRef ?? 'main', 'run.baseRef') : ''
  if (!isPr && (run.headRef !== undefined || run.baseRef !== undefined)) {
    throw bad(`headRef/baseRef only exist for pull_request events, not "${event}"`, 'run.headRef')
  }
  const ref = resolveRef(run, event, baseRef)
  // Pull-request merge refs are reported as branches (GITHUB_REF_TYPE). Sim choice: unconfirmed.
  const refType = ref.startsWith('refs/tags/') ? 'tag' : 'branch'
  const sha = run.sha === undefined ? derivedSha(`${fullName}@${ref}`) : hexSha(run.sha, 'run.sha')
  const workflowFile = run.workflowFile ?? '.github/workflows/deploy.yml'
  if (!/^\.github\/workflows\/[^/\s]+\.ya?ml$/.test(workflowFile)) {
    throw bad(
      `"${workflowFile}" is not a workflow file path like .github/workflows/deploy.yml`,
      'run.workflowFile',
    )
  }
  const workflowName =
    run.workflowName === undefined
      ? workflowFile.replace(/^.*\//, '').replace(/\.ya?ml$/, '')
      : text(run.workflowName, 'run.workflowName')
  const workflowRef = `${fullName}/${workflowFile}@${ref}`
  const reusable = resolveReusable(run, ref, sha, fullName)
  const actor = run.actor === undefined ? 'octocat' : text(run.actor, 'run.actor')
  if (!OWNER.test(actor)) throw bad(`"${actor}" is not a GitHub account name`, 'run.actor')
  const environment =
    run.environment === undefined ? undefined : text(run.environment, 'run.environment')
  if (environment !== undefined && environment.length > 255) {
    throw bad('environment names are at most 255 characters', 'run.environment')
  }
  const ownerId = numeric(run.ownerId, 'run.ownerId') ?? derivedId(`owner:${owner}`, 8)
  const repoId = numeric(run.repoId, 'run.repoId') ?? derivedId(`repo:${fullName}`, 9)
  return {
    owner,
    repo,
    ownerId,
    repoId,
    ref,
    refType,
    refProtected: flag(run.refProtected, 'run.refProtected') ?? false,
    sha,
    event,
    headRef,
    baseRef,
    ...(environment === undefined
      ? {}
      : { environment, environmentNodeId: derivedNodeId('EN_kwDO', `${repoId}:${environment}`) }),
    actor,
    actorId: numeric(run.actorId, 'run.actorId') ?? derivedId(`actor:${actor}`, 8),
    workflowName,
    workflowRef,
    workflowSha: sha,
    jobWorkflowRef: reusable?.ref ?? workflowRef,
    jobWorkflowSha: reusable?.sha ?? sha,
    runner: oneOf(run.runner, ['github-hosted', 'self-hosted'], 'run.runner') ?? 'github-hosted',
    visibility:
      oneOf(run.visibility, ['public', 'private', 'internal'], 'run.visibility') ?? 'private',
    ...(run.enterprise === undefined ? {} : { enterprise: resolveEnterprise(run.enterprise) }),
    runId: numeric(run.runId, 'run.runId') ?? derivedId(`run:${workflowRef}:${sha}`, 11),
    runNumber: numeric(run.runNumber, 'run.runNumber') ?? '1',
    runAttempt: numeric(run.runAttempt, 'run.runAttempt') ?? '1',
    checkRunId:
      numeric(run.checkRunId, 'run.checkRunId') ?? derivedId(`check:${workflowRef}:${sha}`, 12),
    properties: resolveProperties(run.customProperties),
    immutableSubject: flag(run.immutableSubject, 'run.immutableSubject') ?? false,
  }
}

function resolveRef(run: WorkflowRun, event: string, baseRef: string): string {
  if (run.ref !== undefined) return fullRef(run.ref, 'run.ref')
  if (run.branch !== undefined && run.tag !== undefined) {
    throw bad('a run is on a branch or a tag, not both', 'run.tag')
  }
  if (event === 'pull_request') {
    if (run.branch !== undefined || run.tag !== undefined) {
      throw bad(
        'a pull_request run checks out refs/pull/N/merge; set headRef/baseRef (or ref) instead of branch/tag',
        run.branch !== undefined ? 'run.branch' : 'run.tag',
      )
    }
    const n = numeric(run.pullRequestNumber, 'run.pullRequestNumber') ?? '1'
    return `refs/pull/${n}/merge`
  }
  if (run.pullRequestNumber !== undefined) {
    throw bad(
      `pullRequestNumber only applies to pull_request events, not "${event}"`,
      'run.pullRequestNumber',
    )
  }
  if (run.tag !== undefined) return `refs/tags/${refName(run.tag, 'run.tag')}`
  // pull_request_target runs on the base branch (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request_target).
  const branch = run.branch ?? (event === 'pull_request_target' ? baseRef : 'main')
  return `refs/heads/${branchName(branch, 'run.branch')}`
}

function resolveReusable(
  run: WorkflowRun,
  callerRef: string,
  callerSha: string,
  fullName: string,
): { ref: string; sha: string } | undefined {
  const r = run.reusableWorkflow
  if (r === undefined) return undefined
  if (typeof r !== 'object' || r === null) throw bad('must be an object', 'run.reusableWorkflow')
  const repository = text(r.repository, 'run.reusableWorkflow.repository')
  const [o, n, ...rest] = repository.split('/')
  if (rest.length > 0 || !o || !n || !OWNER.test(o) || !REPO.test(n)) {
    throw bad(`"${repository}" is not an owner/repo name`, 'run.reusableWorkflow.repository')
  }
  const path = text(r.path, 'run.reusableWorkflow.path')
  if (!/^\.github\/workflows\/[^/\s]+\.ya?ml$/.test(path)) {
    throw bad(
      `"${path}" is not a workflow file path like .github/workflows/deploy.yml`,
      'run.reusableWorkflow.path',
    )
  }
  const ref = SHA.test(r.ref) ? r.ref : fullRef(r.ref, 'run.reusableWorkflow.ref')
  const jobRef = `${repository}/${path}@${ref}`
  let sha: string
  if (r.sha !== undefined) sha = hexSha(r.sha, 'run.reusableWorkflow.sha')
  else if (SHA.test(ref)) sha = ref
  else if (repository === fullName && ref === callerRef) sha = callerSha
  else sha = derivedSha(jobRef)
  return { ref: jobRef, sha }
}

function resolveEnterprise(e: NonNullable<WorkflowRun['enterprise']>): {
  slug: string
  id: string
} {
  if (typeof e !== 'object' || e === null) throw bad('must be an object', 'run.enterprise')
  const slug = text(e.slug, 'run.enterprise.slug')
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(slug)) {
    throw bad(
      `"${slug}" is not an enterprise slug (lowercase letters, digits, hyphens)`,
      'run.enterprise.slug',
    )
  }
  const id = numeric(e.id, 'run.enterprise.id')
  if (id === undefined) throw bad('an enterprise needs its numeric id', 'run.enterprise.id')
  return { slug, id }
}

function resolveProperties(props: WorkflowRun['customProperties']): [string, string][] {
  if (props === undefined) return []
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    throw bad('must be an object of property name → value', 'run.customProperties')
  }
  return Object.entries(props).map(([name, value]) => {
    const path = `run.customProperties.${name}`
    if (!/^[A-Za-z0-9_$#-]+$/.test(name)) {
      throw bad(`"${name}" is not a custom property name (letters, digits, _ - $ #)`, path)
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => text(v, `${path}[${i}]`))
      // Multi-select values are comma-joined in the claim (FACTS.md §1.3).
      return [`repo_property_${name}`, value.join(',')]
    }
    if (typeof value !== 'string') throw bad('must be a string or an array of strings', path)
    return [`repo_property_${name}`, value]
  })
}
