/**
 * The AWS SDK for JavaScript v3, unmodified, against the emulators over loopback HTTP: it must get
 * credentials, sign GetCallerIdentity with them, and fail with the same typed exceptions as on AWS.
 */
import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulators, type RunningEmulators } from '../../lib/node/emulators.js'

let emu: RunningEmulators
let sts: STSClient

beforeAll(async () => {
  emu = await startEmulators('happy-path', { tokenFile: false })
  sts = new STSClient({ endpoint: emu.sts, region: 'us-east-1', maxAttempts: 1 })
})
afterAll(async () => {
  sts.destroy()
  await emu.close()
})

const assume = async (
  overrides: Partial<ConstructorParameters<typeof AssumeRoleWithWebIdentityCommand>[0]> = {},
) =>
  sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: emu.roleArn,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: await emu.issueToken(),
      ...overrides,
    }),
  )

async function rejection(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise
  } catch (e) {
    if (e instanceof STSServiceException) return e
    throw e
  }
  throw new Error('expected the SDK to throw')
}

function failure(overrides: Parameters<typeof assume>[0]): Promise<STSServiceException> {
  return rejection(assume(overrides))
}

describe('@aws-sdk/client-sts against the emulators', () => {
  it('AssumeRoleWithWebIdentity returns credentials', async () => {
    const out = await assume({ DurationSeconds: 900 })
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(out.Credentials?.SecretAccessKey).toHaveLength(40)
    expect(out.Credentials?.SessionToken?.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date)
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now()
    expect(lifetime).toBeGreaterThan(880_000)
    expect(lifetime).toBeLessThanOrEqual(900_000)
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    )
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(out.Audience).toBe('sts.amazonaws.com')
    expect(out.Provider).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${emu.issuer.slice('http://'.length)}`,
    )
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('PackedPolicySize comes back when a session policy is passed', async () => {
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    })
    const out = await assume({ Policy })
    expect(out.PackedPolicySize).toBeGreaterThan(0)
  })

  it('GetCallerIdentity signed with those credentials names the assumed role', async () => {
    const { Credentials: c, AssumedRoleUser: user } = await assume()
    const signed = new STSClient({
      endpoint: emu.sts,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: c!.AccessKeyId!,
        secretAccessKey: c!.SecretAccessKey!,
        sessionToken: c!.SessionToken!,
      },
    })
    const who = await signed.send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(user!.Arn)
    expect(who.UserId).toBe(user!.AssumedRoleId)
    expect(who.Account).toBe('123456789012')
    signed.destroy()
  })

  it('a wrong secret is refused: SignatureDoesNotMatch, 403', async () => {
    const { Credentials: c } = await assume()
    const wrong = new STSClient({
      endpoint: emu.sts,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: c!.AccessKeyId!,
        secretAccessKey: 'A'.repeat(40),
        sessionToken: c!.SessionToken!,
      },
    })
    const error = await rejection(wrong.send(new GetCallerIdentityCommand({})))
    wrong.destroy()
    expect(error).toBeInstanceOf(STSServiceException)
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403])
    expect(error.message).toMatch(/^The request signature we calculated does not match/)
  })

  it('credentials without their session token: InvalidClientTokenId', async () => {
    const { Credentials: c } = await assume()
    const noToken = new STSClient({
      endpoint: emu.sts,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey! },
    })
    const error = await rejection(noToken.send(new GetCallerIdentityCommand({})))
    noToken.destroy()
    expect([error.name, error.message]).toEqual([
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    ])
  })
})

describe('the SDK sees the same typed exceptions as on AWS', () => {
  it('a tampered token: InvalidIdentityTokenException', async () => {
    const token = await emu.issueToken()
    const [h, p, s] = token.split('.') as [string, string, string]
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11)
    const e = await failure({ WebIdentityToken: `${h}.${p}.${flipped}` })
    expect(e).toBeInstanceOf(InvalidIdentityTokenException)
    expect(e.$metadata.httpStatusCode).toBe(400)
  })

  it('alg none: InvalidIdentityTokenException', async () => {
    const [, p] = (await emu.issueToken()).split('.')
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'none' })).toString('base64url')
    expect(await failure({ WebIdentityToken: `${header}.${p}.` })).toBeInstanceOf(
      InvalidIdentityTokenException,
    )
  })

  it('another audience: InvalidIdentityTokenException "Incorrect token audience"', async () => {
    const e = await failure({ WebIdentityToken: await emu.issueToken(undefined, 'sigstore') })
    expect(e).toBeInstanceOf(InvalidIdentityTokenException)
    expect(e.message).toBe('Incorrect token audience')
  })

  it('an expired token: ExpiredTokenException', async () => {
    const now = Math.floor(Date.now() / 1000)
    const token = await emu.githubIssuer.issueToken(emu.scenario.run, {
      audience: 'sts.amazonaws.com',
      claims: { iat: now - 1300, nbf: now - 1600, exp: now - 1000 },
    })
    const e = await failure({ WebIdentityToken: token })
    expect(e).toBeInstanceOf(ExpiredTokenException)
    expect(e.message).toMatch(
      new RegExp(
        `^Token expired: current date/time \\d+ must be before the expiration date/time ${now - 1000}$`,
      ),
    )
  })

  it('a bad session name: ValidationError', async () => {
    const e = await failure({ RoleSessionName: 'dependabot[bot]' })
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
    expect(e.message).toBe(
      "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    )
  })

  it('an over-long duration: ValidationError', async () => {
    const e = await failure({ DurationSeconds: 7200 })
    expect([e.name, e.message]).toEqual([
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    ])
  })

  it('an unknown role: AccessDenied, 403', async () => {
    const e = await failure({ RoleArn: 'arn:aws:iam::123456789012:role/nobody' })
    expect([e.name, e.message, e.$metadata.httpStatusCode]).toEqual([
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      403,
    ])
  })

  it('a policy that denies (a pull request): AccessDenied', async () => {
    const token = await emu.issueToken({
      owner: 'octo-org',
      repo: 'octo-repo',
      event: 'pull_request',
      ref: 'refs/pull/7/merge',
      headRef: 'f',
      baseRef: 'main',
    })
    const e = await failure({ WebIdentityToken: token })
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403])
  })
})
