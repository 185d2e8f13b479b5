/**
 * The `trustwalk` commands, in the order `trustwalk --help` lists them.
 */
import type { Command } from '../cli-context.js'
import { decodeCommand } from './decode.js'

export const COMMANDS: Command[] = [decodeCommand]
