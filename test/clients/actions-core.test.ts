/**
 * The real `@actions/core` `getIDToken()` against the issuer's runner token endpoint over loopback
 * HTTP, exactly as a job step calls it (FACTS.md §1.6).
 */
import { getIDToken } from '@actions/core'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { githubClaims } from '../../lib/github/claims.js'
import { createGitHubIssuer, type GitHubIssuer } from '../../lib/github/issuer.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { serveHandler, type RunningServer } from '../../lib/node/http.js'

const AT = '2026-10-08T18:31:15Z'
const clock = fixedClock(AT)
const run: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo', environment: 'prod' }
const ENV_KEYS = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const

let server: RunningServer
let issuer: GitHubIssuer
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))

beforeAll(async () => {
  // Bind first, then create the issuer with the served URL; the handler is looked up per request.
  server = await serveHandler((request) => issuer.handler(request))
  issuer = await createGitHubIssuer({ url: server.url, keys: 'demo', clock })
})

// @actions/core writes workflow commands (::debug::, ::add-mask::) to stdout; keep them for assertions.
let stdout: string[] = []
beforeEach(() => {
  stdout = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

afterAll(async () => {
  await server.close()
})

function useRunnerEnv(env: Record<string, string>): void {
  for (const key of ENV_KEYS) process.env[key] = env[key]
}

async function verified(token: string) {
  const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
    issuer: server.url,
    currentDate: clock(),
  })
  return payload
}

describe('@actions/core getIDToken against the issuer over HTTP', () => {
  it('gets a token whose claims are the run’s, with the asked audience', async () => {
    useRunnerEnv({ ...issuer.runnerEnv(run) })
    const token = await getIDToken('sts.amazonaws.com')
    const { jti: _jti, ...claims } = await verified(token)
    const { jti: _expectedJti, ...expected } = githubClaims(run, {
      issuer: server.url,
      audience: 'sts.amazonaws.com',
      clock,
    })
    expect(claims).toEqual(expected)
    expect(claims.sub).toBe('repo:octo-org/octo-repo:environment:prod')
    // The library masks the token in the job log (FACTS.md §1.6).
    expect(stdout.join('')).toContain(`::add-mask::${token}`)
  })

  it('gets the default audience https://github.com/OWNER when none is passed', async () => {
    useRunnerEnv({ ...issuer.runnerEnv(run) })
    expect((await verified(await getIDToken())).aud).toBe('https://github.com/octo-org')
  })

  it('url-encodes an audience with reserved characters and gets it back intact', async () => {
    useRunnerEnv({ ...issuer.runnerEnv(run) })
    const audience = 'api://AzureADTokenExchange?x=1&y=2'
    expect((await verified(await getIDToken(audience))).aud).toBe(audience)
  })

  it('fails with the library’s own text when the URL variable is missing', async () => {
    const env = issuer.runnerEnv(run)
    useRunnerEnv({ ...env })
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
    await expect(getIDToken('sts.amazonaws.com')).rejects.toThrow(
      'Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable',
    )
  })

  it('fails with the library’s own text when the request token is missing', async () => {
    useRunnerEnv({ ...issuer.runnerEnv(run) })
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    await expect(getIDToken('sts.amazonaws.com')).rejects.toThrow(
      'Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable',
    )
  })

  it('surfaces the endpoint’s 401 for a request token no job was given', async () => {
    useRunnerEnv({ ...issuer.runnerEnv(run), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-a-job-token' })
    const error = await getIDToken('sts.amazonaws.com').then(
      () => undefined,
      (e: unknown) => e as Error,
    )
    expect(error?.message).toContain('Failed to get ID Token.')
    expect(error?.message).toContain('Error Code : 401')
    expect(error?.message).toContain('not a valid ACTIONS_ID_TOKEN_REQUEST_TOKEN')
  })
})
