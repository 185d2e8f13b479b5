import { Sha256 } from '@aws-crypto/sha256-js'
import { parseXML } from '@aws-sdk/xml-builder'
import { SignatureV4 } from '@smithy/signature-v4'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAwsAccount, type AwsAccount } from '../../../lib/aws/account.js'
import { stsHandler, type StsCall } from '../../../lib/aws/sts/handler.js'
import { fixedClock } from '../../../lib/core/clock.js'
import { createGitHubIssuer, type GitHubIssuer } from '../../../lib/github/issuer.js'
import { createVirtualNetwork, type VirtualNetwork } from '../../../lib/core/network.js'
import { githubTrustPolicy } from '../../../lib/handshake/scenario.js'

const NOW = '2026-10-08T18:31:15Z'
const STS = 'https://sts.amazonaws.com'
const ROLE = 'arn:aws:iam::123456789012:role/deploy'
const FORM = 'application/x-www-form-urlencoded; charset=utf-8'

let issuer: GitHubIssuer
let net: VirtualNetwork
let token: string
let account: AwsAccount
const calls: StsCall[] = []

beforeAll(async () => {
  issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(NOW) })
  account = createAwsAccount({
    accountId: '123456789012',
    oidcProviders: [{ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }],
    roles: [
      {
        RoleName: 'deploy',
        AssumeRolePolicyDocument: githubTrustPolicy({
          accountId: '123456789012',
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        }),
      },
    ],
  })
  net = createVirtualNetwork({ [issuer.url]: issuer.handler })
  net.route(
    STS,
    stsHandler(account, { fetch: net.fetch, clock: fixedClock(NOW), onCall: (c) => calls.push(c) }),
  )
  token = await issuer.issueToken(
    { owner: 'octo-org', repo: 'octo-repo' },
    { audience: 'sts.amazonaws.com' },
  )
})

const post = (
  body: string | Record<string, string>,
  headers: Record<string, string> = { 'content-type': FORM },
) =>
  net.fetch(`${STS}/`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  })

async function xml(res: Response): Promise<any> {
  expect(res.headers.get('content-type')).toBe('text/xml')
  return parseXML(await res.text())
}

async function stsError(res: Response) {
  const doc = (await xml(res)).ErrorResponse
  expect(doc.RequestId).toBe(res.headers.get('x-amzn-requestid'))
  return { status: res.status, ...doc.Error }
}

const assumeParams = () => ({
  Action: 'AssumeRoleWithWebIdentity',
  Version: '2011-06-15',
  RoleArn: ROLE,
  RoleSessionName: 'GitHubActions',
  WebIdentityToken: token,
})

describe('stsHandler: what the request itself tells STS', () => {
  it('fills aws:SourceIp from the connection, aws:UserAgent and the region from the request', async () => {
    const seen: StsCall[] = []
    const handler = stsHandler(account, {
      fetch: net.fetch,
      clock: fixedClock(NOW),
      onCall: (c) => seen.push(c),
    })
    const res = await handler(
      new Request('https://sts.eu-west-1.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': FORM, 'user-agent': 'aws-cli/2.17.0' },
        body: new URLSearchParams(assumeParams()).toString(),
      }),
      { remoteAddress: '::ffff:198.51.100.7' },
    )
    expect(res.status).toBe(200)
    const conditions = seen[0]?.trace?.steps.find((s) => s.id === 'conditions')
    expect((conditions?.data as { requestContext: object }).requestContext).toMatchObject({
      'aws:SourceIp': '198.51.100.7',
      'aws:UserAgent': 'aws-cli/2.17.0',
      'aws:RequestedRegion': 'eu-west-1',
      'aws:SecureTransport': 'true',
    })
  })
})

describe('stsHandler: AssumeRoleWithWebIdentity', () => {
  it('answers a form POST with the XML response, its RequestId also in x-amzn-RequestId', async () => {
    const res = await post(assumeParams())
    expect(res.status).toBe(200)
    const doc = (await xml(res)).AssumeRoleWithWebIdentityResponse
    expect(doc.ResponseMetadata.RequestId).toBe(res.headers.get('x-amzn-requestid'))
    expect(doc.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/)
    const r = doc.AssumeRoleWithWebIdentityResult
    expect(r.AssumedRoleUser.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    )
    expect(r.Credentials.AccessKeyId).toMatch(/^ASIA/)
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString())
    const last = calls.at(-1)!
    expect([last.action, last.status, last.trace?.outcome.ok]).toEqual([
      'AssumeRoleWithWebIdentity',
      200,
      true,
    ])
  })

  it('answers the same call as a GET query string', async () => {
    const res = await net.fetch(`${STS}/?${new URLSearchParams(assumeParams())}`)
    expect(res.status).toBe(200)
    expect((await xml(res)).AssumeRoleWithWebIdentityResponse).toBeDefined()
  })

  it('reads DurationSeconds and PolicyArns.member.N.arn from the form', async () => {
    const res = await post({
      ...assumeParams(),
      DurationSeconds: '900',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    })
    const r = (await xml(res)).AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult
    expect(r.Credentials.Expiration).toBe('2026-10-08T18:46:15Z')
    expect(Number(r.PackedPolicySize)).toBeGreaterThan(0)
  })

  it('sends STS errors as ErrorResponse with their HTTP status', async () => {
    expect(
      await stsError(
        await post({ ...assumeParams(), RoleArn: 'arn:aws:iam::123456789012:role/nope' }),
      ),
    ).toEqual({
      status: 403,
      Type: 'Sender',
      Code: 'AccessDenied',
      Message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    })
    expect(
      await stsError(await post({ ...assumeParams(), DurationSeconds: 'soon' })),
    ).toMatchObject({ status: 400, Code: 'ValidationError' })
    const { WebIdentityToken: _, ...noToken } = assumeParams()
    expect(await stsError(await post(noToken))).toMatchObject({
      Code: 'ValidationError',
      Message:
        "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null",
    })
    expect(calls.at(-1)?.error?.code).toBe('ValidationError')
  })
})

describe('stsHandler: GetCallerIdentity', () => {
  it('answers a request signed with the issued credentials', async () => {
    const assumed = (await xml(await post(assumeParams()))).AssumeRoleWithWebIdentityResponse
      .AssumeRoleWithWebIdentityResult
    const c = assumed.Credentials
    const signer = new SignatureV4({
      service: 'sts',
      region: 'us-east-1',
      sha256: Sha256,
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
      },
    })
    const body = 'Action=GetCallerIdentity&Version=2011-06-15'
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'sts.amazonaws.com',
        path: '/',
        query: {},
        headers: { host: 'sts.amazonaws.com', 'content-type': FORM },
        body,
      },
      { signingDate: new Date(NOW) },
    )
    const { host: _host, ...headers } = signed.headers
    const res = await net.fetch(`${STS}/`, { method: 'POST', headers, body })
    expect(res.status).toBe(200)
    expect((await xml(res)).GetCallerIdentityResponse.GetCallerIdentityResult).toEqual({
      Arn: assumed.AssumedRoleUser.Arn,
      UserId: assumed.AssumedRoleUser.AssumedRoleId,
      Account: '123456789012',
    })
  })

  it('refuses an unsigned one: MissingAuthenticationToken, 403', async () => {
    expect(
      await stsError(await post({ Action: 'GetCallerIdentity', Version: '2011-06-15' })),
    ).toEqual({
      status: 403,
      Type: 'Sender',
      Code: 'MissingAuthenticationToken',
      Message: 'Request is missing Authentication Token',
    })
  })
})

describe('stsHandler: malformed requests get STS-shaped errors', () => {
  it('another HTTP method: 405 with Allow', async () => {
    const res = await net.fetch(`${STS}/`, { method: 'PUT', body: 'x' })
    expect(res.headers.get('allow')).toBe('GET, POST')
    expect(await stsError(res)).toMatchObject({ status: 405, Code: 'InvalidAction' })
  })

  it('no Action: MissingAction', async () => {
    expect(await stsError(await post({ Version: '2011-06-15' }))).toEqual({
      status: 400,
      Type: 'Sender',
      Code: 'MissingAction',
      Message: 'The request is missing an action or a required parameter.',
    })
  })

  it('an unknown Action or Version: InvalidAction "Could not find operation"', async () => {
    expect(
      await stsError(await post({ Action: 'Frobnicate', Version: '2011-06-15' })),
    ).toMatchObject({
      status: 400,
      Code: 'InvalidAction',
      Message: 'Could not find operation Frobnicate for version 2011-06-15',
    })
    expect(
      await stsError(await post({ Action: 'GetCallerIdentity', Version: '2010-01-01' })),
    ).toMatchObject({
      Code: 'InvalidAction',
      Message: 'Could not find operation GetCallerIdentity for version 2010-01-01',
    })
  })

  it('no Version: MissingParameter', async () => {
    expect(await stsError(await post({ Action: 'GetCallerIdentity' }))).toMatchObject({
      status: 400,
      Code: 'MissingParameter',
    })
  })

  it('a real STS action trustwalk does not emulate says so', async () => {
    expect(
      (await stsError(await post({ Action: 'AssumeRole', Version: '2011-06-15' }))).Message,
    ).toMatch(/does not implement AssumeRole/)
  })

  it('a JSON body is not a form: MissingAction', async () => {
    const res = await post(JSON.stringify(assumeParams()), { 'content-type': 'application/json' })
    expect(await stsError(res)).toMatchObject({ status: 400, Code: 'MissingAction' })
  })

  it('broken percent-encoding: InvalidParameterValue', async () => {
    expect(
      await stsError(await post('Action=GetCallerIdentity&Version=2011-06-15&X=%E0%A4')),
    ).toMatchObject({ status: 400, Code: 'InvalidParameterValue' })
  })

  it('a body that breaks off mid-request: 500 InternalFailure, not a crash', async () => {
    const body = new ReadableStream({ pull: (c) => c.error(new Error('connection reset')) })
    const res = await net.fetch(`${STS}/`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(await stsError(res)).toMatchObject({
      status: 500,
      Type: 'Receiver',
      Code: 'InternalFailure',
    })
  })
})
