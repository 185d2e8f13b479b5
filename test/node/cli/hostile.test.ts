/**
 * The CLI against hostile or careless input (issue 15): out-of-range times and deep nesting,
 * control characters in file names and claims, tokens naming unknown issuers, and inputs far larger
 * than anything AWS accepts. Each case exits 0, 1 or 2 with plain sentences, never 3 with a stack.
 * Run in-process (`main()`), the same code the built CLI runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMain } from './in-process.js'

const b64 = (text: string) => Buffer.from(text).toString('base64url')
const claims = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  repository: 'octo-org/octo-repo',
  iat: 1791484275,
  nbf: 1791483975,
  exp: 1791484575,
}
const header = { alg: 'RS256', typ: 'JWT', kid: 'k1' }
/** An unsigned-looking JWT with these claims (decode never needs a valid signature). */
const jwt = (payload: object, head: object = header) =>
  `${b64(JSON.stringify(head))}.${b64(JSON.stringify(payload))}.${b64('signature')}`
/** `[[[…1…]]]`, `depth` levels deep. */
const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth)

let dir: string
const policy = 'examples/explain/policy.json'
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
// eslint-disable-next-line no-control-regex
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e]|\u001b(?!\[[0-9;]*m)/

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-hostile-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** No stack trace, no "internal error", one line on stderr for an error. */
function expectClean(result: { status: number; stderr: string }, status: number) {
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /)
  expect(result.status).toBe(status)
}

describe('item 4: out-of-range iat and deep nesting', () => {
  for (const iat of [1e21, -1e15]) {
    it(`explain --claims with iat ${iat}: one sentence, exit 2`, async () => {
      const file = write(`iat-${iat}.json`, JSON.stringify({ ...claims, iat }))
      const result = await runMain(['explain', '--policy', policy, '--claims', file])
      expectClean(result, 2)
      expect(result.stderr).toMatch(/iat, .*, is not a date/)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
    })

    it(`decode with iat ${iat}: a correct answer, the date shown as not a date`, async () => {
      const result = await runMain(['decode', jwt({ ...claims, iat })])
      expectClean(result, 0)
      expect(result.stdout).toMatch(/iat\s+\S+\s+\(not a date\)/)
      const json = await runMain(['decode', '--json', jwt({ ...claims, iat })])
      expectClean(json, 0)
      expect(JSON.parse(json.stdout).payload.iat).toBe(iat)
    })
  }

  it('a claim nested 5,000 deep (a 13.5 KB token): decode and explain exit 2', async () => {
    const payload = `${JSON.stringify(claims).slice(0, -1)},"deep":${nested(5000)}}`
    const token = `${b64(JSON.stringify(header))}.${b64(payload)}.${b64('signature')}`
    expect(token.length).toBeLessThan(20_000)
    for (const args of [
      ['decode', token],
      ['decode', '--json', token],
      ['explain', '--policy', policy, '--token', token],
      ['explain', '--policy', policy, '--claims', write('deep.json', `{"deep":${nested(5000)}}`)],
    ]) {
      const result = await runMain(args)
      expectClean(result, 2)
      expect(result.stderr).toMatch(/nests JSON more than 100 levels deep/)
    }
  })

  it('nesting up to 100 levels is read', async () => {
    const result = await runMain([
      'decode',
      '--payload',
      jwt({ ...claims, deep: JSON.parse(nested(99)) }),
    ])
    expectClean(result, 0)
  })
})

describe('item 6: control characters from input are escaped', () => {
  const evil = 'evil\u001b]0;pwned\u0007\rFORGED\nline\u202e\u009b2J'

  it('file names in audit, explain and decode messages', async () => {
    const missing = join(dir, `${evil}.json`)
    for (const args of [
      ['audit', missing],
      ['explain', '--policy', missing, '--claims', missing],
      ['decode', '--file', missing],
    ]) {
      const result = await runMain(args)
      expectClean(result, 2)
      expect(result.stderr).not.toMatch(RAW_CONTROL)
      expect(result.stderr).toContain('evil\\u001b]0;pwned\\u0007\\rFORGED\\nline\\u202e\\u009b2J')
      expect(result.stderr.split('\n')[0]).toMatch(/^trustwalk \w+: /)
    }
  })

  it('audit echoes a file name with escapes, and a policy with escapes, escaped', async () => {
    const file = write(
      `${evil}.json`,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: evil,
            Effect: 'Allow',
            Principal: {
              Federated:
                'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${evil}/*` },
            },
          },
        ],
      }),
    )
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runMain(['audit', '--format', format, file])
      expect(result.stderr).not.toMatch(/internal error/)
      expect([0, 1]).toContain(result.status)
      expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL)
      if (format !== 'text') JSON.parse(result.stdout)
    }
  })

  it('decode and explain print claims with escapes escaped', async () => {
    const token = jwt({ ...claims, sub: `repo:${evil}:ref:refs/heads/main`, [evil]: evil })
    const decoded = await runMain(['decode', token])
    expectClean(decoded, 0)
    expect(decoded.stdout).not.toMatch(RAW_CONTROL)
    expect(decoded.stdout).toContain('\\u001b]0;pwned')
    const file = write('evil-claims.json', JSON.stringify({ ...claims, sub: `repo:${evil}` }))
    const explained = await runMain(['explain', '--policy', policy, '--claims', file])
    expectClean(explained, 1)
    expect(explained.stdout + explained.stderr).not.toMatch(RAW_CONTROL)
    const json = await runMain(['explain', '--json', '--policy', policy, '--claims', file])
    expect(json.stdout).not.toMatch(RAW_CONTROL)
    expect(JSON.parse(json.stdout).decision).toBe('ImplicitDeny')
  })
})

describe('item 9: decode --verify fetches only from issuers trustwalk knows', () => {
  it('refuses an unknown issuer (any https host, a loopback port and path) without fetching', async () => {
    const fetched: string[] = []
    const realFetch = globalThis.fetch
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      fetched.push(String(input instanceof Request ? input.url : input))
      return new Response('no', { status: 404 })
    }) as typeof fetch
    try {
      for (const iss of [
        'https://evil.example',
        'http://127.0.0.1:6379/anything',
        'https://token.actions.githubusercontent.com.evil.example',
        'http://169.254.169.254',
      ]) {
        const result = await runMain(['decode', '--verify', jwt({ ...claims, iss })])
        expectClean(result, 2)
        expect(result.stderr).toContain('is not an issuer trustwalk knows')
        expect(result.stderr).toContain(`--issuer ${iss}`)
      }
      expect(fetched).toEqual([])
      // Named with --issuer, it is fetched (and here fails: exit 1, STS's answer).
      const named = await runMain([
        'decode',
        '--issuer',
        'https://evil.example',
        jwt({ ...claims, iss: 'https://evil.example' }),
      ])
      expectClean(named, 1)
      expect(fetched).toEqual(['https://evil.example/.well-known/openid-configuration'])
      // --issuer must be the token's iss.
      const other = await runMain([
        'decode',
        '--issuer',
        'https://other.example',
        jwt({ ...claims, iss: 'https://evil.example' }),
      ])
      expectClean(other, 2)
      expect(other.stderr).toContain("is not the token's iss")
      // GitHub's issuer is known: fetched without --issuer.
      const github = await runMain(['decode', '--verify', jwt(claims)])
      expectClean(github, 1)
      expect(fetched.at(-1)).toBe(
        'https://token.actions.githubusercontent.com/.well-known/openid-configuration',
      )
    } finally {
      globalThis.fetch = realFetch
    }
  })

  it('decode --help says what is fetched', async () => {
    const result = await runMain(['decode', '--help'])
    expect(result.stdout).toContain('--issuer URL')
    expect(result.stdout).toMatch(/only from an issuer\s+trustwalk knows/)
  })
})

describe('item 10: inputs are capped at sizes AWS accepts, read as cap + 1 bytes', () => {
  it('/dev/zero fails at once for audit, decode --file, explain --policy/--claims/--token-file', async () => {
    const cases: [string[], RegExp][] = [
      [['audit', '/dev/zero'], /FILE \/dev\/zero is larger than 1 MiB/],
      [
        ['decode', '--file', '/dev/zero'],
        /--file \/dev\/zero is larger than 64 KiB, too large for a token/,
      ],
      [
        ['explain', '--policy', '/dev/zero', '--claims', '/dev/zero'],
        /--policy \/dev\/zero is larger than 256 KiB/,
      ],
      [
        ['explain', '--policy', policy, '--claims', '/dev/zero'],
        /--claims \/dev\/zero is larger than 64 KiB/,
      ],
      [
        ['explain', '--policy', policy, '--token-file', '/dev/zero'],
        /--token-file \/dev\/zero is larger than 64 KiB/,
      ],
      [['walk', '--scenario-file', '/dev/zero'], /the scenario file is larger than 1 MiB/],
    ]
    for (const [args, message] of cases) {
      const started = Date.now()
      const result = await runMain(args)
      expectClean(result, 2)
      expect(result.stderr).toMatch(message)
      expect(Date.now() - started).toBeLessThan(5000)
    }
  })

  it('standard input is capped too', async () => {
    const big = 'a'.repeat(64 * 1024 + 1)
    const decode = await runMain(['decode', '-'], { input: big })
    expectClean(decode, 2)
    expect(decode.stderr).toMatch(/Standard input is larger than 64 KiB/)
    const explain = await runMain(['explain', '--json', '--policy', policy, '--token', '-'], {
      input: big,
    })
    expectClean(explain, 2)
    expect(JSON.parse(explain.stdout).error.code).toBe('InvalidIdentityToken')
    const audit = await runMain(['audit', '-'], { input: ' '.repeat(1024 * 1024 + 1) })
    expectClean(audit, 2)
    // Exactly at the cap is read.
    const atCap = await runMain(['decode', '-'], { input: 'a'.repeat(64 * 1024) })
    expectClean(atCap, 2)
    expect(atCap.stderr).not.toMatch(/larger than/)
  })
})

describe('item 6: walk prints a scenario file escaped', () => {
  it("a scenario's title and description stay one line each, with no terminal controls", async () => {
    const { SCENARIOS } = await import('../../../lib/handshake/scenarios.js')
    const scenario = JSON.parse(JSON.stringify(SCENARIOS[0])) as Record<string, unknown>
    scenario.title = 'T\nforged line'
    scenario.description = 'D\u001b]0;pwned\u0007'
    const result = await runMain([
      'walk',
      '--scenario-file',
      write('evil-scenario.json', JSON.stringify(scenario)),
    ])
    expect([0, 1]).toContain(result.status)
    expect(result.stdout).not.toMatch(RAW_CONTROL)
    const [first, second] = result.stdout.split('\n')
    expect(first).toMatch(/ — T\\nforged line$/)
    expect(second).toBe('D\\u001b]0;pwned\\u0007')
  })
})

describe('item 6: serve logs requests escaped', () => {
  it("a request's Action and the error messages cannot drive the terminal or forge a line", async () => {
    let logged = ''
    const result = await runMain(['serve', '--json'], {
      onServing: (stop, output) => {
        void (async () => {
          while (!output().stdout.includes('\n')) await new Promise((r) => setTimeout(r, 10))
          const { sts } = JSON.parse(output().stdout) as { sts: string }
          const body = new URLSearchParams({
            Action: 'Evil\u001b]0;pwned\u0007\r\n12:00:00 AssumeRoleWithWebIdentity 200 forged',
            Version: '2011-06-15',
          })
          await fetch(sts, { method: 'POST', body })
          const token = new URLSearchParams({
            Action: 'AssumeRoleWithWebIdentity',
            Version: '2011-06-15',
            RoleArn: 'arn:aws:iam::123456789012:role/x',
            RoleSessionName: 'session',
            WebIdentityToken: jwt({ ...claims, iss: 'https://x\u001b[2J\n.example' }),
          })
          await fetch(sts, { method: 'POST', body: token })
          await fetch(sts, { method: 'POST', body: 'Action=&Version=2011-06-15' })
          logged = output().stderr
          stop()
        })()
      },
    })
    expectClean(result, 0)
    const lines = logged.trim().split('\n')
    expect(lines).toHaveLength(3)
    // An Action that is not one word is quoted: it cannot pass for the status after it.
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d "Evil\\u001b/)
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d \(no Action\) 400 MissingAction: /)
    expect(logged).not.toMatch(RAW_CONTROL)
    expect(lines[0]).toContain(
      'Evil\\u001b]0;pwned\\u0007\\r\\n12:00:00 AssumeRoleWithWebIdentity 200 forged',
    )
    expect(lines[1]).toContain('https://x\\u001b[2J\\n.example')
  })
})
