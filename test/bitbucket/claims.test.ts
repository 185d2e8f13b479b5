import { describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { bitbucketClaims, bitbucketIssuerUrl } from '../../lib/bitbucket/claims.js'
import { createBitbucketIssuer } from '../../lib/bitbucket/issuer.js'
import { bitbucketProfile } from '../../lib/bitbucket/profile.js'

// FACTS-ISSUERS.md §5.2 (assembled from the claim list; a deployment step).
const SAMPLE = {
  iss: 'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
  aud: 'ari:cloud:bitbucket::workspace/922e118c-f34f-4226-a897-0e0afbec553d',
  sub: '{1de489be-ce6a-42a0-a8c8-eadbf1174ac7}:{bd715740-c970-486b-b68a-b421ec2a1f8b}:{759de0c6-eaee-4eaa-b7a6-c507eec759a7}',
  iat: 1764859200,
  exp: 1764862800,
  workspaceUuid: '{922e118c-f34f-4226-a897-0e0afbec553d}',
  repositoryUuid: '{1de489be-ce6a-42a0-a8c8-eadbf1174ac7}',
  pipelineUuid: '{5c0b2f1e-0000-4c4d-9e8f-a1b2c3d4e5f6}',
  stepUuid: '{759de0c6-eaee-4eaa-b7a6-c507eec759a7}',
  deploymentEnvironmentUuid: '{bd715740-c970-486b-b68a-b421ec2a1f8b}',
  branchName: 'main',
}
const run = {
  workspace: 'acme',
  workspaceUuid: SAMPLE.workspaceUuid,
  repositoryUuid: SAMPLE.repositoryUuid,
  pipelineUuid: SAMPLE.pipelineUuid,
  stepUuid: SAMPLE.stepUuid,
  deploymentEnvironmentUuid: SAMPLE.deploymentEnvironmentUuid,
}
const clock = fixedClock(1764859200 * 1000)

describe('bitbucketClaims', () => {
  it('reproduces the sample deployment-step token, key order included', () => {
    const claims = bitbucketClaims(run, { clock })
    expect(claims).toEqual(SAMPLE)
    expect(Object.keys(claims)).toEqual(Object.keys(SAMPLE))
  })

  it('a plain step: {repo}:{step}, no environment claim', () => {
    const { deploymentEnvironmentUuid: _env, ...plain } = run
    const claims = bitbucketClaims(plain, { clock })
    expect(claims.sub).toBe(`${SAMPLE.repositoryUuid}:${SAMPLE.stepUuid}`)
    expect('deploymentEnvironmentUuid' in claims).toBe(false)
  })

  it('custom audiences make aud a list, even of one', () => {
    expect(bitbucketClaims({ ...run, audiences: ['sts.amazonaws.com'] }, { clock }).aud).toEqual([
      'sts.amazonaws.com',
    ])
    expect(() => bitbucketClaims({ ...run, audiences: Array(11).fill('a') }, { clock })).toThrow(
      /at most 10/,
    )
  })

  it('the step UUID changes from run to run', () => {
    const a = bitbucketClaims({ workspace: 'acme', pipelineUuid: SAMPLE.pipelineUuid }, { clock })
    const b = bitbucketClaims({ workspace: 'acme' }, { clock })
    expect(a.stepUuid).not.toBe(b.stepUuid)
    expect(() => bitbucketClaims({ workspace: 'acme', stepUuid: 'no-braces' })).toThrow(
      /run.stepUuid/,
    )
  })
})

describe('createBitbucketIssuer', () => {
  it('serves keys.json below the workspace issuer and hands BITBUCKET_STEP_OIDC_TOKEN to the step', async () => {
    const bb = await createBitbucketIssuer({ url: bitbucketIssuerUrl('acme'), keys: 'demo', clock })
    const doc = (await (
      await bb.handler(new Request(`${bb.url}/.well-known/openid-configuration`))
    ).json()) as { jwks_uri: string }
    expect(doc.jwks_uri).toBe(`${SAMPLE.iss}/keys.json`)
    expect((await bb.handler(new Request(doc.jwks_uri))).status).toBe(200)
    const env = await bb.jobEnv(bitbucketProfile.exampleRun)
    const claims = decodeJwt(env.BITBUCKET_STEP_OIDC_TOKEN!)
    expect(claims.iss).toBe(SAMPLE.iss)
    expect(claims.aud).toBe(bitbucketProfile.awsAudience(bitbucketProfile.exampleRun))
    for (const name of Object.keys(claims))
      expect(bitbucketProfile.explainClaim(name), name).toBeDefined()
  })
})
