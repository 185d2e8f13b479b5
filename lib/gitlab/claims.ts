/**
 * The claim set GitLab puts in a job's ID token, built from a `GitLabRun`.
 *
 * Reference: https://docs.gitlab.com/ci/secrets/id_token_authentication/ and GitLab's
 * `lib/gitlab/ci/jwt_v2.rb` (FACTS-ISSUERS.md §1.1–1.3). Ids are numeric strings except
 * `runner_id`, an integer; booleans are `"true"`/`"false"`. Key order follows the gitlab.com
 * sample token in FACTS-ISSUERS.md §1.2.
 */
import { epochSeconds, systemClock } from '../core/clock.js'
import { InvalidInputError, TrustwalkError } from '../core/errors.js'
import { derivedId, derivedSha, derivedUuid } from '../oidc-issuer/derive.js'
import type { CommonClaimOptions } from '../oidc-issuer/profile.js'
import {
  audienceValue,
  bool,
  nonEmpty,
  numericId,
  oneOf,
  optionalString,
  seconds,
} from '../oidc-issuer/values.js'
import type { GitLabRun } from './run.js'
import { checkSubClaimComponents, gitlabSubject, GITLAB_DEFAULT_SUB_COMPONENTS } from './subject.js'

/** gitlab.com's issuer; self-managed and Dedicated instances use `https://HOST`. */
export const GITLAB_ISSUER = 'https://gitlab.com'

export interface GitLabClaimOptions extends CommonClaimOptions {
  /** `iat − nbf`: 5 s in GitLab's sample token (FACTS-ISSUERS.md §1.1). */
  notBeforeSeconds?: number
  /** Token id; default a UUID derived from the other claims. */
  jti?: string
}

/**
 * Build the exact claim set GitLab issues for a job. GitLab has no default audience trustwalk
 * can confirm (its docs say "the domain of the GitLab instance", a user report says `aud` is
 * mandatory; FACTS-ISSUERS.md §1.1, Unconfirmed): Sim choice, `aud` is required — a job must name it
 * in `id_tokens:`. The lifetime is the job's timeout, 5 minutes when none is set.
 *
 * @example
 * const claims = gitlabClaims({ projectPath: 'octocat/hello-world' }, { audience: 'sts.amazonaws.com', clock })
 * claims.sub // 'project_path:octocat/hello-world:ref_type:branch:ref:main'
 */
export function gitlabClaims(
  run: GitLabRun,
  options: GitLabClaimOptions = {},
): Record<string, unknown> {
  const projectPath = path(run.projectPath, 'run.projectPath')
  const jobProjectPath = projectPath
  // A fork's MR pipeline: the token names the fork (GitLab ≥ 18.2.2), the job runs here.
  const tokenProjectPath =
    run.forkProjectPath === undefined
      ? projectPath
      : path(run.forkProjectPath, 'run.forkProjectPath')
  const namespaceOf = (p: string) => p.slice(0, p.lastIndexOf('/'))
  const ids = (p: string, projectId: unknown, namespaceId: unknown, at: string) => ({
    projectId: numericId(projectId, derivedId(`gitlab-project:${p}`, 8), `${at}.projectId`),
    namespaceId: numericId(
      namespaceId,
      derivedId(`gitlab-namespace:${namespaceOf(p)}`, 6),
      `${at}.namespaceId`,
    ),
  })
  const version = gitlabVersion(run.gitlabVersion)
  const job = ids(jobProjectPath, run.projectId, run.namespaceId, 'run')
  // Before 18.2.2 a fork's MR pipeline in this project was issued this project's identity
  // (HackerOne #3137660, https://gitlab.com/gitlab-org/gitlab/-/issues/548165).
  const forkNamedInToken = run.forkProjectPath !== undefined && !before(version, [18, 2, 2])
  const token = forkNamedInToken ? ids(tokenProjectPath, undefined, undefined, 'run') : job
  const subjectPath = forkNamedInToken ? tokenProjectPath : jobProjectPath
  if (options.audience === undefined) {
    throw new InvalidInputError(
      'options.audience: GitLab ID tokens carry the aud the job names in id_tokens: (Sim choice: required)',
      'options.audience',
    )
  }
  const audience = audienceValue(options.audience, 'options.audience')
  const issuer =
    options.issuer === undefined ? GITLAB_ISSUER : nonEmpty(options.issuer, 'options.issuer')
  if (run.branch !== undefined && run.tag !== undefined) {
    throw new InvalidInputError('run.tag: a job runs on a branch or a tag, not both', 'run.tag')
  }
  const refType = run.tag === undefined ? 'branch' : 'tag'
  const ref =
    run.tag === undefined
      ? optionalString(run.branch, 'main', 'run.branch')
      : nonEmpty(run.tag, 'run.tag')
  const refPath = `refs/${refType === 'branch' ? 'heads' : 'tags'}/${ref}`
  const login = optionalString(run.userLogin, projectPath.split('/')[0]!, 'run.userLogin')
  const sha = run.sha === undefined ? derivedSha(`${tokenProjectPath}@${refPath}`) : sha40(run.sha)
  const configPath = optionalString(run.ciConfigPath, '.gitlab-ci.yml', 'run.ciConfigPath')
  const lifetime = seconds(run.timeoutSeconds, 300, 'run.timeoutSeconds', 1)
  const notBefore = seconds(options.notBeforeSeconds, 5, 'options.notBeforeSeconds', 0)
  const iat = epochSeconds(options.clock ?? systemClock)
  const env = run.environment
  if (env !== undefined) nonEmpty(env?.name, 'run.environment.name')
  const host = new URL(issuer).host

  const body: Record<string, unknown> = {
    project_id: token.projectId,
    project_path: subjectPath,
    namespace_id: token.namespaceId,
    namespace_path: namespaceOf(subjectPath),
    user_id: numericId(run.userId, derivedId(`gitlab-user:${login}`, 5), 'run.userId'),
    user_login: login,
    user_email: optionalString(run.userEmail, `${login}@example.com`, 'run.userEmail'),
    user_access_level: oneOf(
      run.userAccessLevel,
      ['guest', 'planner', 'reporter', 'developer', 'maintainer', 'owner'],
      'developer',
      'run.userAccessLevel',
    ),
    job_project_id: job.projectId,
    job_project_path: jobProjectPath,
    job_namespace_id: job.namespaceId,
    job_namespace_path: namespaceOf(jobProjectPath),
    pipeline_id: numericId(
      run.pipelineId,
      derivedId(`gitlab-pipeline:${projectPath}@${refPath}`, 10),
      'run.pipelineId',
    ),
    pipeline_source: optionalString(run.pipelineSource, 'push', 'run.pipelineSource'),
    job_id: numericId(
      run.jobId,
      derivedId(`gitlab-job:${projectPath}@${refPath}`, 11),
      'run.jobId',
    ),
    ref,
    ref_type: refType,
    ref_path: refPath,
    ref_protected: bool(run.refProtected, false, 'run.refProtected') ? 'true' : 'false',
    ...(env === undefined
      ? {}
      : {
          environment: env.name,
          environment_protected: bool(env.protected, false, 'run.environment.protected')
            ? 'true'
            : 'false',
          deployment_tier: optionalString(env.tier, 'other', 'run.environment.tier'),
          environment_action: optionalString(env.action, 'start', 'run.environment.action'),
        }),
    runner_id:
      run.runnerId === undefined
        ? Number(derivedId(`gitlab-runner:${projectPath}`, 8))
        : integer(run.runnerId, 'run.runnerId'),
    runner_environment: oneOf(
      run.runnerEnvironment,
      ['gitlab-hosted', 'self-hosted'],
      'gitlab-hosted',
      'run.runnerEnvironment',
    ),
    sha,
    project_visibility: oneOf(
      run.visibility,
      ['public', 'internal', 'private'],
      'private',
      'run.visibility',
    ),
    ci_config_ref_uri: `${host}/${projectPath}//${configPath}@${refPath}`,
    ci_config_sha: sha,
  }
  const components =
    run.subClaimComponents === undefined
      ? GITLAB_DEFAULT_SUB_COMPONENTS
      : checkSubClaimComponents(run.subClaimComponents, 'run.subClaimComponents')
  if (
    bool(run.pathPreviouslyHeld, false, 'run.pathPreviouslyHeld') &&
    bool(run.blockReclaimedPaths, true, 'run.blockReclaimedPaths') &&
    !before(version, [19, 1, 0]) &&
    components[0] !== 'project_id'
  ) {
    // The job's status text (https://gitlab.com/gitlab-org/gitlab/-/merge_requests/250233);
    // GitLab's longer message is only partly documented (FACTS-ISSUERS.md §1.3).
    throw new TrustwalkError(
      'TW_GITLAB_ID_TOKEN_DISABLED',
      'ID token issuance disabled for this project path: the path was previously held by a different project, and GitLab 19.1+ issues ID tokens for it only when the sub claim leads with project_id (ci_id_token_sub_claim_components).',
    )
  }
  const sub = gitlabSubject(body, components)
  const times = { iss: issuer, nbf: iat - notBefore, exp: iat + lifetime, iat }
  const jti =
    options.jti === undefined
      ? derivedUuid(JSON.stringify({ ...times, sub, audience, ...body }))
      : nonEmpty(options.jti, 'options.jti')
  // Sample order (FACTS-ISSUERS.md §1.2): iss, nbf, exp, iat, jti, sub, aud, project_id, …
  return { ...times, jti, sub, aud: audience, ...body }
}

function path(value: unknown, at: string): string {
  const p = nonEmpty(value, at)
  if (!/^[^/\s:]+(\/[^/\s:]+)+$/.test(p)) {
    throw new InvalidInputError(
      `${at}: expected group/project (subgroups allowed), got ${JSON.stringify(p)}`,
      at,
    )
  }
  return p
}

function sha40(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{40}$/.test(value)) {
    throw new InvalidInputError('run.sha: expected 40 lowercase hex characters', 'run.sha')
  }
  return value
}

function integer(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(`${at}: expected a whole number`, at)
  }
  return value
}

/** `MAJOR.MINOR[.PATCH]` → numbers; default 19.1 (the latest behaviour FACTS-ISSUERS.md describes). */
function gitlabVersion(value: unknown): number[] {
  if (value === undefined) return [19, 1, 0]
  const m = typeof value === 'string' ? /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(value) : null
  if (!m)
    throw new InvalidInputError(
      'run.gitlabVersion: expected MAJOR.MINOR[.PATCH], e.g. "18.2.2"',
      'run.gitlabVersion',
    )
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]
}

function before(version: number[], than: number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== than[i]) return version[i]! < than[i]!
  return false
}
