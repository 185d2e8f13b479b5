/**
 * The CLI invocations whose output is pinned (issue 11: "capture golden outputs of every CLI command
 * on the committed examples and scenarios, text and --json"). `capture.ts` writes them; the golden
 * test compares the built CLI against them.
 */
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

const SCENARIOS = [
  'happy-path',
  'wrong-audience',
  'pull-request',
  'environment-subject',
  'immutable-subject',
  'expired-token',
  'rotated-key-still-published',
  'rotated-key',
  'tampered-signature',
  'attacker-no-sub',
  'attacker-pinned-sub',
  'unknown-provider',
  'duration-too-long',
  'unknown-role',
  'bad-session-name',
]

const AUDIT_FILES = [
  'examples/explain/policy.json',
  ...readdirSync(resolve(ROOT, 'test/audit/files'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `test/audit/files/${f}`),
]

const USAGE_ERRORS: [string, string[]][] = [
  ['no-command', []],
  ['unknown-command', ['decdoe']],
  ['unknown-top-option', ['--verison']],
  ['help-unknown-topic', ['help', 'wlak']],
  ['unknown-option', ['decode', '--jsno']],
  ['unknown-option-far', ['decode', '--frobnicate']],
  ['unknown-short-option', ['walk', '-x']],
  ['short-option-group', ['walk', '-hx']],
  ['single-dash-long-option', ['walk', '-jsno']],
  ['inline-value-on-boolean', ['walk', 'happy-path', '--json=yes']],
  ['missing-value-at-end', ['explain', '--policy']],
  ['missing-value-before-option', ['explain', '--policy', '--json']],
  ['repeated-option', ['audit', 'a.json', '--format', 'text', '--format', 'json']],
  ['extra-argument', ['walk', 'happy-path', 'extra']],
  ['no-arguments-taken', ['explain', 'x']],
  ['extra-argument-serve', ['serve', 'x', 'y']],
  ['missing-argument', ['audit']],
  ['option-after-terminator', ['walk', '--', '--json']],
  ['help-wins-over-arguments', ['walk', 'a', 'b', 'c', '--help']],
  ['no-color-anywhere', ['walk', '--no-color', '--list', '--no-color']],
]

export interface GoldenCase {
  name: string
  args: string[]
}

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'help', args: ['--help'] },
  ...['serve', 'walk', 'explain', 'decode', 'audit', 'exercise'].map((c) => ({
    name: `help-${c}`,
    args: [c, '--help'],
  })),
  { name: 'walk-list', args: ['walk'] },
  ...SCENARIOS.flatMap((s) => [
    { name: `walk-${s}`, args: ['walk', s] },
    { name: `walk-${s}.json`, args: ['walk', s, '--json'] },
  ]),
  ...['claims-main', 'claims-pr'].flatMap((c) => [
    {
      name: `explain-${c}`,
      args: [
        'explain',
        '--policy',
        'examples/explain/policy.json',
        '--claims',
        `examples/explain/${c}.json`,
      ],
    },
    {
      name: `explain-${c}.json`,
      args: [
        'explain',
        '--policy',
        'examples/explain/policy.json',
        '--claims',
        `examples/explain/${c}.json`,
        '--json',
      ],
    },
  ]),
  ...AUDIT_FILES.flatMap((f) => {
    const base = f
      .split('/')
      .pop()!
      .replace(/\.json$/, '')
    return [
      { name: `audit-${base}`, args: ['audit', f] },
      { name: `audit-${base}.json`, args: ['audit', f, '--json'] },
      { name: `audit-${base}.sarif`, args: ['audit', f, '--format', 'sarif'] },
    ]
  }),
  { name: 'exercise-list', args: ['exercise', 'list'] },
  // Usage errors: the wording, the "did you mean" suggestion and exit status 2 stay as they are.
  ...USAGE_ERRORS.map(([name, args]) => ({ name: `usage-${name}`, args })),
]
