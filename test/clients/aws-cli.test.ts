/**
 * The AWS CLI (Debian's /usr/bin/aws), unmodified, against the emulators: assume the role with a web
 * identity token, call GetCallerIdentity with the credentials, and run the token-file flow a job
 * uses. Every call runs with a throwaway HOME and config so nothing on this machine leaks in.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from '../../lib/aws/oidc/jwt.js'
import { ISSUER_KINDS } from '../../lib/issuers/index.js'
import { startEmulators, type RunningEmulators } from '../../lib/node/emulators.js'
import { startIssuerEmulators } from '../../lib/node/issuer-emulators.js'
import { AWS_CLI, requireTool } from '../support/tools.js'

const run = promisify(execFile)
const hasCli = requireTool('aws', 'the AWS CLI tests drive /usr/bin/aws against the emulators')

// Each CLI start takes seconds (Python), so the tests get a generous timeout.
describe.skipIf(!hasCli)('the AWS CLI against the emulators', { timeout: 120_000 }, () => {
  let emu: RunningEmulators
  let home: string

  beforeAll(async () => {
    emu = await startEmulators()
    home = mkdtempSync(join(tmpdir(), 'trustwalk-cli-home-'))
  })
  afterAll(async () => {
    await emu?.close()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  /** Run `aws …` with only the environment given here (plus a clean HOME and no IMDS). */
  async function aws(args: string[], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await run(AWS_CLI, [...args, '--output', 'json'], {
        env: {
          PATH: '/usr/bin:/bin',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
          AWS_REGION: 'us-east-1',
          ...env,
        },
        timeout: 60_000,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string }
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
    }
  }

  const assumeArgs = async (sessionName: string, token?: string) => [
    'sts',
    'assume-role-with-web-identity',
    '--endpoint-url',
    emu.sts,
    '--role-arn',
    emu.roleArn,
    '--role-session-name',
    sessionName,
    '--web-identity-token',
    token ?? (await emu.issueToken()),
  ]

  it('assume-role-with-web-identity, then get-caller-identity with the credentials', async () => {
    const assumed = await aws(await assumeArgs('cli'))
    expect(assumed.stderr).toBe('')
    expect(assumed.code).toBe(0)
    const out = JSON.parse(assumed.stdout)
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/)
    expect(out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deploy/cli')
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')

    const who = await aws(['sts', 'get-caller-identity', '--endpoint-url', emu.sts], {
      AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: out.Credentials.SessionToken,
    })
    expect(who.code).toBe(0)
    expect(JSON.parse(who.stdout)).toEqual({
      UserId: out.AssumedRoleUser.AssumedRoleId,
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/cli',
    })
  })

  it('get-caller-identity with AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, as in a job', async () => {
    // emu.env carries AWS_ENDPOINT_URL_STS for CLIs ≥ 2.13 and AWS_DATA_PATH for older ones.
    const env = Object.fromEntries(
      Object.entries(emu.env).filter(([k]) => k.startsWith('AWS_')),
    ) as Record<string, string>
    const who = await aws(['sts', 'get-caller-identity'], env)
    expect(who.stderr).toBe('')
    expect(JSON.parse(who.stdout).Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    )
    expect(readFileSync(emu.env.AWS_WEB_IDENTITY_TOKEN_FILE!, 'utf8')).toMatch(/^eyJ/)
  })

  it('a bad session name fails with STS’s ValidationError text', async () => {
    const r = await aws(await assumeArgs('a:b'))
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim()).toBe(
      "An error occurred (ValidationError) when calling the AssumeRoleWithWebIdentity operation: 1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    )
  })

  it('another audience fails with InvalidIdentityToken', async () => {
    const r = await aws(await assumeArgs('cli', await emu.issueToken(undefined, null)))
    expect(r.stderr.trim()).toBe(
      'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience',
    )
  })

  // issue 13: `trustwalk serve --issuer NAME` serves the other CI systems' issuers, and the
  // unmodified AWS CLI gets credentials from STS with the token that platform hands its job.
  it.each(ISSUER_KINDS.filter((k) => k !== 'github'))(
    'serve --issuer %s: assume-role-with-web-identity with that platform’s token',
    async (kind) => {
      const other = await startIssuerEmulators(kind)
      try {
        const token = await other.issueToken()
        const r = await aws([
          'sts',
          'assume-role-with-web-identity',
          '--endpoint-url',
          other.sts,
          '--role-arn',
          other.roleArn,
          '--role-session-name',
          'cli',
          '--web-identity-token',
          token,
        ])
        expect(r.stderr).toBe('')
        const out = JSON.parse(r.stdout)
        expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/)
        expect(out.SubjectFromWebIdentityToken).toBe(decodeJwt(token).payload.sub)
        expect(out.AssumedRoleUser.Arn).toMatch(/:assumed-role\/[^/]+\/cli$/)
      } finally {
        await other.close()
      }
    },
  )
})
