/**
 * `trustwalk serve`: the GitHub issuer and STS on real HTTP on loopback, for a scenario, until
 * SIGINT/SIGTERM — so the AWS CLI, the AWS SDK and `@actions/core` can run the handshake here.
 */
import type { StsCall } from '../../aws/sts/handler.js'
import { SCENARIOS } from '../../handshake/scenarios.js'
import { loadScenarioFile, startEmulators, type RunningEmulators } from '../emulators.js'
import { ISSUER_KINDS } from '../../issuers/index.js'
import type { IssuerScenario } from '../../handshake/scenario.js'
import {
  issuerServeScenario,
  startIssuerEmulators,
  type RunningIssuerEmulators,
} from '../issuer-emulators.js'
import { issuerServeBanner } from './issuer-serve-banner.js'
import { UsageError, type CommandSpec, type ParsedArgs } from '../cli-args.js'
import { EXIT, type CliContext, type Command } from '../cli-context.js'
import { suggest } from '../cli-suggest.js'
import { printable } from '../printable.js'
import { serveBanner } from './serve-banner.js'

const spec: CommandSpec = {
  name: 'serve',
  summary: 'run the GitHub issuer and STS on loopback HTTP, for real clients',
  usage: [
    'serve [SCENARIO | --scenario-file FILE] [--port N] [--json]',
    'serve --issuer NAME [SCENARIO] [--port N] [--json]',
  ],
  description: [
    "Serves the issuer (discovery, JWKS, the runner's token endpoint) and the STS Query API (AssumeRoleWithWebIdentity, GetCallerIdentity) for a scenario — by default happy-path: one account, the GitHub provider pointing at the local issuer, and a role the scenario's run may assume. Prints the URLs and the environment a job needs, then serves until Ctrl-C (SIGINT) or SIGTERM.",
    'The one deviation from AWS: the issuer is plain http://127.0.0.1 (AWS requires an https provider URL), so its condition keys read 127.0.0.1:PORT:sub and so on.',
    "With --issuer NAME (gitlab, circleci, terraform, buildkite, bitbucket) it serves that CI system's issuer instead, at http://127.0.0.1:PORT/<its real issuer>, with one of its scenarios (default its happy path), and prints the environment that platform's job would have.",
  ],
  flags: [
    {
      name: 'scenario-file',
      type: 'string',
      value: 'FILE',
      help: 'serve the scenario in this JSON file (format: trustwalk walk --help)',
    },
    {
      name: 'issuer',
      type: 'string',
      value: 'NAME',
      help: `serve another CI system's issuer: ${ISSUER_KINDS.filter((k) => k !== 'github').join(', ')}`,
    },
    {
      name: 'port',
      type: 'string',
      value: 'N',
      help: 'the issuer listens on port N and STS on N+1 (default: free ports)',
    },
    {
      name: 'json',
      type: 'boolean',
      help: 'print one JSON line once ready: {"issuer", "sts", "roleArn", "env"}',
    },
  ],
  positionals: { min: 0, max: 1 },
  examples: [
    {
      comment: 'start the emulators; the banner shows aws and node commands to try',
      command: 'trustwalk serve',
    },
    {
      comment: 'another scenario, on fixed ports',
      command: 'trustwalk serve environment-subject --port 4010',
    },
    {
      comment: "GitLab's issuer, and the id_tokens variable its job would have",
      command: 'trustwalk serve --issuer gitlab',
    },
    {
      comment: 'for scripts: read the one JSON line',
      command: 'trustwalk serve --json | head -1 | jq -r .env.AWS_ENDPOINT_URL_STS',
    },
  ],
  exitCodes: [
    [0, 'served, then stopped by SIGINT or SIGTERM'],
    [
      2,
      'unknown scenario, unreadable scenario file, a port that is taken or invalid; usage errors',
    ],
  ],
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!/^\d+$/.test(value) || port < 1 || port > 65534) {
    throw new UsageError(
      `--port must be a whole number from 1 to 65534 (STS takes the next one), not ${JSON.stringify(value)}.`,
      'serve',
    )
  }
  return port
}

/**
 * One line on standard error per STS request, so a learner sees what their client did. Everything
 * in it that the request chose (its Action, values quoted in messages) is escaped: a request must
 * not be able to drive the terminal or forge a log line.
 */
function logCall(cli: CliContext, call: StsCall): void {
  const { style } = { style: cli.errStyle }
  const when = new Date().toISOString().slice(11, 19)
  // An Action that is not one word is quoted, so it cannot pass for the fields after it.
  const action = !call.action
    ? '(no Action)'
    : /^\w+$/.test(call.action)
      ? call.action
      : printable(JSON.stringify(call.action))
  if (call.error) {
    const failed = call.trace?.steps.flatMap((s) => s.checks).find((c) => !c.ok)
    cli.err(
      `${style.dim(when)} ${action} ${style.red(`${call.status} ${call.error.code}`)}: ${printable(call.error.message)}${failed ? style.dim(` — ${printable(failed.summary)}`) : ''}`,
    )
  } else {
    const who = call.trace?.outcome.ok
      ? ` ${printable(call.trace.outcome.response.AssumedRoleUser.Arn)}`
      : ''
    cli.err(`${style.dim(when)} ${action} ${style.green(String(call.status))}${who}`)
  }
}

async function run(args: ParsedArgs, cli: CliContext): Promise<number> {
  const name = args.positionals[0]
  const file = args.string('scenario-file')
  if (name !== undefined && file !== undefined) {
    throw new UsageError('give a scenario name or --scenario-file, not both.', 'serve')
  }
  const kind = args.string('issuer')
  if (kind !== undefined && kind !== 'github') return serveIssuer(args, cli, kind)
  if (name !== undefined && !SCENARIOS.some((s) => s.name === name)) {
    const guess = suggest(
      name,
      SCENARIOS.map((s) => s.name),
    )
    throw new UsageError(
      `no scenario named '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} Run 'trustwalk walk --list' to see them.`,
      'serve',
    )
  }
  const port = parsePort(args.string('port'))
  const scenario = file !== undefined ? await loadScenarioFile(file) : name
  const fileKind = (scenario as { issuerKind?: string } | undefined)?.issuerKind
  if (fileKind !== undefined && fileKind !== 'github') {
    return serveIssuerScenario(cli, args, scenario as unknown as IssuerScenario, port)
  }
  const emulators: RunningEmulators = await listening(port, () =>
    startEmulators(scenario, {
      issuerPort: port,
      stsPort: port === undefined ? undefined : port + 1,
      onCall: (call) => logCall(cli, call),
    }),
  )
  const stopped = cli.untilStopped()
  if (args.bool('json')) {
    const { issuer, sts, roleArn, env } = emulators
    cli.out(JSON.stringify({ issuer, sts, roleArn, env }))
  } else {
    cli.out(serveBanner(emulators, cli.style).join('\n'))
  }
  const signal = await stopped
  await emulators.close()
  cli.err(cli.errStyle.dim(`trustwalk serve: ${signal}: stopped.`))
  return EXIT.ok
}

export const serveCommand: Command = { spec, run }

/** `serve --issuer NAME [SCENARIO]`: another CI system's issuer. */
async function serveIssuer(args: ParsedArgs, cli: CliContext, kind: string): Promise<number> {
  if (!(ISSUER_KINDS as readonly string[]).includes(kind)) {
    const guess = suggest(kind, [...ISSUER_KINDS])
    throw new UsageError(
      `no issuer named '${printable(kind)}'.${guess ? ` Did you mean '${guess}'?` : ''} Choose one of ${ISSUER_KINDS.join(', ')}.`,
      'serve',
    )
  }
  if (args.string('scenario-file') !== undefined) {
    throw new UsageError(
      'give --issuer or --scenario-file, not both (a scenario file names its issuer in "issuerKind").',
      'serve',
    )
  }
  let scenario: IssuerScenario
  try {
    scenario = issuerServeScenario(kind, args.positionals[0])
  } catch (error) {
    throw new UsageError(`${(error as Error).message}.`, 'serve')
  }
  return serveIssuerScenario(cli, args, scenario, parsePort(args.string('port')))
}

async function serveIssuerScenario(
  cli: CliContext,
  args: ParsedArgs,
  scenario: IssuerScenario,
  port: number | undefined,
): Promise<number> {
  const emulators: RunningIssuerEmulators = await listening(port, () =>
    startIssuerEmulators(scenario, {
      issuerPort: port,
      stsPort: port === undefined ? undefined : port + 1,
      onCall: (call) => logCall(cli, call),
    }),
  )
  const stopped = cli.untilStopped()
  if (args.bool('json')) {
    const { issuer, sts, roleArn, env, kind } = emulators
    cli.out(JSON.stringify({ issuer, sts, roleArn, env, issuerKind: kind }))
  } else {
    cli.out(issuerServeBanner(emulators, cli.style).join('\n'))
  }
  const signal = await stopped
  await emulators.close()
  cli.err(cli.errStyle.dim(`trustwalk serve: ${signal}: stopped.`))
  return EXIT.ok
}

/** Start servers on `port` and `port + 1`; a port that is taken or forbidden is a usage error. */
async function listening<T>(port: number | undefined, start: () => Promise<T>): Promise<T> {
  try {
    return await start()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UsageError(
        `cannot listen on port ${port} or ${port! + 1}: ${code === 'EADDRINUSE' ? 'already in use' : 'permission denied'}.`,
        'serve',
      )
    }
    throw error
  }
}
