/**
 * Array audiences from real issuers (FACTS-ISSUERS.md §0.3, Sim choice: STS accepts a token whose
 * `aud` array has any element among the provider's client IDs): a GitLab job's `id_tokens:` entry
 * with an `aud:` list, and a Bitbucket step with custom audiences (an array even for one value).
 * Each token is minted by that platform's emulator and verified against its discovery and JWKS.
 */
import { describe, expect, it } from 'vitest'
import { verifyWebIdentityToken } from '../../../lib/aws/oidc/verify.js'
import { fixedClock } from '../../../lib/core/clock.js'
import { DEMO_TIME } from '../../../lib/core/demo.js'
import { createVirtualNetwork } from '../../../lib/core/network.js'
import { getIssuerProfile } from '../../../lib/issuers/index.js'

const clock = fixedClock(DEMO_TIME)

async function verifyFrom(
  kind: 'gitlab' | 'bitbucket',
  run: object,
  clientIds: string[],
  variable: string,
) {
  const profile = getIssuerProfile(kind)
  const issuer = await profile.createIssuer({ keys: 'demo', clock })
  const env = await issuer.jobEnv(run)
  const token = env[variable]!
  expect(token, `${variable} in ${Object.keys(env).join(', ')}`).toBeTruthy()
  const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
  return verifyWebIdentityToken(token, {
    providers: [
      {
        Url: issuer.url,
        ClientIDList: clientIds,
        Arn: `arn:aws:iam::123456789012:oidc-provider/${issuer.url.slice(8)}`,
      },
    ],
    fetch: net.fetch,
    clock,
  })
}

describe('verify: array audiences from other issuers (FACTS-ISSUERS.md §0.3)', () => {
  const gitlabRun = {
    projectPath: 'acme/app',
    idTokens: { GITLAB_OIDC_TOKEN: { aud: ['https://vault.example.com', 'sts.amazonaws.com'] } },
  }

  it('a GitLab aud: list is accepted when one element is a client ID', async () => {
    const result = await verifyFrom('gitlab', gitlabRun, ['sts.amazonaws.com'], 'GITLAB_OIDC_TOKEN')
    expect(result.claims?.aud).toEqual(['https://vault.example.com', 'sts.amazonaws.com'])
    expect(result.error?.message).toBeUndefined()
    expect(result.ok).toBe(true)
    expect(result.audience).toBe('sts.amazonaws.com')
  })

  it('a GitLab aud: list with no client ID is refused: Incorrect token audience', async () => {
    const result = await verifyFrom(
      'gitlab',
      gitlabRun,
      ['https://gitlab.com'],
      'GITLAB_OIDC_TOKEN',
    )
    expect(result.ok).toBe(false)
    expect(result.error?.message).toBe('Incorrect token audience')
    expect(result.checks.at(-1)?.id).toBe('verify.aud-in-client-ids')
  })

  const bitbucketRun = {
    workspace: 'acme',
    repository: 'app',
    branch: 'main',
    audiences: ['https://vault.example.com', 'sts.amazonaws.com'],
  }

  it('Bitbucket custom audiences are accepted when one is a client ID', async () => {
    const result = await verifyFrom(
      'bitbucket',
      bitbucketRun,
      ['sts.amazonaws.com'],
      'BITBUCKET_STEP_OIDC_TOKEN',
    )
    expect(result.claims?.aud).toEqual(['https://vault.example.com', 'sts.amazonaws.com'])
    expect(result.ok).toBe(true)
    expect(result.audience).toBe('sts.amazonaws.com')
  })

  it('one Bitbucket custom audience is still an array, accepted as its string', async () => {
    const result = await verifyFrom(
      'bitbucket',
      { ...bitbucketRun, audiences: ['sts.amazonaws.com'] },
      ['sts.amazonaws.com'],
      'BITBUCKET_STEP_OIDC_TOKEN',
    )
    expect(result.claims?.aud).toEqual(['sts.amazonaws.com'])
    expect(result.ok).toBe(true)
  })

  it('Bitbucket custom audiences replace the workspace ARI: a provider listing only the ARI refuses them', async () => {
    const ari = getIssuerProfile('bitbucket').awsAudience(bitbucketRun)
    const result = await verifyFrom('bitbucket', bitbucketRun, [ari], 'BITBUCKET_STEP_OIDC_TOKEN')
    expect(result.ok).toBe(false)
    expect(result.error?.message).toBe('Incorrect token audience')
  })
})
