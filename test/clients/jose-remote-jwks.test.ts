/**
 * A relying party built from jose's own `createRemoteJWKSet` + `jwtVerify`, reading the served
 * discovery document over loopback HTTP — what any OIDC verifier outside trustwalk does.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGitHubIssuer, type GitHubIssuer } from '../../lib/github/issuer.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { serveHandler, type RunningServer } from '../../lib/node/http.js'
import type { GitHubDiscoveryDocument } from '../../lib/github/discovery.js'

const run: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo' }
let server: RunningServer
let issuer: GitHubIssuer

beforeAll(async () => {
  server = await serveHandler((request) => issuer.handler(request))
  issuer = await createGitHubIssuer({ url: `${server.url}/acme`, keys: 'demo' })
})

afterAll(async () => {
  await server.close()
})

async function discover(): Promise<GitHubDiscoveryDocument> {
  const response = await fetch(`${issuer.url}/.well-known/openid-configuration`)
  expect(response.status).toBe(200)
  return (await response.json()) as GitHubDiscoveryDocument
}

describe('jose createRemoteJWKSet against the served issuer', () => {
  it('verifies an issued token through the discovery document’s jwks_uri', async () => {
    const doc = await discover()
    expect(doc.issuer).toBe(`${server.url}/acme`)
    expect(doc.jwks_uri).toBe(`${server.url}/acme/.well-known/jwks`)
    const jwks = createRemoteJWKSet(new URL(doc.jwks_uri))
    const token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: doc.issuer,
      audience: 'sts.amazonaws.com',
      algorithms: doc.id_token_signing_alg_values_supported,
    })
    expect(payload.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(protectedHeader.kid).toBe(issuer.signingKid)
  })

  it('follows a key rotation, and rejects tokens of a retired key', async () => {
    const doc = await discover()
    const jwks = createRemoteJWKSet(new URL(doc.jwks_uri), { cooldownDuration: 0 })
    const old = await issuer.issueToken(run)
    await jwtVerify(old, jwks, { issuer: doc.issuer })
    const oldKid = issuer.signingKid
    await issuer.rotateKeys()
    const fresh = await issuer.issueToken(run)
    // An unknown kid makes jose refetch the JWKS, as a relying party must when keys rotate.
    await expect(jwtVerify(fresh, jwks, { issuer: doc.issuer })).resolves.toBeDefined()
    issuer.retireKey(oldKid)
    const refetched = createRemoteJWKSet(new URL(doc.jwks_uri))
    await expect(jwtVerify(old, refetched, { issuer: doc.issuer })).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
    await expect(jwtVerify(fresh, refetched, { issuer: doc.issuer })).resolves.toBeDefined()
  })

  it('rejects a token whose iss is not the discovery issuer', async () => {
    const doc = await discover()
    const token = await issuer.issueToken(run, {
      claims: { iss: 'https://token.actions.githubusercontent.com' },
    })
    await expect(
      jwtVerify(token, createRemoteJWKSet(new URL(doc.jwks_uri)), { issuer: doc.issuer }),
    ).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' })
  })
})
