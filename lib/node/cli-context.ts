/**
 * What a `trustwalk` command gets to talk to the world: output streams with their colour style,
 * standard input, and the environment. Commands return their exit status.
 */
import type { CommandSpec, ParsedArgs } from './cli-args.js'
import type { Style } from './terminal.js'
import { printable } from './printable.js'

export interface CliContext {
  /** Write a line of results to standard output. */
  out(text: string): void
  /** Write a line of diagnostics to standard error. */
  err(text: string): void
  /** Colour for standard output (identity when colour is off). */
  style: Style
  /** Colour for standard error. */
  errStyle: Style
  env: Record<string, string | undefined>
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM); used by `serve`. Until it
   * is called, those signals keep their default effect (the process ends). */
  untilStopped(): Promise<string>
}

/** One `trustwalk` subcommand. */
export interface Command {
  spec: CommandSpec
  /** Run with parsed arguments; resolve to the exit status. Throw `UsageError` or a
   * `TrustwalkError` for bad input (exit 2). */
  run(args: ParsedArgs, cli: CliContext): Promise<number>
}

/** Exit statuses (documented in `trustwalk --help`). */
export const EXIT = { ok: 0, negative: 1, badInput: 2, internal: 3 } as const

/** Print a warning on standard error, prefixed like every diagnostic, kept to one line. */
export function warn(cli: CliContext, command: string, message: string): void {
  cli.err(`${cli.errStyle.yellow(`trustwalk ${command}: warning:`)} ${printable(message)}`)
}
