import { describe, expect, it } from 'vitest'
import { compactVerify, importJWK } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { DEMO_KEYS } from '../../lib/oidc-issuer/demo-keys.js'
import { oidcDiscoveryDocument } from '../../lib/oidc-issuer/discovery.js'
import { createIssuerCore } from '../../lib/oidc-issuer/issuer.js'

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
