/**
 * `--help` text for `trustwalk` and each of its commands.
 */
import { allFlags, type CommandSpec } from './cli-args.js'
import type { Style } from './terminal.js'
import { padEnd } from './terminal.js'

/** The exit statuses every command shares (documented in `trustwalk --help`). */
export const EXIT_CODES: [number, string][] = [
  [0, 'success: token decoded, handshake succeeded, trust policy allows, no finding at --fail-on'],
  [1, 'a negative answer: trust policy denies, handshake or verification failed, or an audit'],
  [-1, 'finding at or above --fail-on'],
  [2, 'bad input or usage: unreadable token, policy or file, unknown option or command'],
  [3, 'internal error: a bug in trustwalk (please report it)'],
]

/** `trustwalk COMMAND --help`. */
export function commandHelp(spec: CommandSpec, style: Style): string {
  const lines: string[] = []
  lines.push(`${style.bold(`trustwalk ${spec.name}`)} — ${spec.summary}`, '')
  lines.push(style.bold('Usage:'))
  for (const usage of spec.usage) lines.push(`  trustwalk ${usage}`)
  for (const paragraph of spec.description ?? []) lines.push('', ...wrap(paragraph, 98, ''))
  lines.push('', style.bold('Options:'))
  const flags = allFlags(spec).map((f) => {
    const names = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`
    return [names, f.help] as const
  })
  const width = Math.min(30, Math.max(...flags.map(([names]) => names.length)) + 2)
  const indent = ' '.repeat(2 + width)
  for (const [names, help] of flags) {
    const [first = '', ...rest] = wrap(help, 100 - indent.length, '')
    if (names.length >= width) lines.push(`  ${names}`, indent + first)
    else lines.push(`  ${padEnd(names, width)}${first}`)
    lines.push(...rest.map((line) => indent + line))
  }
  lines.push('', style.bold('Examples:'))
  for (const example of spec.examples) {
    lines.push(`  ${style.dim(`# ${example.comment}`)}`, `  $ ${example.command}`)
  }
  lines.push('', style.bold('Exit status:'))
  for (const [code, meaning] of spec.exitCodes ?? EXIT_CODES) {
    lines.push(code < 0 ? `     ${meaning}` : `  ${code}  ${meaning}`)
  }
  return lines.join('\n')
}

/** `trustwalk --help`. */
export function topLevelHelp(specs: CommandSpec[], version: string, style: Style): string {
  const width = Math.max(...specs.map((s) => s.name.length)) + 2
  return [
    `${style.bold('trustwalk')} ${version} — teach, simulate and debug the GitHub Actions OIDC → AWS STS handshake`,
    '',
    style.bold('Usage:'),
    '  trustwalk COMMAND [options]',
    '  trustwalk COMMAND --help     options and examples of one command',
    '  trustwalk --version',
    '',
    style.bold('Commands:'),
    ...specs.map((s) => `  ${padEnd(s.name, width)}${s.summary}`),
    '',
    style.bold('Output:'),
    '  Results go to standard output, diagnostics and warnings to standard error. Every command',
    '  takes --json for machine-readable output. Colour is used only when standard output is a',
    '  terminal; NO_COLOR=1 or --no-color turns it off, FORCE_COLOR=1 turns it on for CI logs.',
    '',
    style.bold('Exit status (the same for every command):'),
    ...EXIT_CODES.map(([code, meaning]) =>
      code < 0 ? `     ${meaning}` : `  ${code}  ${meaning}`,
    ),
    '',
    'Documentation: README.md, and the tutorial site (npm start).',
  ].join('\n')
}

/** Greedy word wrap; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = indent + word
    } else {
      line = line ? `${line} ${word}` : indent + word
    }
  }
  if (line) lines.push(line)
  return lines
}
