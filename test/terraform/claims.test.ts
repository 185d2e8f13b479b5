import { describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { terraformClaims } from '../../lib/terraform/claims.js'
import { createTerraformIssuer } from '../../lib/terraform/issuer.js'
import { terraformProfile } from '../../lib/terraform/profile.js'

// FACTS-ISSUERS.md §3.2 (HashiCorp's example).
const SAMPLE = {
  jti: '1192426d-b525-4fde-9d42-f238be437bbd',
  iss: 'https://app.terraform.io',
  aud: 'my-example-audience',
  iat: 1650486122,
  nbf: 1650486117,
  exp: 1650486422,
  sub: 'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply',
  terraform_organization_id: 'org-GRNbCjYNpBB6NEH9',
  terraform_organization_name: 'my-org',
  terraform_project_id: 'prj-vegSA59s1XPwMr2t',
  terraform_project_name: 'Default Project',
  terraform_workspace_id: 'ws-mbsd5E3Ktt5Rg2Xm',
  terraform_workspace_name: 'my-workspace',
  terraform_full_workspace: 'organization:my-org:project:Default Project:workspace:my-workspace',
  terraform_run_id: 'run-X3n1AUXNGWbfECsJ',
  terraform_run_phase: 'apply',
}

describe('terraformClaims', () => {
  it("reproduces HashiCorp's example token, key order included", () => {
    const claims = terraformClaims(
      {
        organization: 'my-org',
        workspace: 'my-workspace',
        organizationId: 'org-GRNbCjYNpBB6NEH9',
        projectId: 'prj-vegSA59s1XPwMr2t',
        workspaceId: 'ws-mbsd5E3Ktt5Rg2Xm',
        runId: 'run-X3n1AUXNGWbfECsJ',
      },
      { audience: 'my-example-audience', clock: fixedClock(1650486122 * 1000), jti: SAMPLE.jti },
    )
    expect(claims).toEqual(SAMPLE)
    expect(Object.keys(claims)).toEqual(Object.keys(SAMPLE))
  })

  it('plan phase, aws.workload.identity by default, derived ids', () => {
    const claims = terraformClaims(
      { organization: 'acme', workspace: 'prod', phase: 'plan' },
      { clock: fixedClock(0) },
    )
    expect(claims.sub).toBe(
      'organization:acme:project:Default Project:workspace:prod:run_phase:plan',
    )
    expect(claims.aud).toBe('aws.workload.identity')
    expect(claims.terraform_workspace_id).toMatch(/^ws-[A-Za-z0-9]{16}$/)
    expect(() => terraformClaims({ organization: 'acme', workspace: '' })).toThrow(/run.workspace/)
    expect(() =>
      terraformClaims({ organization: 'acme', workspace: 'w', phase: 'destroy' as 'plan' }),
    ).toThrow(/run.phase/)
  })

  it('issuer: JWKS at /.well-known/jwks; the run gets TFC_WORKLOAD_IDENTITY_TOKEN', async () => {
    const tfc = await createTerraformIssuer({ keys: 'demo', clock: fixedClock(0) })
    const doc = (await (
      await tfc.handler(new Request('https://app.terraform.io/.well-known/openid-configuration'))
    ).json()) as { jwks_uri: string }
    expect(doc.jwks_uri).toBe('https://app.terraform.io/.well-known/jwks')
    const env = await tfc.jobEnv(terraformProfile.exampleRun)
    expect(decodeJwt(env.TFC_WORKLOAD_IDENTITY_TOKEN!).aud).toBe('aws.workload.identity')
    for (const name of Object.keys(terraformProfile.claims(terraformProfile.exampleRun)))
      expect(terraformProfile.explainClaim(name), name).toBeDefined()
  })
})

describe('terraformClaims: module test runs', () => {
  it('organization:ORG:module:MODULE:operation:test_run, plan, trun-, 600 s, nbf iat − 30', () => {
    const claims = terraformClaims(
      { organization: 'acme', workspace: '', moduleTest: 'vpc' },
      { clock: fixedClock(1_000_000_000_000) },
    )
    expect(claims.sub).toBe('organization:acme:module:vpc:operation:test_run')
    expect(claims.terraform_run_phase).toBe('plan')
    expect(claims.terraform_run_id).toMatch(/^trun-[A-Za-z0-9]{16}$/)
    expect([
      Number(claims.exp) - Number(claims.iat),
      Number(claims.iat) - Number(claims.nbf),
    ]).toEqual([600, 30])
    expect(Object.keys(claims).filter((k) => /project|workspace/.test(k))).toEqual([])
    expect(terraformProfile.subjectParts(String(claims.sub))).toEqual([
      ['organization', 'acme'],
      ['module', 'vpc'],
      ['operation', 'test_run'],
    ])
    expect(() =>
      terraformClaims({
        organization: 'acme',
        workspace: '',
        moduleTest: 'vpc',
        moduleTestTokenTtl: 1801,
      }),
    ).toThrow(/at most 1800/)
  })
})
