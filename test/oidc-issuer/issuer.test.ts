import { describe, expect, it } from 'vitest'
import { compactVerify, importJWK } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { DEMO_KEYS } from '../../lib/oidc-issuer/demo-keys.js'
import { oidcDiscoveryDocument } from '../../lib/oidc-issuer/discovery.js'
import { createIssuerCore, platformIssuer } from '../../lib/oidc-issuer/issuer.js'
import type { PlatformIssuer } from '../../lib/oidc-issuer/profile.js'

const core = () =>
  createIssuerCore({
    url: 'https://oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b/',
    keys: 'demo',
    clock: fixedClock('2026-10-08T18:31:15Z'),
    platform: 'CircleCI',
    jwksPath: '/.well-known/jwks-pub.json',
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, ['sub', 'aud']),
  })

describe('createIssuerCore', () => {
  it('serves discovery and JWKS below an issuer URL with a path', async () => {
    const issuer = await core()
    expect(issuer.url).toBe('https://oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b')
    const discovery = await issuer.handler(
      new Request(`${issuer.url}/.well-known/openid-configuration`),
    )
    expect(discovery.status).toBe(200)
    expect(await discovery.json()).toMatchObject({
      issuer: issuer.url,
      jwks_uri: `${issuer.url}/.well-known/jwks-pub.json`,
    })
    const jwks = (await (await issuer.handler(new Request(issuer.jwksUrl))).json()) as {
      keys: { kid: string }[]
    }
    expect(jwks.keys.map((k) => k.kid)).toEqual([DEMO_KEYS[0]!.kid])
    // The root of the host is not this issuer's.
    const root = await issuer.handler(
      new Request('https://oidc.circleci.com/.well-known/openid-configuration'),
    )
    expect(root.status).toBe(404)
    expect((await issuer.handler(new Request(issuer.jwksUrl, { method: 'POST' }))).status).toBe(405)
  })

  it('signs RS256 tokens its JWKS verifies, and rotates and retires keys', async () => {
    const issuer = await core()
    const token = await issuer.sign({ iss: issuer.url, sub: 'x' })
    const [key] = issuer.jwks().keys
    const { protectedHeader } = await compactVerify(token, await importJWK(key!, 'RS256'))
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256', kid: DEMO_KEYS[0]!.kid })
    const old = issuer.signingKid
    expect(await issuer.rotateKeys()).toBe(DEMO_KEYS[1]!.kid)
    expect(() => issuer.retireKey(issuer.signingKid)).toThrow(/rotateKeys\(\) before retiring/)
    issuer.retireKey(old)
    expect(issuer.jwks().keys.map((k) => k.kid)).toEqual([DEMO_KEYS[1]!.kid])
  })

  it('names the platform when a key is not RSA', async () => {
    await expect(
      createIssuerCore({
        url: 'https://gitlab.com',
        keys: [{ kty: 'EC' }],
        platform: 'GitLab',
        jwksPath: '/oauth/discovery/keys',
        discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, []),
      }),
    ).rejects.toThrow('options.keys[0].kty: GitLab signs with RSA keys, got "EC"')
  })
})

describe('platformIssuer', () => {
  it('takes every shared field from the core, and signingKid follows key rotation', async () => {
    const c = await core()
    const jobEnv = async () => ({ TOKEN: 'x' })
    const issueToken = async () => c.sign({ iss: c.url, sub: 's' })
    const issuer = platformIssuer<PlatformIssuer<object>>(c, {
      kind: 'circleci',
      issueToken,
      jobEnv,
    })
    expect(issuer.kind).toBe('circleci')
    expect(issuer.url).toBe(c.url)
    expect(issuer.handler).toBe(c.handler)
    expect(issuer.issueToken).toBe(issueToken)
    expect(issuer.jobEnv).toBe(jobEnv)
    const first = issuer.signingKid
    const next = await issuer.rotateKeys()
    expect(next).not.toBe(first)
    expect(issuer.signingKid).toBe(next)
    expect(issuer.jwks().keys.map((k) => k.kid)).toContain(next)
    issuer.retireKey(first)
    expect(issuer.jwks().keys.map((k) => k.kid)).not.toContain(first)
    // A platform with its own endpoint serves it.
    const own = async () => new Response('own')
    const withEndpoint = platformIssuer<PlatformIssuer<object>>(c, {
      kind: 'buildkite',
      handler: own,
      issueToken,
      jobEnv,
    })
    expect(withEndpoint.handler).toBe(own)
  })
})
