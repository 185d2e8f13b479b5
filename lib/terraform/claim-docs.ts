/**
 * One-line explanations of every claim in an HCP Terraform workload identity token, and who can
 * choose each value (FACTS-ISSUERS.md §3.2, §3.5; source
 * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens).
 */
import type { ClaimControl } from '../oidc-issuer/profile.js'

export const TERRAFORM_CLAIM_DOCS: Readonly<Record<string, string>> = {
  jti: 'Token id, unique to this token.',
  iss: 'Issuer: https://app.terraform.io for HCP Terraform (shared by every organisation), your host for Terraform Enterprise.',
  aud: 'Audience: aws.workload.identity unless the workspace sets TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE — the same default for every customer, so never a boundary.',
  iat: 'Issued-at time (seconds since 1970): when the run phase started.',
  nbf: 'Not-before time (seconds since 1970): a few seconds before iat.',
  exp: "Expiry time (seconds since 1970): the run phase's timeout after iat.",
  sub: 'Subject: organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply (module tests: organization:ORG:module:MODULE:operation:test_run) — names, which can be renamed; AWS has only this key to pin them.',
  terraform_organization_id: 'The organisation id (org-…); AWS cannot test it (no condition key).',
  terraform_organization_name:
    'The organisation name; globally unique but can be renamed, and a freed name re-registered.',
  terraform_project_id: 'The project id (prj-…).',
  terraform_project_name: 'The project name; Default Project unless the workspace is in another.',
  terraform_workspace_id: 'The workspace id (ws-…).',
  terraform_workspace_name:
    'The workspace name; anyone who can create workspaces in the project picks names.',
  terraform_full_workspace:
    'organization:ORG:project:PROJECT:workspace:WORKSPACE — the sub without the phase.',
  terraform_run_id: 'The run id (run-…; trun-… for module test runs).',
  terraform_run_phase:
    "plan or apply. Plans include speculative plans on pull requests, which run the pull request's code.",
}

export const TERRAFORM_CLAIM_CONTROL: Readonly<Record<string, ClaimControl>> = {
  aud: 'admin',
  sub: 'admin',
  terraform_organization_id: 'platform',
  terraform_organization_name: 'admin',
  terraform_project_id: 'platform',
  terraform_project_name: 'admin',
  terraform_workspace_id: 'platform',
  terraform_workspace_name: 'admin',
  terraform_full_workspace: 'admin',
  terraform_run_id: 'platform',
  // A speculative plan on a pull request gets a plan token running the PR author's code.
  terraform_run_phase: 'outsider',
}

/**
 * The explanation for an HCP Terraform claim; `undefined` for one it does not issue.
 *
 * @example
 * explainTerraformClaim('terraform_run_phase') // 'plan or apply. …'
 */
export function explainTerraformClaim(name: string): string | undefined {
  return Object.hasOwn(TERRAFORM_CLAIM_DOCS, name) ? TERRAFORM_CLAIM_DOCS[name] : undefined
}
