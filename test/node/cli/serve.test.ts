/**
 * `trustwalk serve` as a user runs it: spawned, read its --json line (or banner), then real clients
 * against it — `trustwalk decode --verify` and `trustwalk explain --token` by discovery from the
 * token's iss, the AWS CLI commands and the node command the banner prints — and a clean stop on
 * SIGTERM/SIGINT.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { githubTrustPolicy } from '../../../lib/handshake/scenario.js'
import { requireTool, AWS_CLI } from '../../support/tools.js'
import { CLI, cleanEnv, ensureBuilt, ROOT, runCli, SLOW, BUILD_TIMEOUT } from './setup.js'

interface Served {
  child: ChildProcessWithoutNullStreams
  stdout: () => string
  stderr: () => string
  /** Resolves once stdout holds `marker`. */
  ready: Promise<void>
  stop(signal: NodeJS.Signals): Promise<number | null>
}

function serve(args: string[], marker: string): Served {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: 'pipe',
  })
  let out = ''
  let err = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
      if (out.includes(marker)) resolve()
    })
    void exited.then((code) =>
      reject(new Error(`serve exited (${code}) before it was ready: ${err}`)),
    )
  })
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    ready,
    async stop(signal) {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}

interface ServeJson {
  issuer: string
  sts: string
  roleArn: string
  env: Record<string, string>
}

let dir: string
let served: Served
let info: ServeJson

async function fetchToken(
  env: Record<string, string>,
  audience = 'sts.amazonaws.com',
): Promise<string> {
  const res = await fetch(
    `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`,
    {
      headers: { authorization: `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    },
  )
  expect(res.status).toBe(200)
  return ((await res.json()) as { value: string }).value
}

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-serve-'))
  served = serve(['--json'], '\n')
  await served.ready
}, BUILD_TIMEOUT)

afterAll(async () => {
  await served?.stop('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

describe('trustwalk serve --json', SLOW, () => {
  it('prints one JSON line once ready: issuer, sts, roleArn and the env a job needs', () => {
    const [line, ...rest] = served.stdout().split('\n')
    expect(rest.join('')).toBe('')
    info = JSON.parse(line!) as ServeJson
    expect(Object.keys(info)).toEqual(['issuer', 'sts', 'roleArn', 'env'])
    expect(info.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.sts).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.roleArn).toBe('arn:aws:iam::123456789012:role/deploy')
    expect(info.env).toMatchObject({
      ACTIONS_ID_TOKEN_REQUEST_URL: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/.*\?api-version=2\.0$/,
      ),
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: expect.any(String),
      AWS_ENDPOINT_URL_STS: info.sts,
      AWS_REGION: expect.any(String),
      AWS_ROLE_ARN: info.roleArn,
    })
  })

  it('serves a token that `trustwalk decode --verify` verifies by discovery from its iss', async () => {
    const token = await fetchToken(info.env)
    const result = await runCli(['decode', '--verify', token])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`✓ STS fetches ${info.issuer}/.well-known/openid-configuration`)
    expect(result.stdout).toMatch(/✓ .*\(verify\.signature\)/)
    expect(result.stdout).toMatch(new RegExp(`condition key ${info.issuer.slice(7)}:sub`))
    const [h, p] = token.split('.')
    const broken = await runCli(['decode', '--verify', `${h}.${p}.${'A'.repeat(342)}`])
    expect(broken.status).toBe(1)
    expect(broken.stdout).toMatch(/✗ .*\(verify\.signature\)/)
  })

  it('serves a token that `trustwalk explain --token` checks end to end', async () => {
    const policy = join(dir, 'policy.json')
    writeFileSync(
      policy,
      JSON.stringify(
        githubTrustPolicy({
          accountId: '123456789012',
          issuer: info.issuer,
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        }),
      ),
    )
    const token = await fetchToken(info.env)
    const result = await runCli(['explain', '--policy', policy, '--token', token, '--json'])
    expect(result.status).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json.decision).toBe('Allow')
    expect(json.outcome.ok).toBe(true)
    expect(json.trace.steps.map((s: { status: string }) => s.status)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ])
  })

  it('logs each STS request on stderr', async () => {
    const token = await fetchToken(info.env, 'sigstore')
    const res = await fetch(info.sts, {
      method: 'POST',
      body: new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: info.roleArn,
        RoleSessionName: 'test',
        WebIdentityToken: token,
      }),
    })
    expect(res.status).toBe(400)
    await expect
      .poll(() => served.stderr())
      .toMatch(/AssumeRoleWithWebIdentity 400 InvalidIdentityToken: Incorrect token audience/)
  })
})

describe('trustwalk serve (banner)', SLOW, () => {
  it('shows the facts, the loopback deviation and commands that work as printed; stops on SIGINT', async () => {
    const banner = serve([], 'Ctrl-C')
    try {
      await banner.ready
      const out = banner.stdout()
      expect(out).toMatch(/GitHub issuer +http:\/\/127\.0\.0\.1:\d+/)
      expect(out).toMatch(/STS +http:\/\/127\.0\.0\.1:\d+/)
      expect(out).toContain('arn:aws:iam::123456789012:role/deploy')
      expect(out).toContain('plain HTTP on loopback — the one deviation from AWS')
      const section = (title: string) =>
        out
          .split(title)[1]!
          .split('\n\n')[0]!
          .split('\n')
          .slice(1)
          .map((l) => l.slice(2))
      const exports = section('The environment a job needs').join('\n')
      const aws = section('Then the AWS CLI')
      const node = section('Or a job in Node').join('\n')
      expect(aws).toHaveLength(2)

      const nodeRun = spawnSync('sh', ['-c', `${exports}\n${node}`], {
        encoding: 'utf8',
        env: cleanEnv({ PATH: `${dirname(process.execPath)}:/usr/bin:/bin` }),
      })
      expect(nodeRun.stdout).toMatch(/^200 <AssumeRoleWithWebIdentityResponse/)

      if (requireTool('aws', 'the banner prints AWS CLI commands')) {
        const home = mkdtempSync(join(dir, 'home-'))
        const awsRun = spawnSync('sh', ['-c', aws.join('\n')], {
          encoding: 'utf8',
          // A clean HOME and no AWS_* from the machine: only what the commands set.
          env: { PATH: `${dirname(AWS_CLI)}:/bin`, HOME: home },
        })
        expect(awsRun.stderr).toBe('')
        expect(JSON.parse(awsRun.stdout)).toMatchObject({
          Account: '123456789012',
          Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
        })
      }
    } finally {
      expect(await banner.stop('SIGINT')).toBe(0)
    }
    expect(banner.stderr()).toContain('SIGINT: stopped.')
  })

  it('stops cleanly on SIGTERM and frees its ports', async () => {
    const other = serve(['--json'], '\n')
    await other.ready
    const { issuer } = JSON.parse(other.stdout()) as ServeJson
    expect((await fetch(`${issuer}/.well-known/jwks`)).status).toBe(200)
    expect(await other.stop('SIGTERM')).toBe(0)
    await expect(fetch(`${issuer}/.well-known/jwks`)).rejects.toThrow()
  })
})

describe('trustwalk serve: options and bad input', SLOW, () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number }
        s.close(() => resolve(port))
      })
    })

  it('serves another scenario on the --port asked for', async () => {
    const port = await freePort()
    const other = serve(['environment-subject', '--port', String(port), '--json'], '\n')
    try {
      await other.ready
      const json = JSON.parse(other.stdout()) as ServeJson
      expect(json.issuer).toBe(`http://127.0.0.1:${port}`)
      expect(json.sts).toBe(`http://127.0.0.1:${port + 1}`)
    } finally {
      expect(await other.stop('SIGTERM')).toBe(0)
    }
  })

  it('refuses a taken port, a bad port and an unknown scenario (exit 2)', async () => {
    const taken = createServer().listen(0, '127.0.0.1')
    await new Promise((r) => taken.once('listening', r))
    const { port } = taken.address() as { port: number }
    try {
      const busy = await runCli(['serve', '--port', String(port)])
      expect(busy.status).toBe(2)
      expect(busy.stderr).toContain('already in use')
    } finally {
      taken.close()
    }
    expect((await runCli(['serve', '--port', 'eighty'])).status).toBe(2)
    const typo = await runCli(['serve', 'happy-pat'])
    expect(typo.status).toBe(2)
    expect(typo.stderr).toContain("Did you mean 'happy-path'?")
  })
})
