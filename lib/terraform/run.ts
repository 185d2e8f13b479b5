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
  /** Workspace name. */
  workspace: string
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
