/**
 * `trustwalk exercise`: the workshop in a terminal. `list` the exercises, `show` one (its brief,
 * starting file, hints or solution), and `check` a file against its hidden checks — the same
 * checks, on the same engine, as the site's "Check my answer".
 */
import {
  exerciseNumber,
  findExercise,
  type CheckReport,
  type Exercise,
} from '../../workshop/index.js'
import { UsageError, type CommandSpec, type ParsedArgs } from '../cli-args.js'
import { EXIT, type CliContext, type Command } from '../cli-context.js'
import { padEnd } from '../terminal.js'
import { loadExercises } from '../exercise-folders.js'
import { DOCUMENT_INPUT } from '../input-limits.js'
import { readInputFile, readStdin } from '../read-input.js'

const spec: CommandSpec = {
  name: 'exercise',
  summary: 'workshop exercises: list them, show one, check your answer',
  usage: [
    'exercise list [--json]',
    'exercise show N [--start | --solution | --hints]',
    'exercise check N FILE [--json]',
  ],
  description: [
    'N is the exercise number (1, 2, …) or its id (only-main). Each exercise gives you a starting file to edit; `check` runs its hidden checks with the real engine: legitimate workflow runs must be allowed, the listed attacker runs denied, and AWS’s CreateRole guardrail must pass. examples/workshop/README.md describes a 90-minute session.',
  ],
  flags: [
    {
      name: 'start',
      type: 'boolean',
      help: 'show: print only the starting file (redirect it to a file)',
    },
    { name: 'solution', type: 'boolean', help: 'show: print only the solution' },
    { name: 'hints', type: 'boolean', help: 'show: print only the hints' },
    { name: 'json', type: 'boolean', help: 'list/check: print JSON' },
  ],
  positionals: { min: 1, max: 3 },
  examples: [
    { comment: 'the exercises', command: 'trustwalk exercise list' },
    { comment: 'read exercise 2', command: 'trustwalk exercise show 2' },
    {
      comment: 'start it',
      command: 'trustwalk exercise show 2 --start > trust-policy.json',
    },
    { comment: 'check your answer', command: 'trustwalk exercise check 2 trust-policy.json' },
  ],
  exitCodes: [
    [0, 'listed or shown; with check: every check passed'],
    [1, 'check: at least one check failed'],
    [2, 'unknown exercise, unreadable file, usage errors'],
  ],
}

/** The exercises, read from their folders (examples/workshop/ in this package) on first use. */
const allExercises = () => loadExercises()
const numberOf = (exercise: Exercise) => exerciseNumber(exercise, allExercises())

function exerciseFrom(ref: string | undefined): Exercise {
  if (ref === undefined) throw new UsageError('which exercise? Give its number or id.', 'exercise')
  const exercise = findExercise(ref, allExercises())
  if (!exercise) {
    throw new UsageError(
      `no exercise '${ref}': choose 1–${allExercises().length} or an id ('trustwalk exercise list').`,
      'exercise',
    )
  }
  return exercise
}

function list(cli: CliContext, json: boolean): number {
  const all = allExercises()
  if (json) {
    const rows = all.map((e) => ({
      number: numberOf(e),
      id: e.id,
      title: e.title,
      level: e.level,
      minutes: e.minutes,
      fileName: e.fileName,
    }))
    cli.out(JSON.stringify(rows, null, 2))
    return EXIT.ok
  }
  const { style } = cli
  const width = Math.max(...all.map((e) => e.id.length)) + 2
  cli.out(style.bold('Workshop exercises') + style.dim('  (trustwalk exercise show N)'))
  for (const e of all) {
    const n = String(numberOf(e)).padStart(2)
    cli.out(`  ${n}. ${style.bold(padEnd(e.id, width))}${padEnd(e.level, 10)}${e.title}`)
  }
  return EXIT.ok
}

async function show(exercise: Exercise, args: ParsedArgs, cli: CliContext): Promise<number> {
  const only = ['start', 'solution', 'hints'].filter((f) => args.bool(f))
  if (only.length > 1) {
    throw new UsageError(`choose one of --start, --solution and --hints.`, 'exercise')
  }
  if (only[0] === 'start') return write(cli, exercise.start)
  if (only[0] === 'solution') return write(cli, exercise.solution)
  const { style } = cli
  const hints = exercise.hints.map((h, i) => `  ${i + 1}. ${h}`)
  if (only[0] === 'hints') {
    cli.out(hints.join('\n'))
    return EXIT.ok
  }
  const n = numberOf(exercise)
  const lines = [
    style.bold(`Exercise ${n} · ${exercise.title}`) +
      style.dim(`  (${exercise.level}, about ${exercise.minutes} min)`),
    '',
    ...exercise.brief.flatMap((p) => [p, '']),
  ]
  const material = await exercise.material?.()
  if (material) lines.push(style.bold(`${material.label}:`), material.text, '')
  lines.push(
    style.bold(`Your file, ${exercise.fileName}, starts as:`),
    exercise.start.trimEnd(),
    '',
    style.dim(`Save it:   trustwalk exercise show ${n} --start > ${exercise.fileName}`),
    style.dim(`Check it:  trustwalk exercise check ${n} ${exercise.fileName}`),
    style.dim(`Stuck?     trustwalk exercise show ${n} --hints`),
  )
  cli.out(lines.join('\n'))
  return EXIT.ok
}

function write(cli: CliContext, text: string): number {
  cli.out(text.trimEnd())
  return EXIT.ok
}

async function readAnswer(file: string | undefined, cli: CliContext): Promise<string> {
  if (file === undefined)
    throw new UsageError('check which file? trustwalk exercise check N FILE', 'exercise')
  if (file === '-') return readStdin(cli.stdin, DOCUMENT_INPUT)
  return readInputFile(file, 'FILE', DOCUMENT_INPUT)
}

function renderReport(exercise: Exercise, file: string, result: CheckReport, cli: CliContext) {
  const { style } = cli
  const n = numberOf(exercise)
  const lines = [
    style.bold(`Exercise ${n} · ${exercise.title}`) + style.dim(`  — checking ${file}`),
    '',
  ]
  for (const check of result.checks) {
    lines.push(`  ${check.ok ? style.green('✓') : style.red('✗')} ${check.label}`)
    if (!check.ok) lines.push(style.dim(`      ${check.detail}`))
  }
  const passed = result.checks.filter((c) => c.ok).length
  lines.push('')
  lines.push(
    result.ok
      ? style.green(`All ${passed} checks pass. Well done!`)
      : `${passed} of ${result.checks.length} checks pass. ${style.dim(`Hints: trustwalk exercise show ${n} --hints`)}`,
  )
  return lines.join('\n')
}

async function run(args: ParsedArgs, cli: CliContext): Promise<number> {
  const [action, ref, file, ...rest] = args.positionals
  const json = args.bool('json')
  switch (action) {
    case 'list':
      if (ref !== undefined) throw new UsageError("'list' takes no arguments.", 'exercise')
      return list(cli, json)
    case 'show':
      if (file !== undefined) throw new UsageError("'show' takes one exercise.", 'exercise')
      return show(exerciseFrom(ref), args, cli)
    case 'check': {
      if (rest.length) throw new UsageError("'check' takes an exercise and a file.", 'exercise')
      const exercise = exerciseFrom(ref)
      const result = await exercise.check(await readAnswer(file, cli))
      if (json) cli.out(JSON.stringify({ exercise: exercise.id, ...result }, null, 2))
      else cli.out(renderReport(exercise, file ?? '-', result, cli))
      return result.ok ? EXIT.ok : EXIT.negative
    }
    default:
      throw new UsageError(`unknown action '${action ?? ''}': use list, show or check.`, 'exercise')
  }
}

export const exerciseCommand: Command = { spec, run }
