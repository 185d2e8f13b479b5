/**
 * The command-line grammar of `trustwalk`, read by Node's own `util.parseArgs`
 * (https://nodejs.org/docs/latest-v20.x/api/util.html#utilparseargsconfig): GNU-style
 * `--name value`, `--name=value`, `-h`, `--` to end options, and `-` as an ordinary argument
 * (standard input). This module adds what `util.parseArgs` leaves to its caller: the messages of
 * a usage error, the closest known option suggested for an unknown one, and the argument count.
 */
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util'
import { suggest } from './cli-suggest.js'

export type FlagType = 'boolean' | 'string' | 'list'

/** One option a command accepts. */
export interface FlagSpec {
  /** Long name without dashes: `json` for `--json`. */
  name: string
  type: FlagType
  /** One-letter alias without the dash: `h` for `-h`. */
  short?: string
  /** Placeholder shown in help: `FILE` in `--file FILE`. */
  value?: string
  help: string
}

/** What a command accepts, and what `--help` shows. */
export interface CommandSpec {
  name: string
  /** One line: what the command is for. */
  summary: string
  /** Usage lines, each after `trustwalk `. */
  usage: string[]
  /** Paragraphs shown under the usage lines. */
  description?: string[]
  flags: FlagSpec[]
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number }
  examples: { comment: string; command: string }[]
  /** Exit statuses of this command, shown in its help. */
  exitCodes?: [number, string][]
}

/** A usage mistake: exit status 2, with a pointer to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    /** The command whose help to point at (`trustwalk decode --help`); empty for the top level. */
    readonly command = '',
  ) {
    super(message)
  }
}

/** The options and arguments of one invocation. */
export class ParsedArgs {
  constructor(
    private readonly values: Map<string, string | boolean | string[]>,
    readonly positionals: string[],
  ) {}

  bool(name: string): boolean {
    return this.values.get(name) === true
  }

  string(name: string): string | undefined {
    const value = this.values.get(name)
    return typeof value === 'string' ? value : undefined
  }

  list(name: string): string[] {
    const value = this.values.get(name)
    return Array.isArray(value) ? value : []
  }

  has(name: string): boolean {
    return this.values.has(name)
  }
}

/** Options every command takes. */
export const COMMON_FLAGS: FlagSpec[] = [
  { name: 'no-color', type: 'boolean', help: 'never colour the output (also: NO_COLOR=1)' },
  { name: 'help', short: 'h', type: 'boolean', help: 'show this help' },
]

/** The full option list of a command: its own plus the common ones. */
export function allFlags(spec: CommandSpec): FlagSpec[] {
  return [...spec.flags, ...COMMON_FLAGS]
}

/**
 * Parse `argv` (the words after the command name) against a command's spec.
 * Throws `UsageError` for unknown options (suggesting the closest), missing values, repeated
 * single-valued options and extra arguments.
 *
 * @example
 * const args = parseArgs(['-', '--json'], decodeSpec)
 * args.positionals // ['-']
 * args.bool('json') // true
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const flags = allFlags(spec)
  const where = spec.name ? `trustwalk ${spec.name}` : 'trustwalk'
  // Not strict: unknown options and missing values come back as tokens, so the messages (and the
  // suggestion) are ours.
  const { tokens, positionals } = parseArgv({
    args: [...argv],
    options: parseArgsOptions(flags),
    strict: false,
    allowPositionals: true,
    tokens: true,
  })

  const values = new Map<string, string | boolean | string[]>()
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const word = argv[token.index]!
    const flag = flags.find((f) => f.name === token.name)
    // `-hx` is one unknown option here, not a group of short ones.
    if (!flag || isShortGroup(word)) throw unknownOption(written(word), flags, spec.name, where)

    if (flag.type === 'boolean') {
      if (token.value !== undefined) {
        throw new UsageError(`option '--${flag.name}' takes no value.`, spec.name)
      }
      values.set(flag.name, true)
      continue
    }
    const value = token.value
    // `util.parseArgs` takes the next word whatever it is; `--file --json` means a missing value.
    if (value === undefined || (!token.inlineValue && value.startsWith('--') && value.length > 2)) {
      throw new UsageError(
        `option '--${flag.name}' needs a value (${flag.value ?? 'VALUE'}).`,
        spec.name,
      )
    }
    if (flag.type === 'list') {
      values.set(flag.name, [...((values.get(flag.name) as string[] | undefined) ?? []), value])
    } else {
      if (values.has(flag.name)) {
        throw new UsageError(`option '--${flag.name}' was given more than once.`, spec.name)
      }
      values.set(flag.name, value)
    }
  }

  const parsed = new ParsedArgs(values, positionals)
  if (parsed.bool('help')) return parsed
  if (positionals.length > spec.positionals.max) {
    const extra = positionals[spec.positionals.max]!
    throw new UsageError(
      spec.positionals.max === 0
        ? `'${where}' takes no arguments, but got '${extra}'.`
        : `unexpected extra argument '${extra}'.`,
      spec.name,
    )
  }
  if (positionals.length < spec.positionals.min) {
    throw new UsageError(`missing argument: ${spec.usage[0] ?? spec.name}.`, spec.name)
  }
  return parsed
}

/** The spec's flags in the shape `util.parseArgs` takes. */
function parseArgsOptions(flags: FlagSpec[]): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    flags.map((f) => [
      f.name,
      {
        type: f.type === 'boolean' ? 'boolean' : 'string',
        multiple: f.type === 'list',
        ...(f.short ? { short: f.short } : {}),
      },
    ]),
  ) as NonNullable<ParseArgsConfig['options']>
}

/** `-abc`: several one-letter options in one word, which trustwalk does not take. */
function isShortGroup(word: string): boolean {
  return !word.startsWith('--') && word.length > 2
}

/** The option as the user wrote it, without an inline value: `--file` of `--file=x`. */
function written(word: string): string {
  const eq = word.indexOf('=')
  return word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word
}

function unknownOption(
  written: string,
  flags: FlagSpec[],
  command: string,
  where: string,
): UsageError {
  const names = flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])])
  const guess = suggest(written.startsWith('--') ? written : `-${written}`, names)
  const hint = guess ? ` Did you mean '${guess}'?` : ''
  return new UsageError(`unknown option '${written}' for '${where}'.${hint}`, command)
}
