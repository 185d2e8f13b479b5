import { describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { circleciIssuerUrl } from '../../lib/circleci/claims.js'
import { createCircleCIIssuer } from '../../lib/circleci/issuer.js'
import { circleciProfile } from '../../lib/circleci/profile.js'

const ORG = '1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b'

describe('createCircleCIIssuer', () => {
  it('serves discovery and jwks-pub.json below the per-organisation issuer', async () => {
    const circleci = await createCircleCIIssuer({ url: circleciIssuerUrl(ORG), keys: 'demo' })
    const doc = (await (
      await circleci.handler(new Request(`${circleci.url}/.well-known/openid-configuration`))
    ).json()) as { jwks_uri: string }
    expect(doc.jwks_uri).toBe(`https://oidc.circleci.com/org/${ORG}/.well-known/jwks-pub.json`)
    expect((await circleci.handler(new Request(doc.jwks_uri))).status).toBe(200)
  })

  it('gives the job CIRCLE_OIDC_TOKEN (V1 sub) and CIRCLE_OIDC_TOKEN_V2 (V2 sub)', async () => {
    const circleci = await createCircleCIIssuer({ keys: 'demo', clock: fixedClock(0) })
    const env = await circleci.jobEnv(circleciProfile.exampleRun)
    const v1 = decodeJwt(env.CIRCLE_OIDC_TOKEN!)
    const v2 = decodeJwt(env.CIRCLE_OIDC_TOKEN_V2!)
    expect(String(v1.sub)).toMatch(/^org\/[^/]+\/project\/[^/]+\/user\/[^/]+$/)
    expect(String(v2.sub)).toBe(
      `${String(v1.sub)}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`,
    )
    expect(v1.iss).toBe(circleciProfile.issuerUrl(circleciProfile.exampleRun))
    expect(v2.aud).toBe(circleciProfile.awsAudience(circleciProfile.exampleRun))
  })

  it('profile: every claim is documented', () => {
    const claims = circleciProfile.claims(circleciProfile.exampleRun, { clock: fixedClock(0) })
    for (const name of Object.keys(claims))
      expect(circleciProfile.explainClaim(name), name).toBeDefined()
  })
})

describe('CircleCI fork pull requests', () => {
  it('get no OIDC tokens unless the project passes secrets to forks', async () => {
    const circleci = await createCircleCIIssuer({ keys: 'demo', clock: fixedClock(0) })
    const fork = { org: 'acme', project: 'app', forkPullRequest: true }
    expect('CIRCLE_OIDC_TOKEN_V2' in (await circleci.jobEnv(fork))).toBe(false)
    const passed = await circleci.jobEnv({ ...fork, passSecretsToForks: true })
    expect(decodeJwt(passed.CIRCLE_OIDC_TOKEN_V2!).sub).toMatch(/\/vcs-ref\/refs\/heads\/main$/)
  })
})
