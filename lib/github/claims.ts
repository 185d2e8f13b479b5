/**
 * The claim set GitHub puts in a job's OIDC token, built from a `WorkflowRun`.
 *
 * Reference: https://docs.github.com/en/actions/reference/security/oidc (FACTS.md §1.3–1.4).
 * Every value is a string except `exp`/`iat`/`nbf`; ids are numeric strings, booleans are
 * `"true"`/`"false"`, and `aud` is one string.
 */
import { systemClock, epochSeconds, type Clock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { derivedUuid } from './derive.js'
import { resolveRun } from './resolve-run.js'
import type { WorkflowRun } from './run.js'
import { githubSubject, type SubjectTemplate } from './subject.js'

/** github.com's issuer (FACTS.md §1.7). */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** The claims of a GitHub Actions OIDC token, in the order GitHub writes them. */
export interface GitHubClaims {
  jti: string
  sub: string
  environment?: string
  environment_node_id?: string
  aud: string
  ref: string
  sha: string
  repository: string
  repository_owner: string
  repository_owner_id: string
  run_id: string
  run_number: string
  run_attempt: string
  repository_visibility: 'public' | 'private' | 'internal'
  repository_id: string
  actor_id: string
  actor: string
  workflow: string
  head_ref: string
  base_ref: string
  event_name: string
  ref_protected: 'true' | 'false'
  ref_type: 'branch' | 'tag'
  workflow_ref: string
  workflow_sha: string
  job_workflow_ref: string
  job_workflow_sha: string
  runner_environment: 'github-hosted' | 'self-hosted'
  enterprise?: string
  enterprise_id?: string
  check_run_id: string
  iss: string
  nbf: number
  exp: number
  iat: number
  /** Repository custom properties opted into the token; multi-select values comma-joined. */
  [property: `repo_property_${string}`]: string
}

export interface ClaimOptions {
  /** Token issuer (`iss`). Default github.com's, `https://token.actions.githubusercontent.com`. */
  issuer?: string
  /** Audience (`aud`). Default `https://github.com/OWNER`, as the runner uses when none is asked. */
  audience?: string
  /** Time of issue. Default the system clock (pass one to keep the function pure). */
  clock?: Clock
  /** `exp − iat`. Default 300 s, as in every sample token (FACTS.md §1.4). */
  lifetimeSeconds?: number
  /** `iat − nbf`. Default 300 s (tokens since 2026; older ones used 600). */
  notBeforeSeconds?: number
  /** Token id. Default a UUID derived from all other claims, so equal inputs give equal tokens. */
  jti?: string
  /** The repository's custom `sub` template (REST `include_claim_keys`/`use_default`). */
  subjectTemplate?: SubjectTemplate
}

/**
 * Build the exact claim set GitHub issues for a workflow run. Defaults for ids and SHAs are derived
 * from the names with SHA-256 (see `derive.ts`), so two words describe a reproducible run.
 * Throws `InvalidInputError` (with `path`, e.g. `run.owner`) on bad input.
 *
 * @example
 * const claims = githubClaims(
 *   { owner: 'octo-org', repo: 'octo-repo', environment: 'prod' },
 *   { audience: 'sts.amazonaws.com', clock: fixedClock('2026-10-08T18:31:15Z') },
 * )
 * claims.sub // 'repo:octo-org/octo-repo:environment:prod'
 * claims.exp - claims.iat // 300
 */
export function githubClaims(run: WorkflowRun, options: ClaimOptions = {}): GitHubClaims {
  const r = resolveRun(run)
  const issuer =
    options.issuer === undefined ? GITHUB_ISSUER : nonEmpty(options.issuer, 'options.issuer')
  const audience =
    options.audience === undefined
      ? `https://github.com/${r.owner}`
      : nonEmpty(options.audience, 'options.audience')
  const lifetime = seconds(options.lifetimeSeconds, 300, 'options.lifetimeSeconds', 1)
  const notBefore = seconds(options.notBeforeSeconds, 300, 'options.notBeforeSeconds', 0)
  const iat = epochSeconds(options.clock ?? systemClock)
  const repository = `${r.owner}/${r.repo}`

  // Everything `sub` can be built from: the claims without jti/sub/times.
  const body = {
    ...(r.environment === undefined
      ? {}
      : { environment: r.environment, environment_node_id: r.environmentNodeId! }),
    aud: audience,
    ref: r.ref,
    sha: r.sha,
    repository,
    repository_owner: r.owner,
    repository_owner_id: r.ownerId,
    run_id: r.runId,
    run_number: r.runNumber,
    run_attempt: r.runAttempt,
    repository_visibility: r.visibility,
    repository_id: r.repoId,
    actor_id: r.actorId,
    actor: r.actor,
    workflow: r.workflowName,
    head_ref: r.headRef,
    base_ref: r.baseRef,
    event_name: r.event,
    ref_protected: r.refProtected ? ('true' as const) : ('false' as const),
    ref_type: r.refType,
    workflow_ref: r.workflowRef,
    workflow_sha: r.workflowSha,
    job_workflow_ref: r.jobWorkflowRef,
    job_workflow_sha: r.jobWorkflowSha,
    runner_environment: r.runner,
    ...(r.enterprise === undefined
      ? {}
      : { enterprise: r.enterprise.slug, enterprise_id: r.enterprise.id }),
    check_run_id: r.checkRunId,
    ...Object.fromEntries(r.properties),
  }
  const sub = githubSubject(body, options.subjectTemplate, { immutable: r.immutableSubject })
  const times = { iss: issuer, nbf: iat - notBefore, exp: iat + lifetime, iat }
  const jti =
    options.jti === undefined
      ? derivedUuid(JSON.stringify({ sub, ...body, ...times }))
      : nonEmpty(options.jti, 'options.jti')
  // Real key order (FACTS.md §1.3): jti, sub, [environment…], aud, …, iss, nbf, exp, iat.
  return {
    jti,
    sub,
    ...body,
    ...times,
  } as GitHubClaims
}

function nonEmpty(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidInputError(`${path}: expected a non-empty string`, path)
  }
  return value
}

function seconds(value: unknown, fallback: number, path: string, min: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidInputError(`${path}: expected a whole number of seconds ≥ ${min}`, path)
  }
  return value
}
