/**
 * The claim set HCP Terraform puts in a run phase's workload identity token, built from a
 * `TerraformRun` (FACTS-ISSUERS.md §3.1–3.3, source TF-WIT:
 * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens).
 *
 * `sub` is `organization:<O>:project:<P>:workspace:<W>:run_phase:<plan|apply>`, names with spaces
 * kept; no customisation, no ID form, and no escaping of `:` in names (Unconfirmed; Sim choice:
 * none). `nbf`: the docs' table says "the same as iat", their example has `iat − nbf` = 5
 * (Unconfirmed; Sim choice: 5, as the example). `exp` is the phase timeout after `iat`.
 */
import { epochSeconds, systemClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { sha256Hex, derivedUuid } from '../oidc-issuer/derive.js'
import type { CommonClaimOptions } from '../oidc-issuer/profile.js'
import { audienceValue, nonEmpty, oneOf, optionalString, seconds } from '../oidc-issuer/values.js'
import type { TerraformRun } from './run.js'

/** HCP Terraform's issuer; Terraform Enterprise uses `https://<host>`. */
export const TERRAFORM_ISSUER = 'https://app.terraform.io'
/** The audience HCP Terraform's AWS integration uses unless `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` says otherwise. */
export const TERRAFORM_AWS_AUDIENCE = 'aws.workload.identity'

export interface TerraformClaimOptions extends CommonClaimOptions {
  jti?: string
}

/**
 * The workspace subject.
 *
 * @example
 * terraformSubject({ organization: 'my-org', project: 'Default Project', workspace: 'my-workspace', phase: 'apply' })
 * // 'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply'
 */
export function terraformSubject(parts: {
  organization: string
  project: string
  workspace: string
  phase: string
}): string {
  return `organization:${parts.organization}:project:${parts.project}:workspace:${parts.workspace}:run_phase:${parts.phase}`
}

/**
 * Build the exact claim set for a run phase.
 *
 * @example
 * terraformClaims({ organization: 'my-org', workspace: 'my-workspace' }, { clock }).sub
 * // 'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply'
 */
export function terraformClaims(
  run: TerraformRun,
  options: TerraformClaimOptions = {},
): Record<string, unknown> {
  if (run.moduleTest !== undefined) return moduleTestClaims(run, options)
  const organization = name(run.organization, 'run.organization')
  const project = run.project === undefined ? 'Default Project' : name(run.project, 'run.project')
  const workspace = name(run.workspace, 'run.workspace')
  const phase = oneOf(run.phase, ['plan', 'apply'], 'apply', 'run.phase')
  const issuer =
    options.issuer === undefined ? TERRAFORM_ISSUER : nonEmpty(options.issuer, 'options.issuer')
  const audience =
    options.audience === undefined
      ? TERRAFORM_AWS_AUDIENCE
      : audienceValue(options.audience, 'options.audience')
  const lifetime = seconds(run.phaseTimeoutSeconds, 300, 'run.phaseTimeoutSeconds', 1)
  const iat = epochSeconds(options.clock ?? systemClock)
  const full = `organization:${organization}:project:${project}:workspace:${workspace}`
  const sub = terraformSubject({ organization, project, workspace, phase })
  const body = {
    terraform_organization_id: tfId(run.organizationId, 'org', organization, 'run.organizationId'),
    terraform_organization_name: organization,
    terraform_project_id: tfId(run.projectId, 'prj', `${organization}/${project}`, 'run.projectId'),
    terraform_project_name: project,
    terraform_workspace_id: tfId(run.workspaceId, 'ws', full, 'run.workspaceId'),
    terraform_workspace_name: workspace,
    terraform_full_workspace: full,
    terraform_run_id: tfId(run.runId, 'run', `${full}:run`, 'run.runId'),
    terraform_run_phase: phase,
  }
  const jti =
    options.jti === undefined
      ? derivedUuid(JSON.stringify({ sub, iat, audience, ...body }))
      : nonEmpty(options.jti, 'options.jti')
  // Key order of HashiCorp's example (FACTS-ISSUERS.md §3.2).
  return { jti, iss: issuer, aud: audience, iat, nbf: iat - 5, exp: iat + lifetime, sub, ...body }
}

/**
 * A module test run's token (TF-WIT): `organization:<ORG>:module:<MODULE>:operation:test_run`,
 * phase `plan`, run id `trun-…`, no project or workspace claims; lifetime the organisation's
 * `module_test_token_ttl` (default 600, 300–1800) and `nbf` = `iat − 30`.
 */
function moduleTestClaims(
  run: TerraformRun,
  options: TerraformClaimOptions,
): Record<string, unknown> {
  const organization = name(run.organization, 'run.organization')
  const module = name(run.moduleTest, 'run.moduleTest')
  const ttl = seconds(run.moduleTestTokenTtl, 600, 'run.moduleTestTokenTtl', 300)
  if (ttl > 1800) {
    throw new InvalidInputError(
      'run.moduleTestTokenTtl: at most 1800 seconds',
      'run.moduleTestTokenTtl',
    )
  }
  const issuer =
    options.issuer === undefined ? TERRAFORM_ISSUER : nonEmpty(options.issuer, 'options.issuer')
  const audience =
    options.audience === undefined
      ? TERRAFORM_AWS_AUDIENCE
      : audienceValue(options.audience, 'options.audience')
  const iat = epochSeconds(options.clock ?? systemClock)
  const sub = `organization:${organization}:module:${module}:operation:test_run`
  const body = {
    terraform_organization_id: tfId(run.organizationId, 'org', organization, 'run.organizationId'),
    terraform_organization_name: organization,
    terraform_run_id: tfId(run.runId, 'trun', `${organization}/${module}:test`, 'run.runId'),
    terraform_run_phase: 'plan',
  }
  const jti =
    options.jti === undefined
      ? derivedUuid(JSON.stringify({ sub, iat, audience, ...body }))
      : nonEmpty(options.jti, 'options.jti')
  return { jti, iss: issuer, aud: audience, iat, nbf: iat - 30, exp: iat + ttl, sub, ...body }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** An HCP Terraform external id: `<prefix>-` and 16 letters and digits (`org-GRNbCjYNpBB6NEH9`). */
function tfId(value: unknown, prefix: string, seed: string, path: string): string {
  if (value !== undefined) {
    if (typeof value !== 'string' || !new RegExp(`^${prefix}-[A-Za-z0-9]+$`).test(value)) {
      throw new InvalidInputError(`${path}: expected an id like ${prefix}-…`, path)
    }
    return value
  }
  const hex = sha256Hex(`terraform-${prefix}:${seed}`)
  let out = `${prefix}-`
  for (let i = 0; i < 16; i++) out += BASE62[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 62]
  return out
}

function name(value: unknown, path: string): string {
  const n = optionalString(value, '', path)
  if (n === '') throw new InvalidInputError(`${path}: expected a non-empty string`, path)
  return n
}
