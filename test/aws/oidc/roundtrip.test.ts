/**
 * Token issue → verify round trips: the GitHub side's issuer mints, the AWS side verifies, and the
 * only things crossing the boundary are the token string and what STS fetches from the issuer URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVerificationCache } from '../../../lib/aws/oidc/cache.js'
import { verifyWebIdentityToken, type OidcProviderRef } from '../../../lib/aws/oidc/verify.js'
import { fixedClock, manualClock } from '../../../lib/core/clock.js'
import { createGitHubIssuer } from '../../../lib/github/issuer.js'
import type { WorkflowRun } from '../../../lib/github/run.js'
import { createVirtualNetwork } from '../../../lib/core/network.js'
import { serveHandler, type RunningServer } from '../../../lib/node/http.js'

const run: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo' }
const START = '2026-10-08T18:31:15Z'

function providerFor(url: string, clientIds = ['sts.amazonaws.com']): OidcProviderRef {
  const host = url.replace(/^https?:\/\//, '')
  return {
    Url: url,
    ClientIDList: clientIds,
    Arn: `arn:aws:iam::123456789012:oidc-provider/${host}`,
  }
}

describe('GitHub issuer → STS verification, over the virtual network', () => {
  it('a token for sts.amazonaws.com verifies, with its GitHub claims', async () => {
    const clock = fixedClock(START)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    const result = await verifyWebIdentityToken(token, {
      providers: [providerFor(issuer.url)],
      fetch: net.fetch,
      clock,
    })
    expect(result.error).toBeUndefined()
    expect(result.ok).toBe(true)
    expect(result.claims?.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(result.key?.kid).toBe(issuer.signingKid)
    expect(result.configuration?.document).toEqual(issuer.discovery())
    expect(net.log.map((r) => `${r.status} ${r.url}`)).toEqual([
      '200 https://token.actions.githubusercontent.com/.well-known/openid-configuration',
      '200 https://token.actions.githubusercontent.com/.well-known/jwks',
    ])
  })

  it("GitHub's default audience is not sts.amazonaws.com: Incorrect token audience", async () => {
    const clock = fixedClock(START)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const result = await verifyWebIdentityToken(await issuer.issueToken(run), {
      providers: [providerFor(issuer.url)],
      fetch: net.fetch,
      clock,
    })
    expect(result.error?.toJSON()).toMatchObject({
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    })
    expect(result.checks.at(-1)?.actual).toBe('https://github.com/octo-org')
  })

  it.each([
    'https://token.actions.githubusercontent.com/octo-enterprise',
    'https://ghe.example.com/_services/token',
  ])('an issuer with a path (%s) verifies', async (url) => {
    const clock = fixedClock(START)
    const issuer = await createGitHubIssuer({ url, keys: 'demo', clock })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    const ok = await verifyWebIdentityToken(token, {
      providers: [providerFor(url)],
      fetch: net.fetch,
      clock,
    })
    expect(ok.ok).toBe(true)
    const github = await verifyWebIdentityToken(token, {
      providers: [providerFor('https://token.actions.githubusercontent.com')],
      fetch: net.fetch,
      clock,
    })
    expect(github.error?.message).toBe(`No OpenIDConnect provider found in your account for ${url}`)
  })

  it('follows key rotation through the cache, and refuses a retired key', async () => {
    const clock = manualClock(START)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const cache = createVerificationCache()
    const verify = (token: string) =>
      verifyWebIdentityToken(token, {
        providers: [providerFor(issuer.url)],
        fetch: net.fetch,
        clock,
        configurationCache: cache,
      })
    const old = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    expect((await verify(old)).ok).toBe(true)
    const oldKid = issuer.signingKid
    await issuer.rotateKeys()
    const fresh = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    expect((await verify(fresh)).ok).toBe(true)
    expect(net.log).toHaveLength(4) // one refetch for the new kid
    issuer.retireKey(oldKid)
    const uncached = await verifyWebIdentityToken(old, {
      providers: [providerFor(issuer.url)],
      fetch: net.fetch,
      clock,
    })
    expect(uncached.checks.at(-1)).toMatchObject({
      id: 'verify.kid-in-jwks',
      ok: false,
      actual: oldKid,
    })
  })

  it('the token lives 300 s, and STS allows 300 s more', async () => {
    const clock = manualClock(START)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    const verify = () =>
      verifyWebIdentityToken(token, {
        providers: [providerFor(issuer.url)],
        fetch: net.fetch,
        clock,
      })
    clock.advance(300 + 299)
    expect((await verify()).ok).toBe(true)
    clock.advance(2)
    const late = await verify()
    const iat = late.claims?.iat as number
    expect(late.error?.toJSON()).toEqual({
      code: 'ExpiredTokenException',
      message: `Token expired: current date/time ${iat + 601} must be before the expiration date/time ${iat + 300}`,
      status: 400,
      type: 'Sender',
    })
  })
})

describe('GitHub issuer → STS verification, over loopback HTTP', () => {
  let server: RunningServer
  let issuerUrl: string
  let issue: () => Promise<string>
  beforeAll(async () => {
    let handler: (request: Request) => Promise<Response> = async () =>
      new Response(null, { status: 503 })
    server = await serveHandler((request) => handler(request))
    const issuer = await createGitHubIssuer({ url: server.url, keys: 'demo' })
    handler = issuer.handler
    issuerUrl = issuer.url
    issue = () => issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
  })
  afterAll(async () => {
    await server.close()
  })

  it('verifies with the real fetch against http://127.0.0.1 (the emulators’ transport)', async () => {
    const result = await verifyWebIdentityToken(await issue(), {
      providers: [providerFor(issuerUrl)],
      fetch: globalThis.fetch,
    })
    expect(result.error).toBeUndefined()
    expect(result.configuration?.document.jwks_uri).toBe(`${issuerUrl}/.well-known/jwks`)
  })
})
