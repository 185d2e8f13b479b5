import { describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { buildkiteClaims } from '../../lib/buildkite/claims.js'
import { createBuildkiteIssuer } from '../../lib/buildkite/issuer.js'
import { buildkiteProfile } from '../../lib/buildkite/profile.js'

// FACTS-ISSUERS.md §4.2 (Buildkite's example).
const SAMPLE = {
  iss: 'https://agent.buildkite.com',
  sub: 'organization:acme-inc:pipeline:super-duper-app:ref:refs/heads/main:commit:9f3182061f1e2cca4702c368cbc039b7dc9d4485:step:build',
  aud: 'https://buildkite.com/acme-inc',
  iat: 1669014898,
  nbf: 1669014898,
  exp: 1669015198,
  organization_slug: 'acme-inc',
  pipeline_slug: 'super-duper-app',
  build_number: 1,
  build_branch: 'main',
  build_tag: 'v1.0.0',
  build_commit: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
  step_key: 'build',
  job_id: '0184990a-477b-4fa8-9968-496074483cee',
  agent_id: '0184990a-4782-42b5-afc1-16715b10b8ff',
  build_source: 'ui',
  runner_environment: 'buildkite-hosted',
}
const run = {
  organization: 'acme-inc',
  pipeline: 'super-duper-app',
  commit: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
  stepKey: 'build',
  jobId: '0184990a-477b-4fa8-9968-496074483cee',
  agentId: '0184990a-4782-42b5-afc1-16715b10b8ff',
  buildSource: 'ui',
}
const clock = fixedClock(1669014898 * 1000)

describe('buildkiteClaims', () => {
  it("reproduces Buildkite's example, key order included (a branch build)", () => {
    const { build_tag: _tag, ...branchBuild } = SAMPLE
    const claims = buildkiteClaims(run, { clock })
    expect(claims).toEqual(branchBuild)
    expect(Object.keys(claims)).toEqual(Object.keys(branchBuild))
  })

  it('a tagged build: build_tag, and the sub ref is the tag (the prose rule; the example disagrees)', () => {
    const claims = buildkiteClaims({ ...run, tag: 'v1.0.0' }, { clock })
    expect(Object.keys(claims)).toEqual(Object.keys(SAMPLE))
    expect(claims.build_tag).toBe('v1.0.0')
    expect(claims.sub).toBe(SAMPLE.sub.replace('refs/heads/main', 'refs/tags/v1.0.0'))
  })

  it('a step without a key ends in :step: and carries step_key null', () => {
    const claims = buildkiteClaims({ organization: 'acme', pipeline: 'app' }, { clock })
    expect(String(claims.sub)).toMatch(/:step:$/)
    expect(claims.step_key).toBeNull()
  })

  it('--claim, --lifetime, --subject-claim and --aws-session-tag', () => {
    const claims = buildkiteClaims(
      {
        organization: 'acme',
        pipeline: 'app',
        organizationId: 'b3883b1c-0000-4000-8000-000000000001',
        tokenRequest: {
          claims: ['organization_id'],
          lifetime: 3600,
          subjectClaim: 'organization_id',
          awsSessionTags: ['organization_slug', 'build_number', 'step_key'],
        },
      },
      { clock, audience: 'sts.amazonaws.com' },
    )
    expect(claims.organization_id).toBe('b3883b1c-0000-4000-8000-000000000001')
    expect(claims.sub).toBe('b3883b1c-0000-4000-8000-000000000001')
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600)
    expect(claims['https://aws.amazon.com/tags']).toEqual({
      principal_tags: { organization_slug: ['acme'], build_number: ['1'], step_key: [''] },
    })
    expect('pipeline_id' in claims).toBe(false)
  })

  it('refuses unknown --claim names and bad slugs', () => {
    expect(() =>
      buildkiteClaims({
        organization: 'acme',
        pipeline: 'app',
        tokenRequest: { claims: ['repo'] },
      }),
    ).toThrow(/--claim takes/)
    expect(() => buildkiteClaims({ organization: 'Acme Inc', pipeline: 'app' })).toThrow(
      /run.organization/,
    )
  })
})

describe('createBuildkiteIssuer', () => {
  it('answers the Agent API token request that buildkite-agent oidc request-token makes', async () => {
    const bk = await createBuildkiteIssuer({ keys: 'demo', clock })
    const env = await bk.jobEnv(buildkiteProfile.exampleRun)
    const url = `${env.BUILDKITE_AGENT_ENDPOINT}/jobs/${env.BUILDKITE_JOB_ID}/oidc/tokens`
    const ok = await bk.handler(
      new Request(url, {
        method: 'POST',
        headers: { authorization: `Token ${env.BUILDKITE_AGENT_ACCESS_TOKEN}` },
        body: JSON.stringify({ audience: 'sts.amazonaws.com', lifetime: 600 }),
      }),
    )
    expect(ok.status).toBe(201)
    const claims = decodeJwt(((await ok.json()) as { token: string }).token)
    expect([claims.aud, Number(claims.exp) - Number(claims.iat)]).toEqual([
      'sts.amazonaws.com',
      600,
    ])
    const denied = await bk.handler(
      new Request(url, { method: 'POST', headers: { authorization: 'Token nope' }, body: '{}' }),
    )
    expect(denied.status).toBe(401)
    expect(
      (await bk.handler(new Request('https://agent.buildkite.com/.well-known/jwks'))).status,
    ).toBe(200)
  })

  it('profile: every claim is documented', () => {
    const claims = buildkiteProfile.claims({
      ...buildkiteProfile.exampleRun,
      tokenRequest: {
        claims: [
          'organization_id',
          'pipeline_id',
          'cluster_id',
          'cluster_name',
          'build_id',
          'queue_id',
          'queue_key',
        ],
        awsSessionTags: ['pipeline_slug'],
      },
    })
    for (const name of Object.keys(claims))
      expect(buildkiteProfile.explainClaim(name), name).toBeDefined()
  })
})

describe('buildkiteClaims: --claim agent_tag:NAME', () => {
  it('adds the agent tag as a claim named agent_tag:NAME', () => {
    const claims = buildkiteClaims({
      organization: 'acme',
      pipeline: 'app',
      agentTags: { queue: 'deploy' },
      tokenRequest: { claims: ['agent_tag:queue'] },
    })
    expect(claims['agent_tag:queue']).toBe('deploy')
    expect(buildkiteProfile.explainClaim('agent_tag:queue')).toMatch(/agent tag/)
    expect(() =>
      buildkiteClaims({
        organization: 'acme',
        pipeline: 'app',
        tokenRequest: { claims: ['agent_tag:os'] },
      }),
    ).toThrow(/the agent has no tag "os"/)
  })
})
