/**
 * The `trustwalk` dispatcher: global options, the command word, `--help`, and the mapping from
 * errors to exit statuses. `cli.ts` is the executable wrapper around `main`.
 */
import { TrustwalkError } from '../core/errors.js'
import { parseArgs, UsageError } from './cli-args.js'
import { EXIT, type CliContext, type Command } from './cli-context.js'
import { commandHelp, topLevelHelp } from './cli-help.js'
import { suggest } from './cli-suggest.js'
import { COMMAND_NAMES, loadCommand, loadCommands } from './commands/index.js'
import { colorEnabled, createStyle } from './terminal.js'
import { cliVersion } from './cli-version.js'
import { printable, terminalSafe } from './printable.js'

/** Streams and environment the CLI runs against (the real process by default). */
export interface CliProcess {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  env: Record<string, string | undefined>
  untilStopped(): Promise<string>
}

/**
 * Run `trustwalk` with the words after the program name; resolves to the exit status.
 *
 * @example
 * process.exitCode = await main(['decode', '--help'], processStreams())
 */
export async function main(argv: readonly string[], proc: CliProcess): Promise<number> {
  const leading: string[] = []
  let i = 0
  while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-') leading.push(argv[i++]!)
  const noColor = argv.includes('--no-color')
  const context = makeContext(proc, noColor)
  const name = argv[i]
  let commandName = ''

  try {
    for (const flag of leading) {
      if (flag === '--version' || flag === '-V') {
        context.out(cliVersion())
        return EXIT.ok
      }
      if (flag === '--help' || flag === '-h') {
        context.out(await topLevel(context.style))
        return EXIT.ok
      }
      if (flag !== '--no-color') {
        const guess = suggest(flag, ['--help', '--version', '--no-color'])
        throw new UsageError(`unknown option '${flag}'.${guess ? ` Did you mean '${guess}'?` : ''}`)
      }
    }
    if (name === undefined) {
      context.err(await topLevel(context.errStyle))
      context.err('')
      throw new UsageError('no command given.')
    }
    if (name === 'help') return await help(argv[i + 1], context)
    const command = await loadCommand(name)
    if (!command) {
      const guess = suggest(name, [...COMMAND_NAMES, 'help'])
      throw new UsageError(
        `unknown command '${name}'.${guess ? ` Did you mean 'trustwalk ${guess}'?` : ''}`,
      )
    }
    commandName = name
    const args = parseArgs(argv.slice(i + 1), command.spec)
    if (args.bool('help')) {
      context.out(commandHelp(command.spec, context.style))
      return EXIT.ok
    }
    return await command.run(args, context)
  } catch (error) {
    return report(error, commandName, context)
  }
}

/** `trustwalk --help`, with every command's summary. */
async function topLevel(style: CliContext['style']): Promise<string> {
  const commands = await loadCommands()
  return topLevelHelp(
    commands.map((c) => c.spec),
    cliVersion(),
    style,
  )
}

/** `trustwalk help [COMMAND]`. */
async function help(topic: string | undefined, context: CliContext): Promise<number> {
  if (topic === undefined) {
    context.out(await topLevel(context.style))
    return EXIT.ok
  }
  const command = await loadCommand(topic)
  if (!command) {
    const guess = suggest(topic, COMMAND_NAMES)
    throw new UsageError(
      `no help for '${topic}': not a command.${guess ? ` Did you mean '${guess}'?` : ''}`,
    )
  }
  context.out(commandHelp(command.spec, context.style))
  return EXIT.ok
}

/** Turn an error into one line on standard error and an exit status. */
function report(error: unknown, commandName: string, context: CliContext): number {
  const prefix = context.errStyle.red(commandName ? `trustwalk ${commandName}:` : 'trustwalk:')
  // Messages quote what the user gave (file names, values): escaped, so they stay one line.
  if (error instanceof UsageError) {
    context.err(`${prefix} ${printable(error.message)}`)
    const where = error.command ? `trustwalk ${error.command} --help` : 'trustwalk --help'
    context.err(context.errStyle.dim(`Run '${where}' for usage.`))
    return EXIT.badInput
  }
  if (error instanceof TrustwalkError) {
    context.err(`${prefix} ${printable(error.message)}`)
    return EXIT.badInput
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  context.err(`${prefix} internal error (a bug in trustwalk; please report it): ${detail}`)
  return EXIT.internal
}

function makeContext(proc: CliProcess, noColorFlag: boolean): CliContext {
  // The last line of defence against input that would drive the terminal (printable.ts).
  const write = (stream: NodeJS.WritableStream) => (text: string) => {
    stream.write(terminalSafe(`${text}\n`))
  }
  return {
    out: write(proc.stdout),
    err: write(proc.stderr),
    style: createStyle(colorEnabled({ isTTY: proc.stdout.isTTY, env: proc.env, noColorFlag })),
    errStyle: createStyle(colorEnabled({ isTTY: proc.stderr.isTTY, env: proc.env, noColorFlag })),
    env: proc.env,
    stdin: proc.stdin,
    untilStopped: proc.untilStopped,
  }
}

/** The real process: its streams, environment, and a way to wait for SIGINT/SIGTERM. */
export function processStreams(): CliProcess {
  // `trustwalk decode --json | head -1` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  const untilStopped = () =>
    new Promise<string>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const)
        process.once(signal, () => resolve(signal))
    })
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    untilStopped,
  }
}
