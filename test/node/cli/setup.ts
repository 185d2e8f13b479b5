/**
 * Test support for the CLI: build once (shared across test files and vitest workers), then run the
 * BUILT `dist/node/cli.js` as a user would — a child process with pipes, or under a real
 * pseudo-terminal through util-linux `script`.
 *
 * How the CLI decides on colour (lib/node/terminal.ts): `NO_COLOR` (non-empty) or `--no-color`
 * → never; else `FORCE_COLOR` (not `0`) → always; else only when standard output is a TTY. The
 * tests run both paths for real: pipes (not a TTY) and `script -qec` (a TTY).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Spawning node under a loaded 2-core CI machine can take seconds; give CLI tests room. */
export const SLOW = { timeout: 120_000 }
/** `npm run build` (tsc over the whole library) in a beforeAll, on a loaded machine. */
export const BUILD_TIMEOUT = 300_000

export const ROOT = resolve(import.meta.dirname, '../../..')
export const CLI = join(ROOT, 'dist/node/cli.js')
const LOCK = join(ROOT, 'node_modules/.cache/trustwalk-cli-build.lock')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function builtAt(): number {
  try {
    return statSync(CLI).mtimeMs
  } catch {
    return 0
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * `npm run build` unless dist/ is newer than every file in lib/ (so `npm test`, which builds
 * first, pays nothing). A lock directory keeps parallel test files from building at once.
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000)
          rmSync(LOCK, { recursive: true, force: true })
      } catch {
        // The holder just released it.
      }
      await sleep(200)
    }
  }
  try {
    if (builtAt() >= newestSource(join(ROOT, 'lib'))) return
    const started = Date.now() - 1000
    const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' })
    if (result.status !== 0) {
      // tsc still emits when another module (being written in parallel) has type errors; the
      // typecheck job reports those. Fail only when the CLI itself was not built.
      if (builtAt() < started)
        throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`)
      console.warn(`npm run build reported errors (the CLI was built anyway):\n${result.stdout}`)
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Written to standard input, which is then closed. Default: nothing (an empty pipe). */
  input?: string
  /** Added to a clean environment (no NO_COLOR / FORCE_COLOR unless given here). */
  env?: Record<string, string>
  timeoutMs?: number
  /** Working directory; default the repository root. */
  cwd?: string
}

/** A clean environment: the colour variables of the machine running the tests are dropped. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'CI'].includes(k)) env[k] = v
  }
  return { ...env, ...extra }
}

/** Run the built CLI with pipes for all three streams (so: not a TTY). */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: 'pipe',
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolvePromise({ status, stdout, stderr })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`

/** Whether util-linux `script` is here to give the CLI a real pseudo-terminal. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0

/**
 * Run the built CLI on a real pseudo-terminal (`script -qec`): stdout and stderr are both the
 * terminal, so the output is merged, with CRLF line ends turned back into LF.
 */
export function runInTty(args: string[], env: Record<string, string> = {}): RunResult {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ')
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: cleanEnv({ TERM: 'xterm-256color', ...env }),
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  })
  return {
    status: result.status,
    stdout: result.stdout.replace(/\r\n/g, '\n'),
    stderr: result.stderr,
  }
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/

/** The non-empty lines of a stream's text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '')
}
