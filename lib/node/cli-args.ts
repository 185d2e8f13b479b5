/**
 * A small argument parser for `trustwalk` (no dependency): GNU-style `--name value`,
 * `--name=value`, `-h`, `--` to end options, and `-` as an ordinary argument (standard input).
 * Unknown options are refused with the closest known one suggested.
 */
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
  const values = new Map<string, string | boolean | string[]>()
  const positionals: string[] = []
  const where = spec.name ? `trustwalk ${spec.name}` : 'trustwalk'

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (word === '-' || !word.startsWith('-')) {
      positionals.push(word)
      continue
    }
    const eq = word.indexOf('=')
    const written = eq > 0 && word.startsWith('--') ? word.slice(0, eq) : word
    const inline = eq > 0 && word.startsWith('--') ? word.slice(eq + 1) : undefined
    const flag = written.startsWith('--')
      ? flags.find((f) => f.name === written.slice(2))
      : flags.find((f) => f.short !== undefined && f.short === written.slice(1))
    if (!flag) throw unknownOption(written, flags, spec.name, where)

    if (flag.type === 'boolean') {
      if (inline !== undefined) {
        throw new UsageError(`option '--${flag.name}' takes no value.`, spec.name)
      }
      values.set(flag.name, true)
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(
          `option '--${flag.name}' needs a value (${flag.value ?? 'VALUE'}).`,
          spec.name,
        )
      }
      value = next
      i++
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
