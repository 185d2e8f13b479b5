/**
 * An HCP Terraform workload-identity issuer: `https://app.terraform.io`, JWKS at
 * `{iss}/.well-known/jwks` (TF-WIT), discovery at `{iss}/.well-known/openid-configuration`
 * (standard; not printed by HashiCorp: Unconfirmed).
 *
 * Delivery: the platform mints one token per run phase. With `TFC_AWS_PROVIDER_AUTH=true` and
 * `TFC_AWS_RUN_ROLE_ARN` set on the workspace, the run itself calls STS for the AWS provider; a
 * workspace that sets `TFC_WORKLOAD_IDENTITY_AUDIENCE` gets the raw token as
 * `TFC_WORKLOAD_IDENTITY_TOKEN` (third-party docs; HashiCorp's page not read: Unconfirmed)
 * (https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration).
 */
import { oidcDiscoveryDocument } from '../oidc-issuer/discovery.js'
import { createIssuerCore, platformIssuer } from '../oidc-issuer/issuer.js'
import type { PlatformIssuer, PlatformIssuerOptions } from '../oidc-issuer/profile.js'
import { withOverrides } from '../oidc-issuer/values.js'
import { TERRAFORM_ISSUER, terraformClaims } from './claims.js'
import { TERRAFORM_CLAIM_DOCS } from './claim-docs.js'
import type { TerraformRun } from './run.js'

export const TERRAFORM_JWKS_PATH = '/.well-known/jwks'

export type TerraformIssuer = PlatformIssuer<TerraformRun>

/**
 * Create an HCP Terraform issuer.
 *
 * @example
 * const tfc = await createTerraformIssuer({ keys: 'demo', clock })
 * const env = await tfc.jobEnv({ organization: 'acme', workspace: 'prod' })
 * env.TFC_WORKLOAD_IDENTITY_TOKEN // a JWT with aud aws.workload.identity
 */
export async function createTerraformIssuer(
  options: PlatformIssuerOptions = {},
): Promise<TerraformIssuer> {
  const core = await createIssuerCore({
    url: options.url ?? TERRAFORM_ISSUER,
    clock: options.clock,
    keys: options.keys,
    platform: 'HCP Terraform',
    jwksPath: TERRAFORM_JWKS_PATH,
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, Object.keys(TERRAFORM_CLAIM_DOCS)),
  })
  const issueToken: TerraformIssuer['issueToken'] = async (run, opts = {}) =>
    core.sign(
      withOverrides(
        terraformClaims(run, { issuer: core.url, audience: opts.audience, clock: core.clock }),
        opts.claims,
      ),
    )
  return platformIssuer<TerraformIssuer>(core, {
    kind: 'terraform',
    issueToken,
    async jobEnv(run, opts = {}) {
      return {
        TFC_WORKLOAD_IDENTITY_TOKEN: await issueToken(run, { audience: opts.audience }),
        TFC_WORKSPACE_NAME: run.workspace,
        TFC_RUN_ID: String(terraformClaims(run, { clock: core.clock }).terraform_run_id),
      }
    },
  })
}
