/**
 * `@aws-sdk/credential-providers`, unmodified: fromTokenFile (the EKS/GitHub token-file flow) and
 * fromWebToken obtain credentials from the emulators, and those credentials sign real calls.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulators, type RunningEmulators } from '../../lib/node/emulators.js'

let emu: RunningEmulators
beforeAll(async () => {
  emu = await startEmulators()
})
afterAll(() => emu.close())

async function whoAmI(credentials: Awaited<ReturnType<ReturnType<typeof fromWebToken>>>) {
  const client = new STSClient({
    endpoint: emu.sts,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials,
  })
  try {
    return await client.send(new GetCallerIdentityCommand({}))
  } finally {
    client.destroy()
  }
}

describe('@aws-sdk/credential-providers against the emulators', () => {
  it('fromTokenFile reads the token file and assumes the role', async () => {
    const provider = fromTokenFile({
      webIdentityTokenFile: emu.env.AWS_WEB_IDENTITY_TOKEN_FILE,
      roleArn: emu.roleArn,
      roleSessionName: 'token-file',
      clientConfig: { endpoint: emu.sts, region: 'us-east-1' },
    })
    const creds = await provider()
    expect(creds.accessKeyId).toMatch(/^ASIA/)
    expect(creds.expiration).toBeInstanceOf(Date)
    expect((await whoAmI(creds)).Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/token-file',
    )
  })

  it('fromTokenFile with nothing but the environment a job gets', async () => {
    const keys = [
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_ROLE_ARN',
      'AWS_ROLE_SESSION_NAME',
      'AWS_ENDPOINT_URL_STS',
      'AWS_REGION',
    ] as const
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]))
    for (const k of keys) process.env[k] = emu.env[k]
    try {
      const creds = await fromTokenFile()()
      expect((await whoAmI(creds)).Arn).toBe(
        'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
      )
    } finally {
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k]
        else process.env[k] = saved[k]
      }
    }
  })

  it('fromWebToken takes the token itself', async () => {
    const creds = await fromWebToken({
      roleArn: emu.roleArn,
      webIdentityToken: await emu.issueToken(),
      roleSessionName: 'web-token',
      durationSeconds: 900,
      clientConfig: { endpoint: emu.sts, region: 'us-east-1' },
    })()
    expect(creds.sessionToken?.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    expect((await whoAmI(creds)).UserId).toMatch(/^AROA[A-Z2-7]{17}:web-token$/)
  })

  it('fromWebToken surfaces STS refusals', async () => {
    const attempt = fromWebToken({
      roleArn: emu.roleArn,
      webIdentityToken: await emu.issueToken({ owner: 'evil-org', repo: 'evil-repo' }),
      roleSessionName: 'attacker',
      clientConfig: { endpoint: emu.sts, region: 'us-east-1', maxAttempts: 1 },
    })()
    await expect(attempt).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    })
  })
})
