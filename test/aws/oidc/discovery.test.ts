import { beforeAll, describe, expect, it } from 'vitest'
import {
  discoverOidcConfiguration,
  discoveryUrl,
  fetchOidcConfiguration,
  OidcDiscoveryError,
} from '../../../lib/aws/oidc/discovery.js'
import { STS_MESSAGES } from '../../../lib/aws/oidc/sources.js'
import { StsError } from '../../../lib/core/errors.js'
import { createVirtualNetwork, type Handler } from '../../../lib/core/network.js'
import { ISSUER, issuerNetwork, makeKey, type TestKey } from './fixture.js'

let key: TestKey
beforeAll(async () => {
  key = await makeKey('k1')
})

// Two spaces after the comma, as in STS's raw answers (https://github.com/awslabs/aws-sdk-rust/issues/827).
const VERIFICATION_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
const BAD_CONFIGURATION = `Please check .well-known/openid-configuration of provider: ${ISSUER} is valid`

/** Discovery against an issuer whose documents a test sets; returns the failed check and error. */
async function failure(edit: (state: { jwks: unknown; discovery: unknown }) => void) {
  const { state, fetch } = issuerNetwork([key])
  edit(state)
  const result = await discoverOidcConfiguration(ISSUER, { fetch })
  if (result.ok) throw new Error('discovery unexpectedly succeeded')
  const last = result.checks.at(-1)!
  expect(last.ok).toBe(false)
  expect(result.checks.slice(0, -1).every((c) => c.ok)).toBe(true)
  return { check: last, error: result.error }
}

describe('discoveryUrl', () => {
  it('appends the well-known path without a double slash (OIDC Discovery §4)', () => {
    expect(discoveryUrl(ISSUER)).toBe(`${ISSUER}/.well-known/openid-configuration`)
    expect(discoveryUrl('https://ghe.example/_services/token/')).toBe(
      'https://ghe.example/_services/token/.well-known/openid-configuration',
    )
  })
})

describe('fetchOidcConfiguration', () => {
  it('fetches the discovery document, then the JWKS, recording each check', async () => {
    const { fetch, net } = issuerNetwork([key])
    const configuration = await fetchOidcConfiguration(ISSUER, { fetch })
    expect(configuration.document.jwks_uri).toBe(`${ISSUER}/.well-known/jwks`)
    expect(configuration.jwks).toEqual({ keys: [key.publicJwk] })
    expect(configuration.keys.map((k) => k.kid)).toEqual(['k1'])
    expect(configuration.checks.map((c) => [c.id, c.ok])).toEqual([
      ['discovery.configuration-fetched', true],
      ['discovery.configuration-json', true],
      ['discovery.issuer-matches', true],
      ['discovery.jwks-uri', true],
      ['discovery.jwks-fetched', true],
      ['discovery.jwks-keys', true],
    ])
    for (const check of configuration.checks) {
      expect(check.summary).toMatch(/^[A-Z].*\.$/)
      expect(check.source).toMatch(/^https:\/\//)
    }
    expect(net.log.map((r) => r.url)).toEqual([
      `${ISSUER}/.well-known/openid-configuration`,
      `${ISSUER}/.well-known/jwks`,
    ])
  })

  it('throws an StsError InvalidIdentityToken carrying the checks', async () => {
    const { fetch, state } = issuerNetwork([key])
    state.jwks = { keys: [] }
    const error = await fetchOidcConfiguration(ISSUER, { fetch }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OidcDiscoveryError)
    expect(error).toBeInstanceOf(StsError)
    expect((error as StsError).toJSON()).toEqual({
      code: 'InvalidIdentityToken',
      message: VERIFICATION_KEY,
      status: 400,
      type: 'Sender',
    })
    expect((error as OidcDiscoveryError).checks.at(-1)?.id).toBe('discovery.jwks-keys')
  })
})

describe('discovery failures', () => {
  it('an unreachable issuer (fetch throws TypeError) is a verification-key failure', async () => {
    const net = createVirtualNetwork({})
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toBe(VERIFICATION_KEY)
    expect(result.checks).toHaveLength(1)
    expect(result.checks[0]!.summary).toBe(
      `STS fetches ${ISSUER}/.well-known/openid-configuration and needs an HTTP 200 answer (this simulator waits 5 s; AWS documents no time limit). The request failed: fetch failed (virtual network: no server at ${ISSUER}).`,
    )
  })

  it('a fetch that throws something odd is still a typed failure', async () => {
    const result = await discoverOidcConfiguration(ISSUER, {
      fetch: () => Promise.reject('boom'),
    })
    expect(!result.ok && result.checks[0]!.summary).toMatch(/The request failed: boom\.$/)
  })

  it('a slow issuer times out after timeoutMs', async () => {
    const never: Handler = () => new Promise(() => {})
    const net = createVirtualNetwork({ [ISSUER]: never })
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch, timeoutMs: 50 })
    expect(!result.ok && result.checks[0]!.summary).toMatch(/It did not answer within 0\.05 s\.$/)
    expect(!result.ok && result.error.message).toBe(VERIFICATION_KEY)
  })

  it('answers other than 200 fail, naming the status', async () => {
    const net = createVirtualNetwork({ [ISSUER]: async () => new Response('no', { status: 404 }) })
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    expect(!result.ok && result.checks[0]).toMatchObject({
      id: 'discovery.configuration-fetched',
      ok: false,
      actual: 404,
    })
    expect(!result.ok && result.checks[0]!.summary).toMatch(/It answered HTTP 404\.$/)
    expect(!result.ok && result.error.message).toBe(VERIFICATION_KEY)
  })

  it('caps the size of what it reads, with or without Content-Length', async () => {
    const { fetch } = issuerNetwork([key])
    const result = await discoverOidcConfiguration(ISSUER, { fetch, maxConfigurationBytes: 40 })
    expect(!result.ok && result.checks[0]!.summary).toMatch(/Its answer is larger than 40 bytes\.$/)
    const streamed: Handler = async () => {
      const chunk = new TextEncoder().encode('x'.repeat(1000))
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 100) controller.enqueue(chunk)
          else controller.close()
        },
      })
      return new Response(body, { status: 200 })
    }
    const net = createVirtualNetwork({ [ISSUER]: streamed })
    const capped = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    expect(!capped.ok && capped.checks[0]!.summary).toMatch(/larger than 65536 bytes\.$/)
  })

  it.each([
    ['not JSON', 'text that is not JSON'],
    ['[1]', 'an array'],
    ['"issuer"', 'the string "issuer"'],
  ])('a discovery document %s is refused', async (body, what) => {
    const net = createVirtualNetwork({ [ISSUER]: async () => new Response(body) })
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    if (result.ok) throw new Error('accepted')
    const [check, error] = [result.checks.at(-1)!, result.error]
    expect(check.id).toBe('discovery.configuration-json')
    expect(check.summary).toBe(`The discovery document must be a JSON object; it is ${what}.`)
    expect(error.message).toBe(BAD_CONFIGURATION)
  })

  it('the issuer in the document must be exactly the provider URL', async () => {
    const { check, error } = await failure((s) => {
      s.discovery = { issuer: `${ISSUER}/`, jwks_uri: `${ISSUER}/.well-known/jwks` }
    })
    expect(check).toMatchObject({
      id: 'discovery.issuer-matches',
      expected: ISSUER,
      actual: `${ISSUER}/`,
      summary: `The document's "issuer" must be exactly ${ISSUER}; it is the string "${ISSUER}/".`,
    })
    expect(error.message).toBe(BAD_CONFIGURATION)
    expect(STS_MESSAGES.discovery(ISSUER)).toBe(BAD_CONFIGURATION)
  })

  it.each([
    [undefined, 'it is undefined'],
    [42, 'it is the number 42'],
    ['/.well-known/jwks', '"/.well-known/jwks" is not an absolute URL'],
    ['http://keys.example.com/jwks', '"http://keys.example.com/jwks" uses http'],
    ['ftp://keys.example.com/jwks', '"ftp://keys.example.com/jwks" uses ftp'],
  ])('jwks_uri %j is refused', async (jwksUri, why) => {
    const { check, error } = await failure((s) => {
      s.discovery = { issuer: ISSUER, jwks_uri: jwksUri }
    })
    expect(check.id).toBe('discovery.jwks-uri')
    expect(check.summary).toBe(`The document's "jwks_uri" must be an absolute https URL; ${why}.`)
    expect(error.message).toBe(BAD_CONFIGURATION)
  })

  it('plain http is allowed on loopback, for the local emulators', async () => {
    const local = 'http://127.0.0.1:8912'
    const net = createVirtualNetwork({
      [local]: async (request) =>
        request.url.endsWith('/jwks')
          ? Response.json({ keys: [key.publicJwk] })
          : Response.json({ issuer: local, jwks_uri: `${local}/.well-known/jwks` }),
    })
    const result = await discoverOidcConfiguration(local, { fetch: net.fetch })
    expect(result.ok).toBe(true)
  })

  it('a JWKS that cannot be fetched or used is a verification-key failure', async () => {
    const net = createVirtualNetwork({
      [ISSUER]: async (request) =>
        request.url.endsWith('/jwks')
          ? new Response('oops', { status: 503 })
          : Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks` }),
    })
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    expect(!result.ok && result.checks.at(-1)).toMatchObject({
      id: 'discovery.jwks-fetched',
      ok: false,
      actual: 503,
    })
    expect(!result.ok && result.checks.at(-1)!.summary).toMatch(/It answered HTTP 503\.$/)
    expect(!result.ok && result.error.message).toBe(VERIFICATION_KEY)
  })

  it.each([
    [{ keys: 'none' }, 'The JWKS must have a "keys" array, not the string "none".'],
    [
      { keys: [{ kty: 'oct', kid: 's', k: 'c2VjcmV0' }] },
      /^The JWKS has no usable RSA or EC signing key \(keys\[0\]: key "s" has kty/,
    ],
    [[], 'The JWKS must be a JSON object, not an array.'],
  ])('a JWKS %j is refused', async (jwks, summary) => {
    const { check, error } = await failure((s) => {
      s.jwks = jwks
    })
    expect(check.id).toBe('discovery.jwks-keys')
    expect(check.summary).toMatch(summary)
    expect(error.message).toBe(VERIFICATION_KEY)
  })

  it('a JWKS that is not JSON is refused', async () => {
    const net = createVirtualNetwork({
      [ISSUER]: async (request) =>
        request.url.endsWith('/jwks')
          ? new Response('<html>')
          : Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks` }),
    })
    const result = await discoverOidcConfiguration(ISSUER, { fetch: net.fetch })
    expect(!result.ok && result.checks.at(-1)).toMatchObject({
      id: 'discovery.jwks-keys',
      summary: 'The JWKS is not JSON.',
    })
  })
})
