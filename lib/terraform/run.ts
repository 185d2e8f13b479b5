/**
 * A typed description of one HCP Terraform (or Terraform Enterprise) run phase: what HCP Terraform
 * looks at when it mints the workload identity token. `terraformClaims(run)` turns it into the
 * exact claim set. Claims: https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
 * (FACTS-ISSUERS.md §3.2).
 */
export interface TerraformRun {
  /** Organisation name (`terraform_organization_name`). */
  organization: string
  /** Project name. Default `Default Project`. */
  project?: string
  /** Workspace name (for module tests: unused, may be empty). */
  workspace: string
  /**
   * A private-registry module's test run instead of a workspace run: its name. Then `sub` is
   * `organization:<ORG>:module:<MODULE>:operation:test_run`, the phase is always `plan`, and the
   * token has no project or workspace claims (FACTS-ISSUERS.md §3.3).
   */
  moduleTest?: string
  /** Module tests: the organisation's `module_test_token_ttl`, 300–1800 s. Default 600. */
  moduleTestTokenTtl?: number
  /** The run phase the token is for. Default `apply`. */
  phase?: 'plan' | 'apply'
  /** `org-…` id. Default: derived from the name. */
  organizationId?: string
  /** `prj-…` id. */
  projectId?: string
  /** `ws-…` id. */
  workspaceId?: string
  /** `run-…` id. */
  runId?: string
  /** Seconds until the phase times out: the token's lifetime. Default 300 (the sample token's). */
  phaseTimeoutSeconds?: number
}
