/**
 * `trustwalk explain --claims` for the other CI systems: STS evaluates the provider-specific keys
 * AWS fills for that host (gitlab.com's project_id, CircleCI's project-id, Buildkite's slugs) and
 * none for hosts AWS lists none for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../lib/core/clock.js'
import { issuerTrustPolicy } from '../../../lib/handshake/issuer-scenarios.js'
import { getIssuerProfile } from '../../../lib/issuers/index.js'
import { runMain } from './in-process.js'

const dir = mkdtempSync(join(tmpdir(), 'trustwalk-explain-issuers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const clock = fixedClock(Date.now())

function files(
  kind: string,
  run: object,
  conditions: Parameters<typeof issuerTrustPolicy>[0]['equals'],
) {
  const profile = getIssuerProfile(kind)
  const claims = profile.claims(run, { clock, audience: profile.awsAudience(run) })
  const policy = issuerTrustPolicy({
    accountId: '123456789012',
    issuer: profile.issuerUrl(run),
    equals: conditions,
  })
  const c = join(dir, `${kind}-claims.json`)
  const p = join(dir, `${kind}-policy.json`)
  writeFileSync(c, JSON.stringify(claims))
  writeFileSync(p, JSON.stringify(policy))
  return { claims: c, policy: p, audience: profile.awsAudience(run) }
}

describe('trustwalk explain for other issuers', () => {
  it('gitlab.com: a policy on project_id is allowed, as AWS allows it', async () => {
    const f = files(
      'gitlab',
      { projectPath: 'acme/app', projectId: 42 },
      {
        aud: 'sts.amazonaws.com',
        project_id: '42',
        sub: 'project_path:acme/app:ref_type:branch:ref:main',
      },
    )
    const result = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      f.claims,
      '--no-color',
    ])
    expect(result.stdout).toContain('StringEquals gitlab.com:project_id')
    expect(result.status).toBe(0)
  })

  it('CircleCI: the project-id key under the per-organisation prefix decides', async () => {
    const run = { org: 'acme', project: 'app' }
    const other = getIssuerProfile('circleci').claims({ org: 'acme', project: 'website' })
    const f = files('circleci', run, {
      aud: getIssuerProfile('circleci').awsAudience(run),
      'oidc.circleci.com/project-id': String(other['oidc.circleci.com/project-id']),
    })
    const result = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      f.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(result.status).not.toBe(0)
    expect(result.stdout).toMatch(
      /oidc\.circleci\.com\/org\/[0-9a-f-]+:oidc\.circleci\.com\/project-id/,
    )
    expect(result.stdout).toContain('AccessDenied')
  })

  it('HCP Terraform: keys AWS does not map are missing, so the policy denies', async () => {
    const f = files(
      'terraform',
      { organization: 'acme', workspace: 'prod' },
      {
        aud: 'aws.workload.identity',
        terraform_workspace_name: 'prod',
      },
    )
    const result = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      f.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(result.status).not.toBe(0)
    expect(result.stdout).toContain(
      'app.terraform.io:terraform_workspace_name is not a condition key AWS fills for this provider',
    )
    expect(result.stdout).toContain('AccessDenied')
  })

  it('Buildkite: the organization and pipeline slugs AWS fills decide', async () => {
    const run = { organization: 'acme', pipeline: 'app', branch: 'main', stepKey: 'deploy' }
    const profile = getIssuerProfile('buildkite')
    const claims = profile.claims(run, { clock })
    const f = files('buildkite', run, {
      aud: profile.awsAudience(run),
      organization_slug: 'acme',
      pipeline_slug: 'app',
      sub: String(claims.sub),
    })
    const allowed = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      f.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(allowed.stdout).toContain('StringEquals agent.buildkite.com:pipeline_slug')
    expect(allowed.status).toBe(0)

    const other = files(
      'buildkite',
      { ...run, pipeline: 'website' },
      {
        aud: profile.awsAudience(run),
        organization_slug: 'acme',
        pipeline_slug: 'app',
      },
    )
    const denied = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      other.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(denied.status).not.toBe(0)
    expect(denied.stdout).toContain('AccessDenied')
  })

  it('Bitbucket: AWS maps only the generic keys, so the sub (with its UUIDs) decides', async () => {
    const run = { workspace: 'acme', repository: 'app', branch: 'main', deployment: 'production' }
    const profile = getIssuerProfile('bitbucket')
    const claims = profile.claims(run, { clock })
    const issuerHost = profile.issuerUrl(run).replace(/^https:\/\//, '')
    const f = files('bitbucket', run, { aud: profile.awsAudience(run), sub: String(claims.sub) })
    const allowed = await runMain([
      'explain',
      '--policy',
      f.policy,
      '--claims',
      f.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(allowed.stdout).toContain(`StringEquals ${issuerHost}:sub`)
    expect(allowed.status).toBe(0)

    const keyed = files('bitbucket', run, {
      aud: profile.awsAudience(run),
      repositoryUuid: String(claims.repositoryUuid),
    })
    const denied = await runMain([
      'explain',
      '--policy',
      keyed.policy,
      '--claims',
      keyed.claims,
      '--client-id',
      f.audience,
      '--no-color',
    ])
    expect(denied.status).not.toBe(0)
    expect(denied.stdout).toContain('is not a condition key AWS fills for this provider')
  })
})
