/**
 * `trustwalk decode` on the built CLI: every input form, every output mode, TTY and pipes,
 * verification with a JWKS file, and every kind of bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../lib/core/clock.js'
import { GITHUB_CLAIM_DOCS } from '../../../lib/github/claim-docs.js'
import { createGitHubIssuer } from '../../../lib/github/issuer.js'
import {
  ANSI,
  ensureBuilt,
  HAS_SCRIPT,
  lines,
  runCli,
  runInTty,
  SLOW,
  BUILD_TIMEOUT,
} from './setup.js'

const run = { owner: 'octo-org', repo: 'octo-repo' }
let dir: string
let token: string
let envToken: string
let expiredToken: string
let jwksFile: string
let otherJwksFile: string

/** The base64url JSON of one part, decoded independently of the code under test. */
function part(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8'))
}

const b64 = (text: string) => Buffer.from(text).toString('base64url')

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-decode-'))
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  token = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
  envToken = await issuer.issueToken(
    { ...run, ownerId: 65, repoId: 74, environment: 'prod', immutableSubject: true },
    { audience: 'sts.amazonaws.com' },
  )
  const past = await createGitHubIssuer({ keys: 'demo', clock: fixedClock('2024-05-01T10:00:00Z') })
  expiredToken = await past.issueToken(run, { audience: 'sts.amazonaws.com' })
  jwksFile = join(dir, 'jwks.json')
  writeFileSync(jwksFile, JSON.stringify(issuer.jwks()))
  const other = await createGitHubIssuer()
  otherJwksFile = join(dir, 'other-jwks.json')
  writeFileSync(otherJwksFile, JSON.stringify(other.jwks()))
}, BUILD_TIMEOUT)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('input forms', SLOW, () => {
  it('reads the token from an argument, "-", a pipe and --file, with the same result', async () => {
    const file = join(dir, 'token.jwt')
    writeFileSync(file, `${token}\n`)
    const results = await Promise.all([
      runCli(['decode', token, '--json']),
      runCli(['decode', '-', '--json'], { input: token }),
      runCli(['decode', '--json'], { input: `${token}\n` }),
      runCli(['decode', '--file', file, '--json']),
    ])
    const expected = { header: part(token, 0), payload: part(token, 1) }
    for (const result of results) {
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual(expected)
    }
  })

  it('accepts "Bearer <jwt>" and the token endpoint\'s {"value": …} body', async () => {
    const bearer = await runCli(['decode', '--payload'], { input: `Bearer ${token}` })
    expect(bearer.status).toBe(0)
    expect(JSON.parse(bearer.stdout)).toEqual(part(token, 1))
    const body = await runCli(['decode', '--payload'], {
      input: JSON.stringify({ count: 1, value: token }),
    })
    expect(body.status).toBe(0)
    expect(JSON.parse(body.stdout)).toEqual(part(token, 1))
  })

  it('refuses a token given both as an argument and with --file', async () => {
    const result = await runCli(['decode', token, '--file', 'x'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('not both')
  })
})

describe('output modes', SLOW, () => {
  it('--json prints {header, payload}; --header and --payload one part each', async () => {
    const [json, header, payload] = await Promise.all([
      runCli(['decode', token, '--json']),
      runCli(['decode', token, '--header']),
      runCli(['decode', token, '--payload']),
    ])
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['header', 'payload'])
    expect(JSON.parse(header.stdout)).toEqual(part(token, 0))
    expect(JSON.parse(payload.stdout)).toEqual(part(token, 1))
  })

  it('refuses two output modes at once', async () => {
    const result = await runCli(['decode', token, '--json', '--payload'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
  })

  it('human output explains every claim, marks those AWS sees, and parses sub', async () => {
    const result = await runCli(['decode', token])
    expect(result.status).toBe(0)
    const out = result.stdout
    expect(out).not.toMatch(ANSI)
    for (const heading of ['Header', 'Payload', 'Signature'])
      expect(out).toMatch(new RegExp(`^${heading}`, 'm'))
    const payload = part(token, 1)
    for (const claim of Object.keys(payload)) {
      expect(out, claim).toMatch(new RegExp(`^ {2}[◆ ] ${claim} +\\S`, 'm'))
      const doc = GITHUB_CLAIM_DOCS[claim]!
      // The doc line may wrap; its first words are on the line after the claim.
      expect(out.replace(/\n\s+/g, ' '), claim).toContain(doc)
    }
    const marked = [...out.matchAll(/^ {2}◆ (\w+)/gm)].map((m) => m[1]).sort()
    expect(marked).toEqual(
      [
        'sub',
        'aud',
        'ref',
        'repository',
        'repository_owner_id',
        'repository_id',
        'actor_id',
        'actor',
        'workflow',
        'job_workflow_ref',
      ].sort(),
    )
    expect(out).toContain('condition key token.actions.githubusercontent.com:sub')
    expect(out).toContain('invisible to IAM')
    expect(out).toMatch(/owner\s+octo-org/)
    expect(out).toMatch(/repo\s+octo-repo/)
    expect(out).toMatch(/ref\s+refs\/heads\/main\s+\(branch main\)/)
  })

  it('shows times as epoch, ISO date and relative time', async () => {
    const payload = part(token, 1) as { exp: number; iat: number }
    const out = (await runCli(['decode', token])).stdout
    const iso = new Date(payload.exp * 1000).toISOString().replace('.000', '')
    expect(out).toMatch(new RegExp(`exp +${payload.exp} +${iso} +expires in [45] min`))
    expect(out).toMatch(/iat +\d+ +\S+Z +issued \d+ s ago/)
    const old = (await runCli(['decode', expiredToken])).stdout
    expect(old).toMatch(/exp +\d+ +2024-05-01T10:05:00Z +expired \d+ d ago/)
  })

  it('takes an immutable environment sub apart', async () => {
    const out = (await runCli(['decode', envToken])).stdout
    expect(out).toContain('default format, immutable ids')
    expect(out).toMatch(/owner\s+octo-org\s+\(id 65\)/)
    expect(out).toMatch(/repo\s+octo-repo\s+\(id 74\)/)
    expect(out).toMatch(/environment\s+prod/)
    expect(out).toMatch(/^ {2}◆ environment/m)
  })

  it('warns on stderr while the token is live, and not once it is dead', async () => {
    const live = await runCli(['decode', token, '--json'])
    expect(lines(live.stderr)).toHaveLength(1)
    expect(live.stderr).toMatch(/warning: this token is still live for [45] min/)
    const dead = await runCli(['decode', expiredToken, '--json'])
    expect(dead.stderr).toBe('')
  })

  it('never prints the token or its signature', async () => {
    const signature = token.split('.')[2]!
    for (const args of [[], ['--json'], ['--header'], ['--payload'], ['--jwks', jwksFile]]) {
      const result = await runCli(['decode', token, ...args])
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain(signature)
    }
  })
})

describe.skipIf(!HAS_SCRIPT)('on a terminal', SLOW, () => {
  it('colour-codes the parts, unless NO_COLOR', () => {
    const tty = runInTty(['decode', token])
    expect(tty.status).toBe(0)
    expect(tty.stdout).toContain('\u001b[31m\u001b[1mHeader')
    expect(tty.stdout).toContain('\u001b[35m\u001b[1mPayload')
    expect(tty.stdout).toContain('\u001b[36m\u001b[1mSignature')
    const plain = runInTty(['decode', token], { NO_COLOR: '1' })
    expect(plain.stdout).toContain('Payload')
    expect(plain.stdout).not.toMatch(ANSI)
  })

  it('with no token and a terminal on stdin, says how to give one (exit 2)', () => {
    const result = runInTty(['decode'])
    expect(result.status).toBe(2)
    expect(result.stdout).toContain('no token given')
  })
})

describe('--verify with --jwks', SLOW, () => {
  it('reports each check and exits 0 for a good signature', async () => {
    const result = await runCli(['decode', token, '--verify', '--jwks', jwksFile])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Verification')
    expect(result.stdout).toMatch(/✓ .*\(verify\.signature\)/)
    expect(result.stdout).toMatch(/✓ .*\(discovery\.jwks-given\)/)
    expect(result.stdout).not.toContain('✗')
  })

  it('fails (exit 1) on a changed payload, naming the failed check', async () => {
    const [h, , s] = token.split('.')
    const forged = `${h}.${b64(JSON.stringify({ ...part(token, 1), sub: 'repo:evil/x:ref:refs/heads/main' }))}.${s}`
    const result = await runCli(['decode', forged, '--jwks', jwksFile])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/✗ .*does not verify.*\(verify\.signature\)/)
    expect(result.stdout).toContain('InvalidIdentityToken')
  })

  it('fails (exit 1) when the JWKS lacks the key, and --json carries the checks', async () => {
    const result = await runCli(['decode', token, '--jwks', otherJwksFile, '--json'])
    expect(result.status).toBe(1)
    const json = JSON.parse(result.stdout)
    expect(json.verification.ok).toBe(false)
    const failed = json.verification.checks.filter((c: { ok: boolean }) => !c.ok)
    expect(failed.map((c: { id: string }) => c.id)).toEqual(['verify.kid-in-jwks'])
    expect(json.verification.error.code).toBe('InvalidIdentityToken')
  })

  it('reports an expired token as STS would', async () => {
    const result = await runCli(['decode', expiredToken, '--jwks', jwksFile])
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('ExpiredTokenException')
  })

  it('refuses an unreadable JWKS file (exit 2)', async () => {
    const result = await runCli(['decode', token, '--jwks', join(dir, 'missing.json')])
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toEqual([expect.stringContaining('no such file')])
  })
})

describe('bad input: one sentence on stderr, exit 2', SLOW, () => {
  const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
  const payload = b64(JSON.stringify({ sub: 'x' }))
  const cases: [string, string, RegExp][] = [
    ['not a JWT', 'hello-world', /3 base64url parts/],
    ['bad base64url', `${header}.pay!oad.sig`, /not base64url/],
    ['a non-JSON header', `${b64('not json')}.${payload}.sig`, /not JSON/],
    ['a non-JSON payload', `${header}.${b64('[1')}.sig`, /not JSON/],
    ['a payload that is not an object', `${header}.${b64('42')}.sig`, /JSON object/],
    ['a JWE', `${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.a.b.c.d`, /JWE/],
  ]
  it.each(cases)('%s', async (_name, input, message) => {
    for (const result of [await runCli(['decode', input]), await runCli(['decode'], { input })]) {
      expect(result.status).toBe(2)
      expect(result.stdout).toBe('')
      const errorLines = lines(result.stderr)
      expect(errorLines).toHaveLength(1)
      expect(errorLines[0]).toMatch(/^trustwalk decode: [A-Z].*\.$/)
      expect(errorLines[0]).toMatch(message)
      expect(result.stderr).not.toContain('    at ')
    }
  })

  it('an empty pipe', async () => {
    const result = await runCli(['decode'], { input: '' })
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toEqual([
      'trustwalk decode: Standard input was empty: there is no token to read.',
    ])
    const blank = await runCli(['decode', '-'], { input: '\n\n' })
    expect(blank.status).toBe(2)
  })

  it('a missing --file', async () => {
    const result = await runCli(['decode', '--file', join(dir, 'nope.jwt')])
    expect(result.status).toBe(2)
    expect(lines(result.stderr)).toHaveLength(1)
    expect(result.stderr).toContain('no such file')
  })
})
