import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { HttpRequest } from '@smithy/types'
import { describe, expect, it } from 'vitest'
import {
  createSessionStore,
  issueCredentials,
  type RoleSession,
} from '../../../lib/aws/sts/credentials.js'
import { seededRandom } from '../../../lib/aws/sts/random.js'
import { MESSAGES, verifySignature, type SignedRequest } from '../../../lib/aws/sts/sigv4.js'

const NOW = new Date('2026-10-08T18:31:15Z')
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15'

function setup() {
  const sessions = createSessionStore()
  const credentials = issueCredentials({
    accountId: '123456789012',
    now: NOW,
    durationSeconds: 3600,
    random: seededRandom('sigv4'),
  })
  const session: RoleSession = {
    credentials,
    arn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    assumedRoleId: 'AROAEXAMPLEEXAMPLE123:GitHubActions',
    accountId: '123456789012',
    roleArn: 'arn:aws:iam::123456789012:role/deploy',
  }
  sessions.add(session)
  return { sessions, session, credentials }
}

/** Sign as the AWS SDK does (SigV4 via @smithy/signature-v4, service sts). */
async function signed(
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  { at = NOW, region = 'us-east-1', service = 'sts', body = BODY } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({ service, region, credentials: creds, sha256: Sha256 })
  const request: HttpRequest = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: '/',
    query: {},
    headers: {
      host: '127.0.0.1:4566',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body,
  }
  const out = await signer.sign(request, { signingDate: at })
  return {
    method: 'POST',
    url: new URL('http://127.0.0.1:4566/'),
    headers: new Headers(out.headers),
    body: new TextEncoder().encode(body),
  }
}

const clientCreds = (c: ReturnType<typeof setup>['credentials']) => ({
  accessKeyId: c.AccessKeyId,
  secretAccessKey: c.SecretAccessKey,
  sessionToken: c.SessionToken,
})

describe('verifySignature', () => {
  it('accepts a request the SDK signer signed with the issued credentials', async () => {
    const { sessions, session, credentials } = setup()
    const v = await verifySignature(await signed(clientCreds(credentials)), { sessions, now: NOW })
    expect(v.ok).toBe(true)
    expect(v.ok && v.session).toBe(session)
  })

  it('accepts it from another region, as the scope names it', async () => {
    const { sessions, credentials } = setup()
    const v = await verifySignature(
      await signed(clientCreds(credentials), { region: 'eu-west-1' }),
      { sessions, now: NOW },
    )
    expect(v.ok).toBe(true)
  })

  it('a wrong secret: SignatureDoesNotMatch, 403', async () => {
    const { sessions, credentials } = setup()
    const creds = { ...clientCreds(credentials), secretAccessKey: 'x'.repeat(40) }
    const v = await verifySignature(await signed(creds), { sessions, now: NOW })
    expect(v.ok).toBe(false)
    if (v.ok) return
    expect([v.error.code, v.error.message, v.error.status]).toEqual([
      'SignatureDoesNotMatch',
      MESSAGES.mismatch,
      403,
    ])
  })

  it('a body changed after signing: SignatureDoesNotMatch', async () => {
    const { sessions, credentials } = setup()
    const req = await signed(clientCreds(credentials))
    req.body = new TextEncoder().encode(BODY + '&Extra=1')
    const v = await verifySignature(req, { sessions, now: NOW })
    expect(!v.ok && v.error.code).toBe('SignatureDoesNotMatch')
  })

  it('a missing or different session token: InvalidClientTokenId', async () => {
    const { sessions, credentials } = setup()
    const without = await verifySignature(
      await signed({ ...clientCreds(credentials), sessionToken: undefined }),
      { sessions, now: NOW },
    )
    expect(
      !without.ok && [without.error.code, without.error.message, without.error.status],
    ).toEqual([
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    ])
    const other = await verifySignature(
      await signed({ ...clientCreds(credentials), sessionToken: 'IQoJb3JpZ2luX2VjOTHER' }),
      { sessions, now: NOW },
    )
    expect(!other.ok && other.error.code).toBe('InvalidClientTokenId')
  })

  it('an access key id STS never issued: InvalidClientTokenId', async () => {
    const { sessions, credentials } = setup()
    const v = await verifySignature(
      await signed({ ...clientCreds(credentials), accessKeyId: 'ASIAQQQQQQQQQQQQQQQQ' }),
      { sessions, now: NOW },
    )
    expect(!v.ok && v.error.code).toBe('InvalidClientTokenId')
  })

  it('no signature at all: MissingAuthenticationToken, 403', async () => {
    const { sessions } = setup()
    const v = await verifySignature(
      {
        method: 'POST',
        url: new URL('http://127.0.0.1/'),
        headers: new Headers(),
        body: new TextEncoder().encode(BODY),
      },
      { sessions, now: NOW },
    )
    expect(!v.ok && [v.error.code, v.error.message, v.error.status]).toEqual([
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
      403,
    ])
  })

  it('an Authorization header without its parts: IncompleteSignature', async () => {
    const { sessions } = setup()
    const headers = new Headers({
      authorization: 'AWS4-HMAC-SHA256 Credential=ASIAX/20261008/us-east-1/sts/aws4_request',
    })
    const v = await verifySignature(
      { method: 'POST', url: new URL('http://127.0.0.1/'), headers, body: new Uint8Array() },
      { sessions, now: NOW },
    )
    expect(!v.ok && v.error.code).toBe('IncompleteSignature')
    expect(!v.ok && v.error.message).toContain(
      "Authorization header requires 'Signature' parameter.",
    )
    expect(!v.ok && v.error.message).toContain(
      "Authorization header requires 'SignedHeaders' parameter.",
    )
  })

  it('credentials past their Expiration: ExpiredToken', async () => {
    const { sessions, credentials } = setup()
    const later = new Date(NOW.getTime() + 3601_000)
    const v = await verifySignature(await signed(clientCreds(credentials), { at: later }), {
      sessions,
      now: later,
    })
    expect(!v.ok && [v.error.code, v.error.message, v.error.status]).toEqual([
      'ExpiredToken',
      'The security token included in the request is expired',
      403,
    ])
  })

  it('a signature more than 15 minutes old: "Signature expired"', async () => {
    const { sessions, credentials } = setup()
    const req = await signed(clientCreds(credentials))
    const now = new Date(NOW.getTime() + 16 * 60_000)
    const v = await verifySignature(req, { sessions, now })
    expect(!v.ok && v.error.code).toBe('SignatureDoesNotMatch')
    expect(!v.ok && v.error.message).toBe(
      'Signature expired: 20261008T183115Z is now earlier than 20261008T183215Z (20261008T184715Z - 15 min.)',
    )
    // 14 minutes is still fine.
    const ok = await verifySignature(req, { sessions, now: new Date(NOW.getTime() + 14 * 60_000) })
    expect(ok.ok).toBe(true)
  })

  it('a scope for another service is refused', async () => {
    const { sessions, credentials } = setup()
    const v = await verifySignature(await signed(clientCreds(credentials), { service: 'iam' }), {
      sessions,
      now: NOW,
    })
    expect(!v.ok && v.error.message).toBe("Credential should be scoped to correct service: 'sts'. ")
  })

  it('accepts a presigned GetCallerIdentity URL, until it expires', async () => {
    const { sessions, credentials, session } = setup()
    const signer = new SignatureV4({
      service: 'sts',
      region: 'us-east-1',
      credentials: clientCreds(credentials),
      sha256: Sha256,
    })
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4566,
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: '127.0.0.1:4566' },
      },
      { signingDate: NOW, expiresIn: 60 },
    )
    const url = new URL('http://127.0.0.1:4566/')
    for (const [k, v] of Object.entries(presigned.query ?? {})) url.searchParams.set(k, String(v))
    const request = {
      method: 'GET',
      url,
      headers: new Headers({ host: '127.0.0.1:4566' }),
      body: new Uint8Array(),
    }
    const v = await verifySignature(request, { sessions, now: NOW })
    expect(v.ok && v.session).toBe(session)
    const late = await verifySignature(request, { sessions, now: new Date(NOW.getTime() + 61_000) })
    expect(!late.ok && late.error.code).toBe('SignatureDoesNotMatch')
  })
})
