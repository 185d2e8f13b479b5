/**
 * A typed description of one GitLab CI/CD job: everything GitLab looks at when it mints the job's
 * ID token (`id_tokens:`). `gitlabClaims(run)` turns it into the exact claim set.
 *
 * Only `projectPath` is required; ids, SHAs and the user have reproducible defaults derived from
 * the names. Claims: https://docs.gitlab.com/ci/secrets/id_token_authentication/ (FACTS-ISSUERS.md §1.2).
 */
export interface GitLabRun {
  /** `group/subgroup/project`, e.g. `octocat/hello-world` (`project_path`). */
  projectPath: string
  /** Numeric project id (`project_id`). Default: derived from the path. */
  projectId?: number | string
  /** Numeric id of the project's namespace (`namespace_id`). Default: derived from the namespace path. */
  namespaceId?: number | string
  /** Branch name (default `main` unless `tag` is set). */
  branch?: string
  /** Tag name; makes `ref_type` `tag`. */
  tag?: string
  /** Whether the ref is protected (`ref_protected`). Default `false`. */
  refProtected?: boolean
  /** How the pipeline was triggered (`pipeline_source`): `push`, `merge_request_event`, `schedule`, `web`, `api`… Default `push`. */
  pipelineSource?: string
  /** The triggering user's username (`user_login`). Default the top-level group. */
  userLogin?: string
  userId?: number | string
  /** Default `<login>@example.com`. */
  userEmail?: string
  /** The user's role in the project (`user_access_level`). Default `developer`. */
  userAccessLevel?: 'guest' | 'planner' | 'reporter' | 'developer' | 'maintainer' | 'owner'
  /** The job's environment, if any (`environment:` in the job). */
  environment?: {
    name: string
    protected?: boolean
    /** `production`, `staging`, `testing`, `development` or `other`. Default `other`. */
    tier?: string
    /** `start`, `prepare`, `stop`, `verify` or `access`. Default `start`. */
    action?: string
  }
  /** Commit SHA (40 hex). Default: derived. */
  sha?: string
  pipelineId?: number | string
  jobId?: number | string
  /** An integer in the token. Default: derived. */
  runnerId?: number
  runnerEnvironment?: 'gitlab-hosted' | 'self-hosted'
  visibility?: 'public' | 'internal' | 'private'
  /** The CI config file. Default `.gitlab-ci.yml`. */
  ciConfigPath?: string
  /**
   * The project's `ci_id_token_sub_claim_components` (Maintainer+, `PUT /projects/:id`). Default
   * `['project_path', 'ref_type', 'ref']`.
   */
  subClaimComponents?: string[]
  /**
   * For a merge-request pipeline from a fork that runs in this project: the fork's path. Since
   * GitLab 18.2.2 `project_*` and `sub` name the fork (FACTS-ISSUERS.md §1.5 #3); the job runs in
   * this project (`job_project_*`).
   */
  forkProjectPath?: string
  /** Job timeout in seconds: the token lives this long (default 300, GitLab's 5 minutes). */
  timeoutSeconds?: number
  /**
   * The GitLab version, `MAJOR.MINOR[.PATCH]` (default `19.1`). Before 18.2.2 a fork's
   * merge-request pipeline in this project got a token naming this project, not the fork
   * (FACTS-ISSUERS.md §1.5 #3); from 19.1 a reclaimed path blocks ID tokens (§1.3).
   */
  gitlabVersion?: string
  /**
   * The project's path was previously held by a different project (a deleted group or project
   * re-created by someone else). On GitLab 19.1+, with the admin switch `block_jwt_for_reclaimed_paths`
   * on (the default), such a project gets no ID token unless its `sub` leads with `project_id`.
   */
  pathPreviouslyHeld?: boolean
  /** The instance's `block_jwt_for_reclaimed_paths` switch. Default `true`. */
  blockReclaimedPaths?: boolean
  /**
   * The job's `id_tokens:` keyword: variable name → `{ aud }` (a string or a list). Default
   * `{ GITLAB_OIDC_TOKEN: { aud: 'sts.amazonaws.com' } }`, as GitLab's AWS guide writes it.
   */
  idTokens?: Record<string, { aud: string | string[] }>
}
