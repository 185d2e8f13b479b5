/**
 * `trustwalk walk` on the built CLI: the scenario list, every built-in scenario as a JSON Trace
 * (with the exit status following STS's answer), the human rendering, and scenario files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCENARIOS } from '../../../lib/handshake/scenarios.js'
import { ISSUER_SCENARIOS } from '../../../lib/handshake/issuer-scenarios.js'
import type { Trace } from '../../../lib/core/trace.js'
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

let dir: string

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-walk-'))
}, BUILD_TIMEOUT)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('trustwalk walk', SLOW, () => {
  it('lists the scenarios with no argument, with --list, and as JSON', async () => {
    const bare = await runCli(['walk'])
    expect(bare.status).toBe(0)
    expect((await runCli(['walk', '--list'])).stdout).toBe(bare.stdout)
    for (const s of SCENARIOS) expect(bare.stdout).toMatch(new RegExp(`^ {2}${s.name} `, 'm'))
    const json = JSON.parse((await runCli(['walk', '--list', '--json'])).stdout)
    // GitHub's scenarios, then the other CI systems' (issue 13).
    expect(json.map((s: { name: string }) => s.name)).toEqual(
      [...SCENARIOS, ...ISSUER_SCENARIOS].map((s) => s.name),
    )
    for (const s of ISSUER_SCENARIOS)
      expect(bare.stdout).toMatch(new RegExp(`^ {2}${s.name} `, 'm'))
  })

  it(
    "prints every scenario's Trace as JSON, exit 0 only with credentials",
    { timeout: 120_000 },
    async () => {
      for (const scenario of SCENARIOS) {
        const result = await runCli(['walk', scenario.name, '--json'])
        const trace = JSON.parse(result.stdout) as Trace
        expect(
          trace.steps.map((s) => s.id),
          scenario.name,
        ).toEqual(['discovery', 'issue', 'verify', 'conditions', 'credentials'])
        expect(result.status, scenario.name).toBe(trace.outcome.ok ? 0 : 1)
        if (scenario.expect) expect(trace.outcome.ok, scenario.name).toBe(scenario.expect.ok)
        if (!trace.outcome.ok) {
          expect(
            trace.steps.some((s) => s.status === 'fail'),
            scenario.name,
          ).toBe(true)
          if (scenario.expect?.error)
            expect(trace.outcome.error.code, scenario.name).toBe(scenario.expect.error)
        }
      }
    },
  )

  it('prints one line per check, and explains the failing one', async () => {
    const json = JSON.parse((await runCli(['walk', 'wrong-audience', '--json'])).stdout) as Trace
    const human = await runCli(['walk', 'wrong-audience'])
    expect(human.status).toBe(1)
    const checkLines = lines(human.stdout).filter((l) => /^ {3}[✓✗] /.test(l))
    expect(checkLines).toHaveLength(json.steps.flatMap((s) => s.checks).length)
    const failed = json.steps.flatMap((s) => s.checks).find((c) => !c.ok)!
    expect(human.stdout).toContain(`✗ ${failed.summary}  (${failed.id})`)
    expect(human.stdout).toContain(`expected: ${JSON.stringify(failed.expected)}`)
    expect(human.stdout).toContain(
      '✗ STS answered 400 InvalidIdentityToken: Incorrect token audience',
    )
    expect(human.stdout).toContain('What to change:')
  })

  it('shows the trust-policy evaluation under a failing conditions step', async () => {
    const result = await runCli(['walk', 'pull-request'])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/✗ StringEquals token\.actions\.githubusercontent\.com:sub/)
    expect(result.stdout).toMatch(/ +request: "repo:octo-org\/octo-repo:pull_request"/)
  })

  it('walks a scenario file', async () => {
    const happy = SCENARIOS.find((s) => s.name === 'happy-path')!
    const file = join(dir, 'mine.json')
    writeFileSync(file, JSON.stringify({ ...happy, name: 'mine', audience: 'sigstore' }))
    const result = await runCli(['walk', '--scenario-file', file, '--json'])
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stdout).outcome.error.message).toBe('Incorrect token audience')
  })

  it('refuses an unknown scenario with a suggestion, and bad scenario files (exit 2)', async () => {
    const typo = await runCli(['walk', 'happy-pth'])
    expect(typo.status).toBe(2)
    expect(typo.stderr).toContain("Did you mean 'happy-path'?")
    const notJson = join(dir, 'bad.json')
    writeFileSync(notJson, '{')
    const bad = await runCli(['walk', '--scenario-file', notJson])
    expect(bad.status).toBe(2)
    expect(lines(bad.stderr)).toEqual([expect.stringContaining('not valid JSON')])
    const wrong = join(dir, 'wrong.json')
    writeFileSync(
      wrong,
      JSON.stringify({ name: 'x', account: { accountId: '123456789012' }, run: { owner: 1 } }),
    )
    const invalid = await runCli(['walk', '--scenario-file', wrong])
    expect(invalid.status).toBe(2)
    expect(invalid.stderr).toContain('run.owner')
  })
})

describe.skipIf(!HAS_SCRIPT)('trustwalk walk on a terminal', SLOW, () => {
  it('colours the marks and the failing step, and not with NO_COLOR', () => {
    const tty = runInTty(['walk', 'wrong-audience'])
    expect(tty.status).toBe(1)
    expect(tty.stdout).toContain('\u001b[32m✓\u001b[39m')
    expect(tty.stdout).toContain('\u001b[31m✗\u001b[39m')
    expect(tty.stdout).toMatch(/\u001b\[31m\u001b\[1mFAIL/)
    const plain = runInTty(['walk', 'wrong-audience'], { NO_COLOR: '1' })
    expect(plain.stdout).toContain('✗ STS answered 400 InvalidIdentityToken')
    expect(plain.stdout).not.toMatch(ANSI)
  })
})
