/**
 * `trustwalk walk`: run a scenario through the five steps of the handshake, in memory, and print
 * the Trace — one line per check, the failing check explained.
 */
import type { Scenario } from '../../handshake/scenario.js'
import { SCENARIOS, getScenario } from '../../handshake/scenarios.js'
import { ISSUER_SCENARIOS, getIssuerScenario } from '../../handshake/issuer-scenarios.js'
import type { IssuerScenario } from '../../handshake/scenario.js'
import { stepData, type Trace } from '../../core/trace.js'
import { walk } from '../../handshake/walk.js'
import { UsageError, type CommandSpec, type ParsedArgs } from '../cli-args.js'
import { EXIT, type CliContext, type Command } from '../cli-context.js'
import { suggest } from '../cli-suggest.js'
import { loadScenarioFile } from '../emulators.js'
import { printable } from '../printable.js'
import { padEnd } from '../terminal.js'
import { whatToChangeInTrace } from '../../explain/check-advice.js'
import { diagnoseWalk } from '../../explain/diagnoses.js'
import { renderDiagnoses, renderEvaluation } from './explain-render.js'
import { renderTrace } from './trace-render.js'

const spec: CommandSpec = {
  name: 'walk',
  summary: 'walk a scenario through the five steps of the handshake, in memory',
  usage: ['walk [SCENARIO] [--json]', 'walk --scenario-file FILE [--json]', 'walk --list [--json]'],
  description: [
    'A GitHub issuer (with fixed demo keys), an AWS account and a workflow run meet on an in-memory network: the job gets a token, STS runs AssumeRoleWithWebIdentity, and every check is printed. Without a scenario, lists the built-in ones.',
    'A scenario file is the JSON format of lib/handshake/scenario.ts (name, account, run, audience, perturbations…).',
  ],
  flags: [
    {
      name: 'scenario-file',
      type: 'string',
      value: 'FILE',
      help: 'walk the scenario in this JSON file',
    },
    { name: 'list', type: 'boolean', help: 'list the built-in scenarios' },
    {
      name: 'json',
      type: 'boolean',
      help: 'print the Trace (or, with --list, the scenarios) as JSON',
    },
  ],
  positionals: { min: 0, max: 1 },
  examples: [
    { comment: 'the built-in scenarios', command: 'trustwalk walk' },
    { comment: 'a push to main gets credentials', command: 'trustwalk walk happy-path' },
    {
      comment: 'a token for the wrong audience, as JSON',
      command: 'trustwalk walk wrong-audience --json | jq .outcome',
    },
    { comment: 'your own scenario', command: 'trustwalk walk --scenario-file my-scenario.json' },
  ],
  exitCodes: [
    [0, 'the walk ended with credentials (or the scenarios were listed)'],
    [1, 'the handshake failed: STS answered with an error'],
    [2, 'unknown scenario, unreadable scenario file, usage errors'],
  ],
}

async function chooseScenario(args: ParsedArgs): Promise<Scenario | IssuerScenario | undefined> {
  const name = args.positionals[0]
  const file = args.string('scenario-file')
  if (name !== undefined && file !== undefined) {
    throw new UsageError('give a scenario name or --scenario-file, not both.', 'walk')
  }
  if (file !== undefined) return loadScenarioFile(file)
  if (name === undefined) return undefined
  // The other CI systems' scenarios (GitLab, CircleCI, …) are walked by name too.
  if (ISSUER_SCENARIOS.some((s) => s.name === name)) return getIssuerScenario(name)
  if (!SCENARIOS.some((s) => s.name === name)) {
    const guess = suggest(
      name,
      [...SCENARIOS, ...ISSUER_SCENARIOS].map((s) => s.name),
    )
    throw new UsageError(
      `no scenario named '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} Run 'trustwalk walk --list' to see them.`,
      'walk',
    )
  }
  return getScenario(name)
}

function list(cli: CliContext, json: boolean): number {
  if (json) {
    cli.out(
      JSON.stringify(
        [...SCENARIOS, ...ISSUER_SCENARIOS].map((s) => ({
          name: s.name,
          title: s.title,
          description: s.description,
          expect: s.expect,
          ...(s.issuerKind !== undefined && { issuerKind: s.issuerKind }),
        })),
        null,
        2,
      ),
    )
    return EXIT.ok
  }
  const width = Math.max(...SCENARIOS.map((s) => s.name.length)) + 2
  const line = (s: Scenario | IssuerScenario, w: number) => {
    const outcome =
      s.expect?.ok === false
        ? cli.style.red(`✗ ${s.expect.error ?? 'fails'}`)
        : cli.style.green('✓ credentials')
    cli.out(`  ${cli.style.bold(padEnd(s.name, w))}${s.title ?? ''}  ${outcome}`)
  }
  cli.out(cli.style.bold('Scenarios') + cli.style.dim('  (trustwalk walk NAME)'))
  for (const s of SCENARIOS) line(s, width)
  cli.out('')
  cli.out(cli.style.bold('Other CI systems') + cli.style.dim('  (trustwalk walk NAME)'))
  const otherWidth = Math.max(...ISSUER_SCENARIOS.map((s) => s.name.length)) + 2
  for (const s of ISSUER_SCENARIOS) line(s, otherWidth)
  return EXIT.ok
}

async function run(args: ParsedArgs, cli: CliContext): Promise<number> {
  const json = args.bool('json')
  const scenario = args.bool('list') ? undefined : await chooseScenario(args)
  if (scenario === undefined) return list(cli, json)
  const trace = await walk(scenario)
  if (json) {
    cli.out(JSON.stringify(trace, null, 2))
  } else {
    cli.out(render(scenario, trace, cli).join('\n'))
  }
  return trace.outcome.ok ? EXIT.ok : EXIT.negative
}

function render(scenario: Scenario | IssuerScenario, trace: Trace, cli: CliContext): string[] {
  const { style } = cli
  // A scenario file's texts are the user's input: printed escaped (printable.ts).
  const lines = [
    `${style.bold(printable(scenario.name))}${scenario.title ? ` — ${printable(scenario.title)}` : ''}`,
  ]
  if (scenario.description) lines.push(style.dim(printable(scenario.description)))
  lines.push('')
  const conditions = stepData(trace, 'conditions')
  lines.push(
    ...renderTrace(trace, style, (step) =>
      step.id === 'conditions' && conditions?.evaluation
        ? renderEvaluation(conditions.evaluation, style, { withDecision: false })
        : [],
    ),
  )
  lines.push(...renderDiagnoses(diagnoseWalk(trace, scenario), style))
  const changes = trace.outcome.ok ? [] : whatToChangeInTrace(trace, conditions?.evaluation)
  if (changes.length)
    lines.push('', style.bold('What to change:'), ...changes.map((c) => `  • ${printable(c)}`))
  if (scenario.expect) {
    const matches =
      scenario.expect.ok === trace.outcome.ok &&
      (trace.outcome.ok ||
        scenario.expect.error === undefined ||
        scenario.expect.error === trace.outcome.error.code)
    lines.push(
      '',
      style.dim(
        `This scenario is meant to ${scenario.expect.ok ? 'succeed' : `fail${scenario.expect.error ? ` with ${scenario.expect.error}` : ''}`}${matches ? ', and it does.' : '.'}`,
      ),
    )
  }
  return lines
}

export const walkCommand: Command = { spec, run }
