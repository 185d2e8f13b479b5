/**
 * `trustwalk explain` on the built CLI, with the README's example files and tokens minted by the
 * GitHub-side issuer: allow and deny, --json, the error shapes, and exit statuses.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGitHubIssuer } from '../../../lib/github/issuer.js'
import { ensureBuilt, lines, ROOT, runCli, SLOW, BUILD_TIMEOUT } from './setup.js'

const POLICY = 'examples/explain/policy.json'
const MAIN = 'examples/explain/claims-main.json'
const PR = 'examples/explain/claims-pr.json'
const SUB_KEY = 'token.actions.githubusercontent.com:sub'

let dir: string
let jwks: string
let mainToken: string
let prToken: string
let wrongAudienceToken: string

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'))

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-explain-'))
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  const run = { owner: 'octo-org', repo: 'octo-repo' }
  mainToken = await issuer.issueToken({ ...run, branch: 'main' }, { audience: 'sts.amazonaws.com' })
  prToken = await issuer.issueToken(
    { ...run, event: 'pull_request', headRef: 'x', baseRef: 'main' },
    { audience: 'sts.amazonaws.com' },
  )
  wrongAudienceToken = await issuer.issueToken({ ...run, branch: 'main' })
  jwks = join(dir, 'jwks.json')
  writeFileSync(jwks, JSON.stringify(issuer.jwks()))
}, BUILD_TIMEOUT)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const explain = (...args: string[]) => runCli(['explain', '--policy', POLICY, ...args])

describe('with the README example files (--claims)', SLOW, () => {
  it('allows a push to main: exit 0, credentials, and says the signature was not checked', async () => {
    const result = await explain('--claims', MAIN)
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('the signature was NOT checked')
    expect(result.stdout).toMatch(
      /✓ STS issued credentials for arn:aws:sts::123456789012:assumed-role\/ROLE\/GitHubActions/,
    )
    expect(result.stdout).toMatch(/Trust policy: Allow/)
    expect(result.stdout).not.toContain('What to change')
    expect(result.stderr).toBe('')
  })

  it('denies a pull request: exit 1, the failing condition, and what to change', async () => {
    const result = await explain('--claims', PR)
    expect(result.status).toBe(1)
    const out = result.stdout
    const prSub = readJson(PR).sub as string
    const wanted = readJson(POLICY).Statement[0].Condition.StringEquals[SUB_KEY] as string
    expect(out).toMatch(
      new RegExp(
        `✗ StringEquals ${SUB_KEY} \\(line \\d+, column \\d+\\)\\n +request: "${prSub}"\\n +policy: +✗ "${wanted}"`,
      ),
    )
    expect(out).toContain(
      '✗ STS answered 403 AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    )
    expect(out).toMatch(/Trust policy: ImplicitDeny/)
    expect(out).toMatch(
      /What to change:\n {2}• The token's sub is "repo:octo-org\/octo-repo:pull_request" but the policy wants/,
    )
  })

  it('names an immutable-subject denial under Why, with both fixes proven (README)', async () => {
    const result = await explain('--claims', 'examples/explain/claims-immutable.json')
    expect(result.status).toBe(1)
    const out = result.stdout
    const why = out.indexOf(
      'Why:\n  • This repository uses immutable subjects; your policy is written in the name form',
    )
    expect(why).toBeGreaterThan(out.indexOf('Trust policy: ImplicitDeny'))
    expect(why).toBeLessThan(out.indexOf('What to change:'))
    expect(out).toContain(
      're-evaluated: this token Allow; the same run in the name form Allow; a re-created repository with the same name (another id) ImplicitDeny',
    )
    const json = JSON.parse(
      (await explain('--claims', 'examples/explain/claims-immutable.json', '--json')).stdout,
    )
    expect(json.diagnoses[0].id).toBe('sub-name-form-vs-id-form')
    expect(json.diagnoses[0].proofs.map((p: { decision: string }) => p.decision)).toEqual([
      'Allow',
      'Allow',
    ])
    // The migration policy the README shows lets the run through.
    const fixed = await runCli([
      'explain',
      '--policy',
      'examples/explain/policy-immutable.json',
      '--claims',
      'examples/explain/claims-immutable.json',
    ])
    expect(fixed.status).toBe(0)
    expect(fixed.stdout).not.toContain('Why:')
  })

  it('--json prints decision, trace and outcome', async () => {
    const deny = await explain('--claims', PR, '--json')
    expect(deny.status).toBe(1)
    const json = JSON.parse(deny.stdout)
    expect(json.decision).toBe('ImplicitDeny')
    expect(json.outcome).toEqual({
      ok: false,
      error: {
        code: 'AccessDenied',
        message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        status: 403,
        type: 'Sender',
      },
    })
    expect(json.trace.steps.map((s: { id: string }) => s.id)).toEqual([
      'discovery',
      'issue',
      'verify',
      'conditions',
      'credentials',
    ])
    expect(json.trace.steps.map((s: { status: string }) => s.status)).toEqual([
      'skipped',
      'pass',
      'pass',
      'fail',
      'skipped',
    ])
    expect(json.signatureChecked).toBe(false)
    const failing = json.evaluation.statements[0].conditions.find(
      (c: { matched: boolean }) => !c.matched,
    )
    expect(failing.key).toBe(SUB_KEY)

    const allow = JSON.parse((await explain('--claims', MAIN, '--json')).stdout)
    expect(allow.decision).toBe('Allow')
    expect(allow.outcome.ok).toBe(true)
    expect(allow.outcome.response.AssumedRoleUser.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/ROLE/GitHubActions',
    )
  })

  it('accepts `trustwalk decode --json` output as claims', async () => {
    const file = join(dir, 'decoded.json')
    writeFileSync(file, JSON.stringify({ header: { alg: 'RS256' }, payload: readJson(MAIN) }))
    expect((await explain('--claims', file)).status).toBe(0)
  })

  it('fails as STS would for an issuer with no provider, and still computes the decision', async () => {
    const file = join(dir, 'slug.json')
    const iss = 'https://token.actions.githubusercontent.com/octo-enterprise'
    writeFileSync(file, JSON.stringify({ ...readJson(MAIN), iss }))
    const result = await explain('--claims', file, '--json')
    expect(result.status).toBe(1)
    const json = JSON.parse(result.stdout)
    expect(json.outcome.error).toMatchObject({
      code: 'InvalidIdentityToken',
      message: `No OpenIDConnect provider found in your account for ${iss}`,
      status: 400,
    })
    expect(json.trace.steps.find((s: { id: string }) => s.id === 'conditions').status).toBe(
      'skipped',
    )
    // The policy names keys under token.actions.githubusercontent.com:, which this issuer does not fill.
    expect(json.decision).toBe('ImplicitDeny')
  })

  it('uses --account, --role-arn and --session-name', async () => {
    const result = await explain(
      '--claims',
      MAIN,
      '--role-arn',
      'arn:aws:iam::123456789012:role/ci/deploy',
      '--session-name',
      'octo-deploy',
      '--json',
    )
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout).outcome.response.AssumedRoleUser.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/octo-deploy',
    )
    // Another account has no provider for the policy's principal (it names 123456789012).
    const other = await explain('--claims', MAIN, '--account', '210987654321', '--json')
    expect(other.status).toBe(1)
    expect(JSON.parse(other.stdout).outcome.error.message).toMatch(
      /^No OpenIDConnect provider found/,
    )
    const clash = await explain(
      '--claims',
      MAIN,
      '--account',
      '210987654321',
      '--role-arn',
      'arn:aws:iam::123456789012:role/x',
    )
    expect(clash.status).toBe(2)
  })
})

describe('with a token', SLOW, () => {
  it('checks the signature with --jwks and allows (exit 0)', async () => {
    const result = await explain('--token', mainToken, '--jwks', jwks)
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/✓ .*verifies.*\(verify\.signature\)/)
    expect(result.stdout).not.toContain('NOT checked')
  })

  it('reads --token-file and --token -', async () => {
    const file = join(dir, 'token.jwt')
    writeFileSync(file, `Bearer ${mainToken}\n`)
    expect((await explain('--token-file', file, '--jwks', jwks)).status).toBe(0)
    expect(
      (
        await runCli(['explain', '--policy', POLICY, '--token', '-', '--jwks', jwks], {
          input: mainToken,
        })
      ).status,
    ).toBe(0)
  })

  it('denies a pull-request token (exit 1)', async () => {
    const json = JSON.parse((await explain('--token', prToken, '--jwks', jwks, '--json')).stdout)
    expect(json.decision).toBe('ImplicitDeny')
    expect(json.signatureChecked).toBe(true)
    expect(
      json.trace.steps
        .find((s: { id: string }) => s.id === 'verify')
        .checks.map((c: { id: string }) => c.id),
    ).toContain('verify.signature')
  })

  it('reports a forged payload as a bad signature, while the policy alone would allow it', async () => {
    const [h, , s] = prToken.split('.')
    const payload = {
      ...JSON.parse(Buffer.from(prToken.split('.')[1]!, 'base64url').toString()),
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    }
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`
    const result = await explain('--token', forged, '--jwks', jwks, '--json')
    expect(result.status).toBe(1)
    const json = JSON.parse(result.stdout)
    expect(json.outcome.error.code).toBe('InvalidIdentityToken')
    expect(json.decision).toBe('Allow')
    expect(result.stdout).not.toContain(s)
  })

  it('explains a wrong audience, and --client-id moves the failure to the policy', async () => {
    const result = await explain('--token', wrongAudienceToken, '--jwks', jwks)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('InvalidIdentityToken: Incorrect token audience')
    expect(result.stdout).toMatch(
      /What to change:\n {2}• Make the token's aud one of the provider's client IDs/,
    )
    const json = JSON.parse(
      (
        await explain(
          '--token',
          wrongAudienceToken,
          '--jwks',
          jwks,
          '--client-id',
          'https://github.com/octo-org',
          '--json',
        )
      ).stdout,
    )
    expect(json.outcome.error.code).toBe('AccessDenied')
    expect(json.decision).toBe('ImplicitDeny')
  })
})

describe('bad input and usage', SLOW, () => {
  it('an unreadable policy: {"error": {code: MalformedPolicyDocument}} and exit 2', async () => {
    const file = join(dir, 'bad-policy.json')
    writeFileSync(file, '{"Version": "2012-10-17", "Statement": [{"Effect": "allow"}]}')
    for (const policy of [file, join(dir, 'missing.json')]) {
      const result = await runCli(['explain', '--policy', policy, '--claims', MAIN, '--json'])
      expect(result.status).toBe(2)
      const json = JSON.parse(result.stdout)
      expect(Object.keys(json)).toEqual(['error'])
      expect(json.error.code).toBe('MalformedPolicyDocument')
      expect(json.error.message).toEqual(expect.any(String))
      expect(lines(result.stderr)).toHaveLength(1)
    }
    const human = await runCli(['explain', '--policy', file, '--claims', MAIN])
    expect(human.status).toBe(2)
    expect(human.stdout).toBe('')
    expect(lines(human.stderr)).toEqual([
      expect.stringMatching(/^trustwalk explain: Invalid Effect "allow".*line 1/),
    ])
  })

  it('an unreadable token or claims file: InvalidIdentityToken and exit 2', async () => {
    const notJson = join(dir, 'claims.txt')
    writeFileSync(notJson, 'sub=repo:x')
    for (const args of [
      ['--token', 'not-a-jwt'],
      ['--claims', notJson],
      ['--token-file', join(dir, 'none.jwt')],
    ]) {
      const result = await explain(...args, '--json')
      expect(result.status, args.join(' ')).toBe(2)
      expect(JSON.parse(result.stdout).error.code, args.join(' ')).toBe('InvalidIdentityToken')
    }
  })

  it('needs exactly one of --claims, --token, --token-file, and --policy', async () => {
    expect((await explain()).status).toBe(2)
    expect((await explain('--claims', MAIN, '--token', mainToken)).status).toBe(2)
    const noPolicy = await runCli(['explain', '--claims', MAIN])
    expect(noPolicy.status).toBe(2)
    expect(noPolicy.stderr).toContain('--policy FILE is required')
  })
})

describe('--source-ip: aws:SourceIp, the address the job called from', SLOW, () => {
  const fenced = () => {
    const policy = readJson(POLICY)
    policy.Statement[0].Condition.IpAddress = { 'aws:SourceIp': '203.0.113.0/24' }
    const file = join(dir, 'policy-ip.json')
    writeFileSync(file, JSON.stringify(policy, null, 2))
    return file
  }

  it('decides an IpAddress fence on the address given, and denies without one', async () => {
    const file = fenced()
    const run = (...extra: string[]) =>
      runCli(['explain', '--policy', file, '--claims', MAIN, '--json', ...extra])
    const inside = await run('--source-ip', '203.0.113.7')
    expect(inside.status).toBe(0)
    const json = JSON.parse(inside.stdout)
    expect(json.decision).toBe('Allow')
    const conditions = json.trace.steps.find((s: { id: string }) => s.id === 'conditions')
    expect(conditions.data.requestContext['aws:SourceIp']).toBe('203.0.113.7')

    const outside = await run('--source-ip', '198.51.100.1')
    expect(outside.status).toBe(1)
    expect(JSON.parse(outside.stdout).decision).toBe('ImplicitDeny')

    const none = await run()
    expect(none.status).toBe(1)
    const noneJson = JSON.parse(none.stdout)
    const noneConditions = noneJson.trace.steps.find((s: { id: string }) => s.id === 'conditions')
    expect(noneConditions.data.requestContext).not.toHaveProperty('aws:SourceIp')
  })

  it('refuses an address that is not one: exit 2, naming the flag', async () => {
    const result = await explain('--claims', MAIN, '--source-ip', '300.1.2.3')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--source-ip must be an IPv4 or IPv6 address')
  })
})
