import { createLocalJWKSet, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { InvalidInputError } from '../../lib/core/errors.js'
import { createGitHubIssuer, type GitHubIssuer } from '../../lib/github/issuer.js'
import type { WorkflowRun } from '../../lib/github/run.js'
import { newRequestToken, TOKEN_ENDPOINT_PATH } from '../../lib/github/token-endpoint.js'

const AT = '2026-10-08T18:31:15Z'
const run: WorkflowRun = { owner: 'octo-org', repo: 'octo-repo', branch: 'main' }
let issuer: GitHubIssuer

beforeAll(async () => {
  issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(AT) })
})

function get(url: string, authorization?: string, method = 'GET') {
  const headers = authorization === undefined ? undefined : { authorization }
  return issuer.handler(new Request(url, { method, headers }))
}

async function claimsOf(token: string) {
  const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
    issuer: issuer.url,
    currentDate: new Date(AT),
  })
  return payload
}

describe('runnerEnv', () => {
  it('gives the URL with ?api-version=2.0 on the issuer origin, and a fresh request token', () => {
    const a = issuer.runnerEnv(run)
    const b = issuer.runnerEnv(run)
    expect(a.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(
      `https://token.actions.githubusercontent.com${TOKEN_ENDPOINT_PATH}?api-version=2.0`,
    )
    expect(a.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.ACTIONS_ID_TOKEN_REQUEST_TOKEN).not.toBe(b.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
  })

  it('uses baseUrl when given', () => {
    const env = issuer.runnerEnv(run, { baseUrl: 'http://127.0.0.1:9999/' })
    expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(
      `http://127.0.0.1:9999${TOKEN_ENDPOINT_PATH}?api-version=2.0`,
    )
  })

  it('rejects a bad run up front', () => {
    expect(() => issuer.runnerEnv({ owner: 'o', repo: 'r', sha: 'x' })).toThrow(InvalidInputError)
  })

  it('makes request tokens of 256 random bits', () => {
    const tokens = new Set(Array.from({ length: 50 }, newRequestToken))
    expect(tokens.size).toBe(50)
  })
})

describe('the runner token endpoint', () => {
  it('answers {"value": jwt} for the registered run, with the asked audience', async () => {
    const env = issuer.runnerEnv(run)
    const res = await get(
      `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent('sts.amazonaws.com')}`,
      `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as { value: string }
    expect(Object.keys(body)).toEqual(['value'])
    const claims = await claimsOf(body.value)
    expect(claims).toMatchObject({
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      iss: issuer.url,
    })
  })

  it('defaults the audience to https://github.com/OWNER (no or empty parameter)', async () => {
    const env = issuer.runnerEnv(run)
    for (const suffix of ['', '&audience=']) {
      const res = await get(
        `${env.ACTIONS_ID_TOKEN_REQUEST_URL}${suffix}`,
        `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`,
      )
      const { value } = (await res.json()) as { value: string }
      expect((await claimsOf(value)).aud).toBe('https://github.com/octo-org')
    }
  })

  it('mints for the run behind the token, with its subject template', async () => {
    const env = issuer.runnerEnv(
      { owner: 'octo-org', repo: 'other', environment: 'prod' },
      { subjectTemplate: { includeClaimKeys: ['repo', 'context', 'actor'] } },
    )
    const res = await get(
      env.ACTIONS_ID_TOKEN_REQUEST_URL,
      `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`,
    )
    const { value } = (await res.json()) as { value: string }
    expect((await claimsOf(value)).sub).toBe('repo:octo-org/other:environment:prod:actor:octocat')
  })

  it.each([
    ['no Authorization header', undefined],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 with a JSON message for %s', async (_name, authorization) => {
    const env = issuer.runnerEnv(run)
    const res = await get(env.ACTIONS_ID_TOKEN_REQUEST_URL, authorization)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(((await res.json()) as { message: string }).message).toMatch(/bearer token/i)
  })

  it('answers 401 for a bearer token no job was given', async () => {
    const env = issuer.runnerEnv(run)
    const res = await get(env.ACTIONS_ID_TOKEN_REQUEST_URL, `Bearer ${newRequestToken()}`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('invalid_token')
    expect(await res.json()).toHaveProperty('message')
  })

  it('answers 400 without api-version, 405 for POST, 404 under another path', async () => {
    const env = issuer.runnerEnv(run)
    const auth = `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`
    const noVersion = await get(env.ACTIONS_ID_TOKEN_REQUEST_URL.replace(/\?.*$/, ''), auth)
    expect(noVersion.status).toBe(400)
    expect(((await noVersion.json()) as { message: string }).message).toMatch(/api-version/)
    const wrongVersion = await get(env.ACTIONS_ID_TOKEN_REQUEST_URL.replace('2.0', '1.0'), auth)
    expect(wrongVersion.status).toBe(400)
    const post = await get(env.ACTIONS_ID_TOKEN_REQUEST_URL, auth, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
    const elsewhere = await get(
      env.ACTIONS_ID_TOKEN_REQUEST_URL.replace('idtoken', 'idtokens'),
      auth,
    )
    expect(elsewhere.status).toBe(404)
  })
})
