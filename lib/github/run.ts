/**
 * A typed description of one GitHub Actions job run: everything GitHub looks at when it mints the
 * job's OIDC token. `githubClaims(run)` turns it into the exact claim set.
 *
 * Only `owner` and `repo` are required; every other field has a documented-looking default so a
 * learner can start from two words. Claim meanings: https://docs.github.com/en/actions/reference/security/oidc
 */
export interface WorkflowRun {
  /** Repository owner (user or organisation), e.g. `octo-org`. */
  owner: string
  /** Repository name without the owner, e.g. `octo-repo`. */
  repo: string
  /** Numeric owner id (`repository_owner_id`). Default: derived from the owner name. */
  ownerId?: number | string
  /** Numeric repository id (`repository_id`). Default: derived from `owner/repo`. */
  repoId?: number | string
  /** Branch name (`main`) — sets `ref: refs/heads/main`. Default `main` unless `tag` or `ref` is set. */
  branch?: string
  /** Tag name (`v1`) — sets `ref: refs/tags/v1`. */
  tag?: string
  /** A full ref (`refs/heads/main`, `refs/tags/v1`, `refs/pull/7/merge`); wins over branch/tag. */
  ref?: string
  /** Whether the ref is protected (`ref_protected`). Default `false`. */
  refProtected?: boolean
  /** The triggering event (`event_name`). Default `push`. */
  event?: string
  /**
   * For `pull_request` events: the pull request number, which names the ref GitHub checks out
   * (`refs/pull/N/merge`). Default `1`.
   */
  pullRequestNumber?: number | string
  /** For `pull_request` events: the PR's source branch (`head_ref`). */
  headRef?: string
  /** For `pull_request` events: the PR's target branch (`base_ref`). */
  baseRef?: string
  /** The job's deployment environment, if any (`environment`). */
  environment?: string
  /** Account that started the run (`actor`). Default `octocat`. */
  actor?: string
  actorId?: number | string
  /** The workflow file path in the repo. Default `.github/workflows/deploy.yml`. */
  workflowFile?: string
  /** The workflow `name:` (`workflow` claim). Default: the file's base name without extension. */
  workflowName?: string
  /** Commit SHA (40 hex). Default: derived deterministically. */
  sha?: string
  /** When the job runs a reusable workflow: where it lives (sets `job_workflow_ref`/`_sha`). */
  reusableWorkflow?: {
    /** `owner/repo` holding the reusable workflow. */
    repository: string
    /** Path, e.g. `.github/workflows/deploy.yml`. */
    path: string
    /** Ref the caller pinned, e.g. `refs/tags/v1`, `refs/heads/main`, or a 40-hex SHA. */
    ref: string
    sha?: string
  }
  runner?: 'github-hosted' | 'self-hosted'
  visibility?: 'public' | 'private' | 'internal'
  /** Enterprise owning the repository, if any. */
  enterprise?: { slug: string; id: number | string }
  runId?: number | string
  runNumber?: number | string
  runAttempt?: number | string
  checkRunId?: number | string
  /** Repository custom properties opted into the token (`repo_property_*`). */
  customProperties?: Record<string, string | string[]>
  /**
   * Whether the repository uses the immutable `sub` form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`
   * (default for repositories created after July 15, 2026). Default `false`.
   */
  immutableSubject?: boolean
}
