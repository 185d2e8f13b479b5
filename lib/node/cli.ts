#!/usr/bin/env node
/**
 * `trustwalk`, the command-line tool: `serve`, `walk`, `explain`, `decode`, `audit`.
 * Run `trustwalk --help` for the commands and exit statuses.
 */
import { main, processStreams } from './cli-main.js'

process.exitCode = await main(process.argv.slice(2), processStreams())
