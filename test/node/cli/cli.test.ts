/**
 * The conventions every `trustwalk` command shares, checked on the built CLI: --help, --version,
 * unknown commands and options, exit statuses, colour on a TTY only.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ANSI,
  ensureBuilt,
  HAS_SCRIPT,
  lines,
  ROOT,
  runCli,
  runInTty,
  SLOW,
  BUILD_TIMEOUT,
} from './setup.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT)

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }

/** The command names `trustwalk --help` lists. */
async function listedCommands(): Promise<string[]> {
  const { stdout } = await runCli(['--help'])
  const section = stdout.split('Commands:')[1]!.split('\n\n')[0]!
  return lines(section).map((l) => l.trim().split(/\s+/)[0]!)
}

describe('trustwalk (top level)', SLOW, () => {
  it('--version prints the package version on stdout', async () => {
    const result = await runCli(['--version'])
    expect(result).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('--help lists the commands and documents the exit statuses', async () => {
    const result = await runCli(['--help'])
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    expect(await listedCommands()).toEqual([
      'serve',
      'walk',
      'explain',
      'decode',
      'audit',
      'exercise',
    ])
    const exit = result.stdout.split('Exit status')[1]!
    expect(exit).toMatch(/^\s+0\s+\S/m)
    expect(exit).toMatch(/^\s+1\s+\S.*denies/m)
    expect(exit).toMatch(/^\s+2\s+bad input or usage/m)
    expect(result.stdout).toContain('NO_COLOR')
  })

  it('with no command, shows help on stderr and exits 2', async () => {
    const result = await runCli([])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('Usage:')
    expect(result.stderr).toContain('no command given')
  })

  it('refuses an unknown command with a suggestion', async () => {
    const result = await runCli(['decdoe', 'x'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain("unknown command 'decdoe'")
    expect(result.stderr).toContain("Did you mean 'trustwalk decode'?")
  })

  it('refuses an unknown top-level option with a suggestion', async () => {
    const result = await runCli(['--verison'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain("Did you mean '--version'?")
  })

  it('refuses an unknown command option with a suggestion and a pointer to --help', async () => {
    const result = await runCli(['decode', '--jsno', 'x'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(lines(result.stderr)).toEqual([
      "trustwalk decode: unknown option '--jsno' for 'trustwalk decode'. Did you mean '--json'?",
      "Run 'trustwalk decode --help' for usage.",
    ])
  })

  it(
    'gives every command a --help with a usage line, options and examples',
    { timeout: 120_000 },
    async () => {
      const commands = await listedCommands()
      for (const command of commands) {
        const result = await runCli([command, '--help'])
        expect(result.status, command).toBe(0)
        expect(result.stderr, command).toBe('')
        expect(result.stdout, command).toMatch(new RegExp(`^Usage:\\n  trustwalk ${command}`, 'm'))
        expect(result.stdout, command).toContain('--json')
        expect(result.stdout, command).toMatch(/^Examples:\n {2}# .+\n {2}\$ trustwalk /m)
        expect(result.stdout, command).toContain('Exit status:')
        const short = await runCli([command, '-h'])
        expect(short.stdout, command).toBe(result.stdout)
        const viaHelp = await runCli(['help', command])
        expect(viaHelp.stdout, command).toBe(result.stdout)
      }
    },
  )

  it('writes no colour when stdout is not a terminal', async () => {
    const result = await runCli(['--help'])
    expect(result.stdout).not.toMatch(ANSI)
  })

  it('FORCE_COLOR colours a pipe, and NO_COLOR beats it', async () => {
    expect((await runCli(['--help'], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI)
    const both = await runCli(['--help'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })
    expect(both.stdout).not.toMatch(ANSI)
  })
})

describe.skipIf(!HAS_SCRIPT)(
  'on a terminal (util-linux script gives a real pseudo-TTY)',
  SLOW,
  () => {
    it('colours the output', () => {
      const result = runInTty(['--help'])
      expect(result.status).toBe(0)
      expect(result.stdout).toMatch(ANSI)
    })

    it('never colours with NO_COLOR', () => {
      const result = runInTty(['--help'], { NO_COLOR: '1' })
      expect(result.status).toBe(0)
      expect(result.stdout).toContain('Usage:')
      expect(result.stdout).not.toMatch(ANSI)
    })

    it('never colours with --no-color', () => {
      const result = runInTty(['--no-color', '--help'])
      expect(result.stdout).toContain('Usage:')
      expect(result.stdout).not.toMatch(ANSI)
      expect(runInTty(['decode', '--help', '--no-color']).stdout).not.toMatch(ANSI)
    })
  },
)
