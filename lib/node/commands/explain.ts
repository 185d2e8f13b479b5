/**
 * `trustwalk explain`: why STS says "Not authorized to perform sts:AssumeRoleWithWebIdentity" —
 * or would not. Reads the files and flags, lets `explainClaims` (lib/explain) run the claims or
 * token through the real AssumeRoleWithWebIdentity, and prints what it decided.
 */
import { TrustwalkError } from '../../core/errors.js'
import { explainClaims, type ClaimsExplanation } from '../../explain/explain-claims.js'
import type { CommandSpec, ParsedArgs } from '../cli-args.js'
import { EXIT, type CliContext, type Command } from '../cli-context.js'
import { readExplainInputs, type ExplainInputs } from './explain-inputs.js'
import { renderDiagnoses, renderEvaluation } from './explain-render.js'
import { keySource, visibleChecks } from './jwks-source.js'
import { printable } from '../printable.js'
import { isoSeconds } from './time.js'
import { EXPLAINED, renderOutcome, renderStepHeader, renderChecks } from './trace-render.js'

const spec: CommandSpec = {
  name: 'explain',
  summary: 'say why a trust policy allows or denies a token, and what to change',
  usage: [
    'explain --policy FILE (--claims FILE | --token JWT | --token-file FILE) [--jwks FILE|URL]',
    '        [--account ID] [--client-id ID]… [--role-arn ARN] [--session-name NAME]',
    '        [--source-ip IP] [--json]',
  ],
  description: [
    "Runs AssumeRoleWithWebIdentity as STS would, against an account built from the inputs: the account of --account (default: the policy's first Federated principal), an IAM OIDC provider for each host the policy's Federated principals name (client IDs from --client-id, default sts.amazonaws.com), and the role --role-arn (default ROLE in that account). Prints each check, the trust-policy evaluation with the failing condition, the decision, and what to change.",
    "--claims takes the token's payload (e.g. printed by a failed run, or `trustwalk decode --payload`): it is evaluated as of its iat, and the signature is NOT checked. --token checks everything, the signature by discovery from the token's iss or with --jwks.",
  ],
  flags: [
    { name: 'policy', type: 'string', value: 'FILE', help: "the role's trust policy (JSON)" },
    {
      name: 'claims',
      type: 'string',
      value: 'FILE',
      help: "the token's claims as JSON (the signature is not checked)",
    },
    {
      name: 'token',
      type: 'string',
      value: 'JWT',
      help: 'the token itself ("-" reads standard input)',
    },
    { name: 'token-file', type: 'string', value: 'FILE', help: 'read the token from a file' },
    {
      name: 'jwks',
      type: 'string',
      value: 'FILE|URL',
      help: "check the token's signature with this JWKS instead of discovery",
    },
    {
      name: 'account',
      type: 'string',
      value: 'ID',
      help: 'the twelve-digit account of the role and providers',
    },
    {
      name: 'client-id',
      type: 'list',
      value: 'ID',
      help: 'a client ID (audience) of the IAM OIDC provider; repeatable (default sts.amazonaws.com)',
    },
    {
      name: 'role-arn',
      type: 'string',
      value: 'ARN',
      help: 'the role to assume (default arn:aws:iam::ACCOUNT:role/ROLE)',
    },
    {
      name: 'session-name',
      type: 'string',
      value: 'NAME',
      help: 'RoleSessionName (default GitHubActions, as configure-aws-credentials)',
    },
    {
      name: 'source-ip',
      type: 'string',
      value: 'IP',
      help: 'the address the job called STS from, for aws:SourceIp (default: the key is absent)',
    },
    {
      name: 'json',
      type: 'boolean',
      help: 'print {decision, reason, trace, outcome, …} as one JSON object',
    },
  ],
  positionals: { min: 0, max: 0 },
  examples: [
    {
      comment: 'a push to main: allowed (exit 0)',
      command:
        'trustwalk explain --policy examples/explain/policy.json --claims examples/explain/claims-main.json',
    },
    {
      comment: 'a pull request: denied (exit 1), and why',
      command:
        'trustwalk explain --policy examples/explain/policy.json --claims examples/explain/claims-pr.json',
    },
    {
      comment: 'a real token, signature checked against a saved JWKS',
      command: 'trustwalk explain --policy trust.json --token-file token.jwt --jwks jwks.json',
    },
    {
      comment: 'machine-readable',
      command: 'trustwalk explain --policy trust.json --claims claims.json --json | jq .decision',
    },
  ],
  exitCodes: [
    [0, 'STS would issue credentials: the trust policy allows and every other check passes'],
    [
      1,
      'denied: the trust policy denies, or another check fails (provider, audience, signature, expiry)',
    ],
    [
      2,
      'bad input: the policy (MalformedPolicyDocument) or token/claims (InvalidIdentityToken) cannot be read; usage errors',
    ],
  ],
}

interface Explanation extends ClaimsExplanation {
  inputs: ExplainInputs
}

/** Where the account id came from, for the reader. */
const ACCOUNT_FROM: Record<ClaimsExplanation['accountFrom'], string> = {
  accountId: '--account',
  roleArn: '--role-arn',
  policy: "the policy's first Federated principal",
  placeholder: 'a placeholder: the policy names no OIDC provider ARN',
}

async function explainInputs(
  inputs: ExplainInputs,
  jwks: string | undefined,
): Promise<Explanation> {
  const iss = typeof inputs.claims.iss === 'string' ? inputs.claims.iss : ''
  const source = inputs.token === undefined ? undefined : await keySource(jwks, iss)
  const explanation = await explainClaims({
    policy: inputs.policy,
    claims: inputs.claims,
    ...(inputs.token !== undefined && { token: inputs.token, fetch: source?.fetch }),
    ...(inputs.accountId !== undefined && { accountId: inputs.accountId }),
    ...(inputs.roleArn !== undefined && { roleArn: inputs.roleArn }),
    clientIds: inputs.clientIds,
    ...(inputs.roleSessionName !== undefined && { roleSessionName: inputs.roleSessionName }),
    ...(inputs.sourceIp !== undefined && { sourceIp: inputs.sourceIp }),
    claimsSource: inputs.claimsSource,
    explainOptions: true,
  })
  if (!source) return { ...explanation, inputs }
  // The --jwks discovery is answered locally: its checks describe that, not the issuer.
  const { trace } = explanation
  const steps = trace.steps.map((s) => ({ ...s, checks: visibleChecks(s.checks, source) }))
  return { ...explanation, trace: { ...trace, steps }, inputs }
}

async function run(args: ParsedArgs, cli: CliContext): Promise<number> {
  const json = args.bool('json')
  let explanation: Explanation
  try {
    explanation = await explainInputs(await readExplainInputs(args, cli), args.string('jwks'))
  } catch (error) {
    const code = error instanceof TrustwalkError ? error.code : undefined
    if (json && (code === 'MalformedPolicyDocument' || code === 'InvalidIdentityToken')) {
      cli.out(JSON.stringify({ error: { code, message: (error as Error).message } }, null, 2))
    }
    throw error
  }
  const { trace, evaluation } = explanation
  if (json) {
    cli.out(
      JSON.stringify(
        {
          decision: evaluation.decision,
          reason: evaluation.reason,
          outcome: trace.outcome,
          signatureChecked: explanation.signatureChecked,
          evaluatedAt: isoSeconds(explanation.evaluatedAt.getTime() / 1000),
          account: {
            accountId: explanation.accountId,
            oidcProviders: explanation.oidcProviders,
            roleArn: explanation.roleArn,
            roleSessionName: explanation.roleSessionName,
          },
          whatToChange: explanation.whatToChange,
          // Only when a cause is recognised, so an allowed run's JSON is unchanged.
          ...(explanation.diagnoses.length && { diagnoses: explanation.diagnoses }),
          evaluation,
          trace,
        },
        null,
        2,
      ),
    )
  } else {
    cli.out(render(explanation, cli).join('\n'))
  }
  return trace.outcome.ok ? EXIT.ok : EXIT.negative
}

function render(e: Explanation, cli: CliContext): string[] {
  const { style } = cli
  const { inputs, trace, evaluation } = e
  const lines: string[] = []
  lines.push(
    `${style.bold('Role')}      ${printable(e.roleArn)}  ${style.dim(`(account from ${ACCOUNT_FROM[e.accountFrom]})`)}`,
  )
  // What the user typed or the files hold is printed escaped (printable.ts).
  lines.push(`${style.bold('Policy')}    ${printable(inputs.policyFile)}`)
  const source = printable(inputs.claimsSource)
  const when = isoSeconds(e.evaluatedAt.getTime() / 1000)
  lines.push(
    e.signatureChecked
      ? `${style.bold('Token')}     ${source}  ${style.dim(`(checked as of now, ${when})`)}`
      : `${style.bold('Claims')}    ${source}  ${style.yellow('the signature was NOT checked')} ${style.dim(`(evaluated as of their iat, ${when})`)}`,
  )
  const providers = e.oidcProviders.length
    ? e.oidcProviders
        .map(
          (p) =>
            `${printable(p.Url)} ${style.dim(`(client IDs ${printable(p.ClientIDList.join(', '))})`)}`,
        )
        .join('; ')
    : style.yellow("none: the policy's Federated principals name no OIDC provider in this account")
  lines.push(`${style.bold('Providers')} ${providers}`, '')
  trace.steps.forEach((step, index) => {
    lines.push(renderStepHeader(step, index, style))
    const evaluated = step.id === 'conditions' && step.checks.some((c) => EXPLAINED.has(c.id))
    lines.push(...renderChecks(step.checks, style, '   ', evaluated ? EXPLAINED : undefined))
    if (step.id === 'conditions') {
      if (!evaluated)
        lines.push(style.dim('   STS never got here; this is what the trust policy would decide:'))
      lines.push(...renderEvaluation(evaluation, style, { withDecision: !evaluated }))
    }
  })
  lines.push('', ...renderOutcome(trace, style))
  const allowed = evaluation.decision === 'Allow'
  lines.push(
    `${style.bold('Trust policy:')} ${allowed ? style.green(evaluation.decision) : style.red(evaluation.decision)}`,
  )
  lines.push(...renderDiagnoses(e.diagnoses, style))
  const changes = e.whatToChange
  if (changes.length) {
    lines.push('', style.bold('What to change:'), ...changes.map((c) => `  • ${printable(c)}`))
  }
  return lines
}

export const explainCommand: Command = { spec, run }
