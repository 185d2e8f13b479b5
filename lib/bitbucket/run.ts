/**
 * A typed description of one Bitbucket Pipelines step with `oidc: true`: what Bitbucket looks at
 * when it mints `$BITBUCKET_STEP_OIDC_TOKEN`. `bitbucketClaims(run)` turns it into the exact claim
 * set (FACTS-ISSUERS.md §5.2). UUIDs are written with their braces, as in the token; unset ones are
 * derived from the names.
 */
export interface BitbucketRun {
  /** Workspace slug (in the issuer URL). */
  workspace: string
  /** Repository slug, only used to derive `repositoryUuid`. Default `app`. */
  repository?: string
  /** `{…}` UUIDs. */
  workspaceUuid?: string
  repositoryUuid?: string
  pipelineUuid?: string
  /** Changes every run (default: derived from the pipeline and `stepName`). */
  stepUuid?: string
  /** Only used to derive `stepUuid`. Default `deploy`. */
  stepName?: string
  /** Branch (`branchName`). Default `main`. */
  branch?: string
  /** The step's `deployment:` environment, by name; its UUID goes into `sub`. */
  deployment?: string
  deploymentEnvironmentUuid?: string
  /** The step's `oidc: audiences:` list (max 10, 150 characters each); then `aud` is this list. */
  audiences?: string[]
}
