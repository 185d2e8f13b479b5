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
]
