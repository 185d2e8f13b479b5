/**
 * A typed description of one CircleCI job: what CircleCI looks at when it mints the job's OIDC
 * tokens. `circleciClaims(run)` turns it into the exact claim set.
 *
 * Ids are UUIDs; unset ones are derived from the names, so `{ org: 'acme', project: 'app' }` is a
 * reproducible run. Claims: https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 * (FACTS-ISSUERS.md §2.2).
 */
export interface CircleCIRun {
  /** Organisation name, only used to derive `orgId`. Default `acme`. */
  org?: string
  /** Organisation UUID (`oidc.circleci.com/org-id`; also the issuer path and default `aud`). */
  orgId?: string
  /** Project name, only used to derive `projectId`. Default `app`. */
  project?: string
  /** Project UUID (`oidc.circleci.com/project-id`). */
  projectId?: string
  /** UUID of the user who caused the run. */
  userId?: string
  /** How the pipeline was triggered: from the VCS (default) or a custom webhook (no `vcs-*` claims, V1 `sub`). */
  trigger?: 'vcs' | 'webhook'
  /** Repository URL without scheme. Default `github.com/<org>/<project>`. */
  vcsOrigin?: string
  /** Branch (default `main`); sets `vcs-ref` `refs/heads/<branch>`. */
  branch?: string
  /** Tag; sets `vcs-ref` `refs/tags/<tag>`. */
  tag?: string
  /** Context UUIDs the job uses (`oidc.circleci.com/context-ids`). Default none. */
  contextIds?: string[]
  /** The job was started with "Rerun job with SSH" (`oidc.circleci.com/ssh-rerun`). Default `false`. */
  sshRerun?: boolean
  /** The build is for a pull request from a fork. */
  forkPullRequest?: boolean
  /**
   * The project setting "Pass secrets to builds from forked pull requests". Fork PR builds get
   * OIDC tokens only with it on (FACTS-ISSUERS.md §2.1). Default `false`.
   */
  passSecretsToForks?: boolean
  pipelineDefinitionId?: string
  pipelineId?: string
  workflowId?: string
  jobId?: string
}
