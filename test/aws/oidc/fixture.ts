/**
 * A minimal OIDC issuer for the verifier's tests, built from jose alone (the AWS side's tests must
 * not depend on how lib/github mints tokens): RSA keys, a discovery document, a JWKS, and tokens
 * signed with any header and claims a test wants — including broken ones.
 */
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { fixedClock } from '../../../lib/core/clock.js'
import { createVirtualNetwork, type Handler } from '../../../lib/core/network.js'
import type { OidcProviderRef } from '../../../lib/aws/oidc/verify.js'

export const ISSUER = 'https://token.actions.githubusercontent.com'
export const NOW = 1791484400 // 2026-10-08T…, between iat and exp of `claims()`
export const clock = fixedClock(NOW * 1000)

export const provider: OidcProviderRef = {
  Url: ISSUER,
  ClientIDList: ['sts.amazonaws.com'],
  Arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
}

export interface TestKey {
  kid: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: JWK
}

export async function makeKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  return { kid, privateKey, publicKey, publicJwk }
}

/** GitHub-shaped claims valid at NOW (exp − iat = 300, iat − nbf = 300). */
export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    jti: 'a71fccd5-a254-47bc-8e4b-d652c9d5233f',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    ref: 'refs/heads/main',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    iss: ISSUER,
    nbf: NOW - 425,
    iat: NOW - 125,
    exp: NOW + 175,
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k]
    else base[k] = v
  }
  return base
}

/**
 * Sign any payload object (or raw JSON text) with any header (`kid` defaults to the key's), with
 * WebCrypto directly, so a test can sign headers jose would refuse to produce (e.g. `crit`).
 */
export async function sign(
  key: TestKey,
  payload: Record<string, unknown> | string = claims(),
  header: Record<string, unknown> = {},
): Promise<string> {
  const protectedHeader = { typ: 'JWT', alg: 'RS256', kid: key.kid, ...header }
  const input = `${b64url(JSON.stringify(protectedHeader))}.${b64url(typeof payload === 'string' ? payload : JSON.stringify(payload))}`
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key.privateKey,
    new TextEncoder().encode(input),
  )
  return `${input}.${b64url(new Uint8Array(signature))}`
}

export const b64url = (data: string | Uint8Array): string =>
  Buffer.from(typeof data === 'string' ? new TextEncoder().encode(data) : data).toString(
    'base64url',
  )

/** A hand-made token: base64url(JSON header).base64url(JSON payload).signature. */
export function rawToken(header: unknown, payload: unknown, signature = ''): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`
}

/** An issuer on the virtual network whose JWKS can be edited between requests. */
export function issuerNetwork(keys: TestKey[], overrides: { discovery?: Handler } = {}) {
  const state = {
    jwks: { keys: keys.map((k) => k.publicJwk) } as unknown,
    discovery: { issuer: ISSUER, jwks_uri: `${ISSUER}/.well-known/jwks` } as unknown,
  }
  const handler: Handler = async (request) => {
    const path = new URL(request.url).pathname
    if (path === '/.well-known/openid-configuration') {
      return overrides.discovery ? overrides.discovery(request) : Response.json(state.discovery)
    }
    if (path === '/.well-known/jwks') return Response.json(state.jwks)
    return new Response('not found', { status: 404 })
  }
  const net = createVirtualNetwork({ [ISSUER]: handler })
  return { net, state, fetch: net.fetch }
}
