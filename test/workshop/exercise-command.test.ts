/**
 * `trustwalk exercise` as a learner runs it: the built CLI in a child process (test/node/cli's
 * setup builds dist/ once). Exit 0 when every check passes, 1 when one fails, 2 for bad usage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXERCISES } from './folders.js'
import { ensureBuilt, runCli } from '../node/cli/setup.js'

const dir = mkdtempSync(join(tmpdir(), 'trustwalk-exercise-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('trustwalk exercise', () => {
  beforeAll(ensureBuilt, 240_000)

  it('lists every exercise with its number and id', async () => {
    const { status, stdout } = await runCli(['exercise', 'list'])
    expect(status).toBe(0)
    EXERCISES.forEach((e, i) => expect(stdout).toMatch(new RegExp(`${i + 1}\\. ${e.id}\\b`)))
  })

  it('lists as JSON', async () => {
    const { status, stdout } = await runCli(['exercise', 'list', '--json'])
    expect(status).toBe(0)
    const rows = JSON.parse(stdout) as { number: number; id: string }[]
    expect(rows.map((r) => r.id)).toEqual(EXERCISES.map((e) => e.id))
  })

  it('shows the starting file exactly, ready to redirect', async () => {
    const { status, stdout } = await runCli(['exercise', 'show', '2', '--start'])
    expect(status).toBe(0)
    expect(stdout).toBe(EXERCISES[1]!.start)
  })

  it('shows the brief with the token to decode for exercise 1', async () => {
    const { status, stdout } = await runCli(['exercise', 'show', 'decode-a-token'])
    expect(status).toBe(0)
    expect(stdout).toContain('The token:')
    expect(stdout).toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/)
  })

  it('check: the starting file fails with exit 1 and names the failing checks', async () => {
    const path = file('start.json', EXERCISES[1]!.start)
    const { status, stdout } = await runCli(['exercise', 'check', '2', path])
    expect(status).toBe(1)
    expect(stdout).toContain('✗ Must be denied: a push to the branch feature of octo-org/octo-repo')
    expect(stdout).toMatch(/\d+ of \d+ checks pass/)
  })

  it('check: the solution passes with exit 0', async () => {
    const path = file('solution.json', EXERCISES[1]!.solution)
    const { status, stdout } = await runCli(['exercise', 'check', 'only-main', path])
    expect(status).toBe(0)
    expect(stdout).toContain('checks pass. Well done!')
    expect(stdout).not.toContain('✗')
  })

  it('check --json reads standard input with "-"', async () => {
    const { status, stdout } = await runCli(['exercise', 'check', '12', '-', '--json'], {
      input: EXERCISES[11]!.solution,
    })
    expect(status).toBe(0)
    const result = JSON.parse(stdout) as { ok: boolean; exercise: string }
    expect(result).toMatchObject({ ok: true, exercise: EXERCISES[11]!.id })
  })

  it('check: malformed JSON is a failed answer (exit 1), not a crash', async () => {
    const path = file('broken.json', '{"Version": "2012-10-17", ')
    const { status, stdout, stderr } = await runCli(['exercise', 'check', '2', path])
    expect(status).toBe(1)
    expect(stdout).toContain('✗ The file is a trust policy IAM can read')
    expect(stderr).toBe('')
  })

  it('exits 2 for an unknown exercise, a missing file or a bad action', async () => {
    for (const args of [
      ['exercise', 'show', '99'],
      ['exercise', 'check', '2', join(dir, 'nope.json')],
      ['exercise', 'frobnicate'],
      ['exercise', 'check', '2'],
    ]) {
      const { status, stderr } = await runCli(args)
      expect(status, args.join(' ')).toBe(2)
      expect(stderr).toMatch(/trustwalk exercise:/)
    }
  })
})
