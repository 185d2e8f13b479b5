/**
 * The `trustwalk` commands, in the order `trustwalk --help` lists them. Each is loaded only when
 * it runs, so `trustwalk decode` does not pay for the emulators `serve` starts.
 */
import type { Command } from '../cli-context.js'

const LOADERS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).serveCommand,
  walk: async () => (await import('./walk.js')).walkCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  decode: async () => (await import('./decode.js')).decodeCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  exercise: async () => (await import('./exercise.js')).exerciseCommand,
}

/** Every command name, in help order. */
export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS)

/** The command called `name`, or `undefined` when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]!() : undefined
}

/** Every command, in help order (for `trustwalk --help`). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]!()))
}
