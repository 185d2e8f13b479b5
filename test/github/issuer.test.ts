import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyResult } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixedClock, manualClock } from '../../lib/core/clock.js'
import { InvalidInputError } from '../../lib/core/errors.js'
import { githubClaims } from '../../lib/github/claims.js'
import { DEMO_KEYS } from '../../lib/github/demo-keys.js'
import { createGitHubIssuer, normalizeIssuerUrl } from '../../lib/github/issuer.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { createVirtualNetwork } from '../../lib/core/network.js'

const AT = '2026-10-08T18:31:15Z'
const run: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo', environment: 'prod' }
const GITHUB = 'https://token.actions.githubusercontent.com'

/** github.com's discovery document (FACTS.md §1.1). */
const GITHUB_DISCOVERY = {
  issuer: 'https://token.actions.githubusercontent.com',
  jwks_uri: 'https://token.actions.githubusercontent.com/.well-known/jwks',
  subject_types_supported: ['public', 'pairwise'],
  response_types_supported: ['id_token'],
  claims_supported:
    'sub aud exp iat iss jti nbf ref sha repository repository_id repository_owner repository_owner_id enterprise enterprise_id run_id run_number run_attempt actor actor_id workflow workflow_ref workflow_sha head_ref base_ref event_name ref_type ref_protected environment environment_node_id job_workflow_ref job_workflow_sha repository_visibility runner_environment issuer_scope'.split(
      ' ',
    ),
  id_token_signing_alg_values_supported: ['RS256'],
  scopes_supported: ['openid'],
}

function decodePayloadKeys(token: string): string[] {
  const part = token.split('.')[1]!
  return Object.keys(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
}

async function verify(token: string, jwks: { keys: object[] }, at: Date) {
  return jwtVerify(token, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), {
    issuer: GITHUB,
    algorithms: ['RS256'],
    currentDate: at,
  })
}

describe('createGitHubIssuer: discovery and JWKS', () => {
  it('serves github.com’s discovery document exactly, field order included', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    expect(issuer.url).toBe(GITHUB)
    expect(issuer.discovery()).toEqual(GITHUB_DISCOVERY)
    expect(Object.keys(issuer.discovery())).toEqual(Object.keys(GITHUB_DISCOVERY))
  })

  it.each([
    ['enterprise slug issuer', `${GITHUB}/acme`],
    ['GHES', 'https://ghes.example.com/_services/token'],
    ['GHE.com', 'https://token.actions.octocorp.ghe.com'],
    ['loopback (trustwalk serve)', 'http://127.0.0.1:41234'],
  ])('derives issuer and jwks_uri from the URL for %s', async (_name, url) => {
    const issuer = await createGitHubIssuer({ keys: 'demo', url })
    expect(issuer.discovery().issuer).toBe(url)
    expect(issuer.discovery().jwks_uri).toBe(`${url}/.well-known/jwks`)
  })

  it('publishes the signing key as {kty, alg, use, kid, n, e} and nothing private', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    const { keys } = issuer.jwks()
    expect(keys).toHaveLength(1)
    const demo = DEMO_KEYS[0]!
    expect(keys[0]).toEqual({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: demo.kid,
      n: demo.n,
      e: 'AQAB',
    })
    expect(Object.keys(keys[0]!)).toEqual(['kty', 'alg', 'use', 'kid', 'n', 'e'])
    expect(issuer.signingKid).toBe(demo.kid)
  })

  it.each([
    ['http on a public host', 'http://token.example.com', 'options.url'],
    ['a query string', `${GITHUB}?x=1`, 'options.url'],
    ['not a URL', 'token.actions.githubusercontent.com', 'options.url'],
  ])('rejects an issuer URL with %s', async (_name, url, path) => {
    await expect(createGitHubIssuer({ keys: 'demo', url })).rejects.toMatchObject({
      code: 'TW_INVALID_INPUT',
      path,
    })
  })

  it('drops a trailing slash, as iss has none', () => {
    expect(normalizeIssuerUrl(`${GITHUB}/`)).toBe(GITHUB)
    expect(normalizeIssuerUrl('http://localhost:8080/acme/')).toBe('http://localhost:8080/acme')
  })

  it('rejects an empty key list and duplicate keys', async () => {
    await expect(createGitHubIssuer({ keys: [] })).rejects.toBeInstanceOf(InvalidInputError)
    await expect(createGitHubIssuer({ keys: [DEMO_KEYS[0]!, DEMO_KEYS[0]!] })).rejects.toThrow(
      /share a kid/,
    )
    await expect(
      createGitHubIssuer({ keys: [{ kty: 'RSA', n: DEMO_KEYS[0]!.n, e: 'AQAB' }] }),
    ).rejects.toMatchObject({ path: 'options.keys[0].d' })
  })
})

describe('issueToken → jose jwtVerify', () => {
  it('signs githubClaims with header {typ, alg, kid}; jose verifies it against the JWKS', async () => {
    const clock = fixedClock(AT)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    const expected = githubClaims(run, { audience: 'sts.amazonaws.com', clock })
    const { payload, protectedHeader } = await verify(token, issuer.jwks(), clock())
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256', kid: DEMO_KEYS[0]!.kid })
    expect(Object.keys(decodeProtectedHeader(token))).toEqual(['typ', 'alg', 'kid'])
    expect(payload).toEqual(expected)
    expect(decodePayloadKeys(token)).toEqual(Object.keys(expected))
    expect(payload.aud).toBe('sts.amazonaws.com')
  })

  it('defaults aud to https://github.com/OWNER', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(AT) })
    const { payload } = await verify(await issuer.issueToken(run), issuer.jwks(), new Date(AT))
    expect(payload.aud).toBe('https://github.com/octo-org')
  })

  it('gives every token its own jti, and the same sequence of calls the same bytes', async () => {
    const a = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(AT) })
    const b = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(AT) })
    const fromA = [await a.issueToken(run), await a.issueToken(run)]
    const fromB = [await b.issueToken(run), await b.issueToken(run)]
    expect(fromA).toEqual(fromB)
    const jtis = await Promise.all(
      fromA.map(async (t) => (await verify(t, a.jwks(), new Date(AT))).payload.jti),
    )
    expect(jtis[0]).not.toBe(jtis[1])
  })

  it('honours lifetime and nbf options; jose rejects the token once it expires', async () => {
    const clock = manualClock(AT)
    const issuer = await createGitHubIssuer({
      keys: 'demo',
      clock,
      lifetimeSeconds: 60,
      notBeforeSeconds: 600,
    })
    const token = await issuer.issueToken(run)
    const { payload } = await verify(token, issuer.jwks(), clock())
    expect([payload.exp! - payload.iat!, payload.iat! - payload.nbf!]).toEqual([60, 600])
    clock.advance(60)
    await expect(verify(token, issuer.jwks(), clock())).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    })
  })

  it('applies claim overrides after GitHub’s, and removes claims set to undefined', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(AT) })
    const token = await issuer.issueToken(run, {
      claims: { aud: ['a', 'b'], environment: undefined, extra: 1 },
    })
    const { payload } = await verify(token, issuer.jwks(), new Date(AT))
    expect(payload.aud).toEqual(['a', 'b'])
    expect(payload).not.toHaveProperty('environment')
    expect(payload.extra).toBe(1)
  })

  it('uses the configured issuer URL as iss and the custom subject template', async () => {
    const url = `${GITHUB}/acme`
    const issuer = await createGitHubIssuer({ keys: 'demo', url, clock: fixedClock(AT) })
    const token = await issuer.issueToken(run, {
      subjectTemplate: { includeClaimKeys: ['repo', 'actor'] },
    })
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      issuer: url,
      currentDate: new Date(AT),
    })
    expect(payload.sub).toBe('repo:octo-org/octo-repo:actor:octocat')
  })

  it('throws InvalidInputError for a bad run', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    await expect(issuer.issueToken({ owner: 'octo org', repo: 'r' })).rejects.toMatchObject({
      code: 'TW_INVALID_INPUT',
      path: 'run.owner',
    })
  })
})

describe('key rotation', () => {
  it('old tokens verify while their key is published, and fail once it is retired', async () => {
    const clock = fixedClock(AT)
    const issuer = await createGitHubIssuer({ keys: 'demo', clock })
    const [k0, k1] = [DEMO_KEYS[0]!.kid!, DEMO_KEYS[1]!.kid!]
    const old = await issuer.issueToken(run)
    expect(await issuer.rotateKeys()).toBe(k1)
    expect(issuer.signingKid).toBe(k1)
    const fresh = await issuer.issueToken(run)
    expect(decodeProtectedHeader(fresh).kid).toBe(k1)
    expect(issuer.jwks().keys.map((k) => k.kid)).toEqual([k0, k1])
    await expect(verify(old, issuer.jwks(), clock())).resolves.toBeDefined()
    await expect(verify(fresh, issuer.jwks(), clock())).resolves.toBeDefined()

    issuer.retireKey(k0)
    expect(issuer.jwks().keys.map((k) => k.kid)).toEqual([k1])
    await expect(verify(old, issuer.jwks(), clock())).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
    await expect(verify(fresh, issuer.jwks(), clock())).resolves.toBeDefined()
  })

  it('refuses to retire the signing key or an unknown kid', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    expect(() => issuer.retireKey(issuer.signingKid)).toThrow(/rotateKeys\(\) before retiring/)
    expect(() => issuer.retireKey('nope')).toThrow(InvalidInputError)
  })

  describe('with generated keys', () => {
    let issuer: Awaited<ReturnType<typeof createGitHubIssuer>>
    let first: string
    let second: string
    beforeAll(async () => {
      issuer = await createGitHubIssuer({ keys: [DEMO_KEYS[2]!] })
      first = issuer.signingKid
      second = await issuer.rotateKeys() // beyond the provided keys: a fresh RSA key
    })

    it('generates a fresh key once the provided ones are used up', async () => {
      expect(first).toBe(DEMO_KEYS[2]!.kid)
      expect(second).not.toBe(first)
      expect(DEMO_KEYS.map((k) => k.kid)).not.toContain(second)
      const token = await issuer.issueToken(run)
      const result: JWTVerifyResult = await verify(token, issuer.jwks(), new Date())
      expect(result.protectedHeader.kid).toBe(second)
    })
  })
})

describe('issuer.handler', () => {
  it('serves discovery and JWKS as JSON through a virtual network', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const d = await net.fetch(`${GITHUB}/.well-known/openid-configuration`)
    expect(d.status).toBe(200)
    expect(d.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await d.json()).toEqual(issuer.discovery())
    const j = await net.fetch(issuer.discovery().jwks_uri)
    expect(await j.json()).toEqual(issuer.jwks())
  })

  it('serves under the issuer path only', async () => {
    const issuer = await createGitHubIssuer({
      keys: 'demo',
      url: 'https://ghes.example.com/_services/token',
    })
    const get = (path: string) => issuer.handler(new Request(`https://ghes.example.com${path}`))
    expect((await get('/_services/token/.well-known/openid-configuration')).status).toBe(200)
    expect((await get('/_services/token/.well-known/jwks')).status).toBe(200)
    expect((await get('/.well-known/openid-configuration')).status).toBe(404)
  })

  it('answers 404 elsewhere, 405 for other methods, and HEAD without a body', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    const call = (path: string, method = 'GET') =>
      issuer.handler(new Request(`${GITHUB}${path}`, { method }))
    expect((await call('/nope')).status).toBe(404)
    expect((await call('/.well-known/jwks/')).status).toBe(404)
    const post = await call('/.well-known/jwks', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const head = await call('/.well-known/openid-configuration', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
