/**
 * HCP Terraform as one entry of the issuer registry (lib/issuers).
 */
import { fixedClock } from '../core/clock.js'
import type { IssuerProfile } from '../oidc-issuer/profile.js'
import { record } from '../oidc-issuer/values.js'
import { TERRAFORM_AWS_AUDIENCE, TERRAFORM_ISSUER, terraformClaims } from './claims.js'
import {
  explainTerraformClaim,
  TERRAFORM_CLAIM_CONTROL,
  TERRAFORM_CLAIM_DOCS,
} from './claim-docs.js'
import { createTerraformIssuer } from './issuer.js'
import type { TerraformRun } from './run.js'

const CHECK_CLOCK = fixedClock('2026-01-01T00:00:00Z')

export const terraformProfile: IssuerProfile<TerraformRun> = {
  kind: 'terraform',
  name: 'HCP Terraform',
  docs: 'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens',
  shared: true,
  tenantClaim: 'sub',
  exampleRun: { organization: 'acme', workspace: 'prod', phase: 'apply' },
  parseRun(value, path = 'run') {
    const run = record(value, path) as unknown as TerraformRun
    terraformClaims(run, { clock: CHECK_CLOCK })
    return run
  },
  describeRun: (run) =>
    run.moduleTest === undefined
      ? `${run.organization}/${run.workspace} (${run.phase ?? 'apply'})`
      : `${run.organization} module ${run.moduleTest} (test run)`,
  issuerUrl: () => TERRAFORM_ISSUER,
  defaultAudience: () => TERRAFORM_AWS_AUDIENCE,
  awsAudience: () => TERRAFORM_AWS_AUDIENCE,
  claims: (run, options) => terraformClaims(run, options),
  subject: (run) => String(terraformClaims(run, { clock: CHECK_CLOCK }).sub),
  subjectParts: (sub) => {
    const test = /^organization:(.+):module:(.+):operation:(test_run)$/.exec(sub)
    if (test)
      return [
        ['organization', test[1]!],
        ['module', test[2]!],
        ['operation', test[3]!],
      ]
    const m = /^organization:(.+):project:(.+):workspace:(.+):run_phase:(plan|apply)$/.exec(sub)
    return m
      ? [
          ['organization', m[1]!],
          ['project', m[2]!],
          ['workspace', m[3]!],
          ['run_phase', m[4]!],
        ]
      : undefined
  },
  createIssuer: (options) => createTerraformIssuer(options),
  claimDocs: TERRAFORM_CLAIM_DOCS,
  explainClaim: explainTerraformClaim,
  claimControl: TERRAFORM_CLAIM_CONTROL,
  tokenDelivery: {
    summary:
      'HCP Terraform mints a token for each run phase: with TFC_AWS_PROVIDER_AUTH=true and TFC_AWS_RUN_ROLE_ARN on the workspace it assumes the role for the AWS provider itself; with TFC_WORKLOAD_IDENTITY_AUDIENCE the run gets the raw token as TFC_WORKLOAD_IDENTITY_TOKEN.',
    env: ['TFC_WORKLOAD_IDENTITY_TOKEN'],
    source:
      'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration',
  },
  // The session name HCP Terraform uses is not in FACTS-ISSUERS.md: Sim choice.
  sessionName: 'terraform-run',
}
