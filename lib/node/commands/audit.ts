/**
 * `trustwalk audit FILE…`: the risks in role trust policies — in a trust policy JSON, `aws iam
 * get-role` output, or CloudFormation/Terraform JSON — each proven, where it is exploitable, by an
 * attacker's run that gets credentials end to end (issuer → STS → trust policy).
 */
import { relative, isAbsolute } from 'node:path'
import { auditToSarif } from '../../audit/sarif.js'
import {
  SEVERITIES,
  severityRank,
  type AuditOptions,
  type AuditResult,
  type Severity,
} from '../../audit/types.js'
import { auditAndProveDocument } from '../../audit/proof.js'
import { UsageError, type CommandSpec, type ParsedArgs } from '../cli-args.js'
import { EXIT, warn, type CliContext, type Command } from '../cli-context.js'
import { cliVersion } from '../cli-version.js'
import { suggest } from '../cli-suggest.js'
import { renderAudit } from './audit-render.js'
import { AUDIT_INPUT } from '../input-limits.js'
import { printable } from '../printable.js'
import { readInputFile, readStdin } from '../read-input.js'

const FORMATS = ['text', 'json', 'sarif'] as const
type Format = (typeof FORMATS)[number]

const spec: CommandSpec = {
  name: 'audit',
  summary: 'find the risks in role trust policies, each proven by an attack that works',
  usage: [
    'audit FILE… [--json | --format text|json|sarif] [--fail-on SEVERITY]',
    '      [--repo OWNER/REPO] [--ref REF] [--environment NAME]',
  ],
  description: [
    'Reads trust policy JSON, `aws iam get-role` (or list-roles) output, CloudFormation JSON templates and Terraform JSON (*.tf.json, terraform show -json); "-" reads standard input. Every finding has a stable id, a severity (critical, high, medium, low, info), its location in the file, and a fix. Where the risk is exploitable, trustwalk builds a workflow run from somewhere else — another owner, repository, branch, fork pull request, recycled name… — and replays it through the GitHub issuer and STS: the finding is proven only if that attacker really gets credentials.',
    'The run the role is meant for is read from the policy; --repo, --ref and --environment state it instead.',
  ],
  flags: [
    {
      name: 'json',
      type: 'boolean',
      help: 'same as --format json: {"findings": [{id, severity, title, location, fix, counterexample?}]}',
    },
    {
      name: 'format',
      type: 'string',
      value: 'FORMAT',
      help: 'text (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning)',
    },
    {
      name: 'fail-on',
      type: 'string',
      value: 'SEVERITY',
      help: 'exit 1 when a finding is at least this severe: critical, high (default), medium, low, info, or none',
    },
    {
      name: 'repo',
      type: 'string',
      value: 'OWNER/REPO',
      help: 'the repository the role is meant for (OWNER/* for all of them)',
    },
    {
      name: 'ref',
      type: 'string',
      value: 'REF',
      help: 'the ref the role is meant for, e.g. refs/heads/main',
    },
    {
      name: 'environment',
      type: 'string',
      value: 'NAME',
      help: 'the deployment environment the role is meant for',
    },
  ],
  positionals: { min: 1, max: Infinity },
  examples: [
    { comment: 'audit a trust policy', command: 'trustwalk audit trust-policy.json' },
    {
      comment: 'a live role',
      command: 'aws iam get-role --role-name deploy > role.json && trustwalk audit role.json',
    },
    {
      comment: 'CloudFormation templates, for GitHub code scanning',
      command: 'trustwalk audit --format sarif --fail-on none templates/*.json > trustwalk.sarif',
    },
    {
      comment: 'only fail the build on critical findings, as JSON',
      command: 'trustwalk audit --json --fail-on critical main.tf.json | jq ".findings[].id"',
    },
  ],
  exitCodes: [
    [0, 'no finding at or above --fail-on (default high)'],
    [1, 'a finding at or above --fail-on'],
    [2, 'a file or policy that cannot be read, no trust policy in any file; usage errors'],
  ],
}

function format(args: ParsedArgs): Format {
  const given = args.string('format')
  if (args.bool('json') && given !== undefined && given !== 'json') {
    throw new UsageError(`--json and --format ${given} contradict each other.`, 'audit')
  }
  const value = given ?? (args.bool('json') ? 'json' : 'text')
  if (!(FORMATS as readonly string[]).includes(value)) {
    const guess = suggest(value, FORMATS)
    throw new UsageError(
      `--format must be text, json or sarif, not '${value}'.${guess ? ` Did you mean '${guess}'?` : ''}`,
      'audit',
    )
  }
  return value as Format
}

function failOn(args: ParsedArgs): Severity | 'none' {
  const value = args.string('fail-on') ?? 'high'
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value))
    return value as Severity | 'none'
  const guess = suggest(value, [...SEVERITIES, 'none'])
  throw new UsageError(
    `--fail-on must be one of ${SEVERITIES.join(', ')} or none, not '${value}'.${guess ? ` Did you mean '${guess}'?` : ''}`,
    'audit',
  )
}

function intended(args: ParsedArgs): AuditOptions['intended'] {
  const repository = args.string('repo')
  if (repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new UsageError(`--repo must be OWNER/REPO (or OWNER/*), not '${repository}'.`, 'audit')
  }
  const ref = args.string('ref')
  if (ref !== undefined && !ref.startsWith('refs/')) {
    throw new UsageError(`--ref must be a full ref such as refs/heads/main, not '${ref}'.`, 'audit')
  }
  const environment = args.string('environment')
  if (repository === undefined && ref === undefined && environment === undefined) return undefined
  return {
    ...(repository && { repository }),
    ...(ref && { ref }),
    ...(environment && { environment }),
  }
}

/** A path as the user's repository knows it: relative to the working directory when inside it. */
function displayName(file: string): string {
  if (file === '-') return 'stdin'
  const rel = relative(process.cwd(), file)
  return printable(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file)
}

async function run(args: ParsedArgs, cli: CliContext): Promise<number> {
  const output = format(args)
  const threshold = failOn(args)
  const options: AuditOptions = {}
  const scope = intended(args)
  if (scope) options.intended = scope
  if (args.positionals.filter((f) => f === '-').length > 1) {
    throw new UsageError('standard input ("-") can be read only once.', 'audit')
  }
  const results: AuditResult[] = []
  const empty: string[] = []
  for (const file of args.positionals) {
    const text =
      file === '-'
        ? await readStdin(cli.stdin, AUDIT_INPUT)
        : await readInputFile(file, 'FILE', AUDIT_INPUT)
    const found = await auditAndProveDocument(text, displayName(file), options)
    if (found.length === 0) empty.push(file)
    results.push(...found)
  }
  for (const file of empty) {
    warn(
      cli,
      'audit',
      `${displayName(file)}: no role trust policy found (trustwalk reads trust policies, aws iam get-role output, CloudFormation JSON and Terraform JSON).`,
    )
  }
  if (results.length === 0) {
    throw new UsageError('no role trust policy found in the files given.', 'audit')
  }

  if (output === 'sarif') {
    cli.out(JSON.stringify(auditToSarif(results, { version: cliVersion() }), null, 2))
  } else if (output === 'json') {
    const findings = results.flatMap((r) =>
      r.findings.map((f) => ({ ...f, file: r.fileName, policy: r.policyName })),
    )
    const policies = results.map((r) => ({
      file: r.fileName,
      policy: r.policyName,
      findings: r.findings.length,
      ...(r.notes ? { notes: r.notes } : {}),
      ...(r.error ? { error: r.error } : {}),
    }))
    cli.out(JSON.stringify({ findings, policies }, null, 2))
  } else {
    cli.out(renderAudit(results, cli.style, threshold).join('\n'))
  }

  for (const r of results.filter((r) => r.error)) {
    cli.err(
      `${cli.errStyle.red('trustwalk audit:')} ${r.fileName}: ${printable(r.policyName)}: ${printable(r.error!.message)}`,
    )
  }
  if (results.some((r) => r.error)) return EXIT.badInput
  const failing =
    threshold !== 'none' &&
    results.some((r) => r.findings.some((f) => severityRank(f.severity) <= severityRank(threshold)))
  return failing ? EXIT.negative : EXIT.ok
}

export const auditCommand: Command = { spec, run }
