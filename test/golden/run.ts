import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = resolve(ROOT, 'dist/node/cli.js')

/** One CLI run as a single text: exit status, stdout, stderr (no colour, fixed width). */
export function runGolden(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1', COLUMNS: '100' },
  })
  return normalise(`exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`)
}

/**
 * `explain` builds a fresh account per run (new provider keys, random credentials); those bytes are
 * not behaviour, so they are masked. Everything else is compared as printed.
 */
function normalise(text: string): string {
  return text
    .replace(/ASIA[A-Z0-9]{16}/g, 'ASIA<key-id>')
    .replace(/("(?:SecretAccessKey|SessionToken|n)": )"[^"]*"/g, '$1"<random>"')
}
