/**
 * `trustwalk explain`: why STS says "Not authorized to perform sts:AssumeRoleWithWebIdentity" —
 * or would not. Runs the claims (or a token) through the real AssumeRoleWithWebIdentity against an
 * account built from the inputs, and explains the trust-policy evaluation.
 */
import { createAwsAccount, providerArnFor } from '../../aws/account.js'
import { evaluateTrustPolicy } from '../../aws/policy/evaluate.js'
import type { PolicyEvaluation } from '../../aws/policy/evaluation.js'
import { assumeRoleWithWebIdentity } from '../../aws/sts/assume-role-with-web-identity.js'
import { requestContextFor } from '../../aws/sts/request-context.js'
import { fixedClock, systemClock, type Clock } from '../../core/clock.js'
import { TrustwalkError } from '../../core/errors.js'
import type { Trace } from '../../core/trace.js'
import type { CommandSpec, ParsedArgs } from '../cli-args.js'
import { EXIT, type CliContext, type Command } from '../cli-context.js'
import { tokenForClaims, withoutTokenChecks } from './claims-token.js'
import { readExplainInputs, type ExplainInputs } from './explain-inputs.js'
import { renderEvaluation, whatToChange } from './explain-render.js'
import { keySource, visibleChecks } from './jwks-source.js'
import { isoSeconds } from './time.js'
import { EXPLAINED, renderOutcome, renderStepHeader, renderChecks } from './trace-render.js'

const spec: CommandSpec = {
  name: 'explain',
  summary: 'say why a trust policy allows or denies a token, and what to change',
  usage: [
    'explain --policy FILE (--claims FILE | --token JWT | --token-file FILE) [--jwks FILE|URL]',
    '        [--account ID] [--client-id ID]… [--role-arn ARN] [--session-name NAME] [--json]',
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

interface Explanation {
  inputs: ExplainInputs
  trace: Trace
  evaluation: PolicyEvaluation
  signatureChecked: boolean
  evaluatedAt: Date
}

async function explainInputs(
  inputs: ExplainInputs,
  jwks: string | undefined,
): Promise<Explanation> {
  const account = createAwsAccount({
    accountId: inputs.accountId,
    oidcProviders: inputs.oidcProviders,
    // Explaining an existing role: IAM does not re-check old policies against its GitHub
    // guardrail (FACTS.md §5), so the role is created as one written before it.
    roles: [
      {
        RoleName: inputs.roleName,
        Path: inputs.rolePath,
        AssumeRolePolicyDocument: inputs.policy.source,
        legacyRole: true,
      },
    ],
  })
  const iss = typeof inputs.claims.iss === 'string' ? inputs.claims.iss : ''
  let token: string
  let clock: Clock
  let fetch
  let hide = (trace: Trace) => trace
  if (inputs.token !== undefined) {
    token = inputs.token
    clock = systemClock
    const source = await keySource(jwks, iss)
    fetch = source.fetch
    hide = (trace) => ({
      ...trace,
      steps: trace.steps.map((s) => ({ ...s, checks: visibleChecks(s.checks, source) })),
    })
  } else {
    // Claims from a past run are judged as of the moment they were issued.
    const iat = inputs.claims.iat
    clock = typeof iat === 'number' && Number.isFinite(iat) ? fixedClock(iat * 1000) : systemClock
    const wrapped = await tokenForClaims(inputs.claims)
    token = wrapped.token
    fetch = wrapped.fetch
    hide = (trace) => withoutTokenChecks(trace, inputs.claimsSource)
  }
  const trace = hide(
    await assumeRoleWithWebIdentity(
      account,
      { RoleArn: inputs.roleArn, RoleSessionName: inputs.roleSessionName, WebIdentityToken: token },
      { fetch, clock },
    ),
  )
  // The decision is computed whenever the policy parses, even when an earlier step already fails.
  const conditions = trace.steps.find((s) => s.id === 'conditions')?.data as
    { evaluation?: PolicyEvaluation } | undefined
  const provider = account.findOidcProvider(iss) ?? {
    Url: iss,
    Arn: providerArnFor(inputs.accountId, iss),
  }
  const evaluation =
    conditions?.evaluation ??
    evaluateTrustPolicy(
      inputs.policy,
      requestContextFor(inputs.claims, provider, {
        roleSessionName: inputs.roleSessionName,
        currentTime: clock(),
      }),
    )
  return {
    inputs,
    trace,
    evaluation,
    signatureChecked: inputs.token !== undefined,
    evaluatedAt: clock(),
  }
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
  const { inputs, trace, evaluation } = explanation
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
            accountId: inputs.accountId,
            oidcProviders: inputs.oidcProviders,
            roleArn: inputs.roleArn,
            roleSessionName: inputs.roleSessionName,
          },
          whatToChange: whatToChange(evaluation, trace, { explainOptions: true }),
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
    `${style.bold('Role')}      ${inputs.roleArn}  ${style.dim(`(account from ${inputs.accountFrom})`)}`,
  )
  lines.push(`${style.bold('Policy')}    ${inputs.policyFile}`)
  const when = isoSeconds(e.evaluatedAt.getTime() / 1000)
  lines.push(
    e.signatureChecked
      ? `${style.bold('Token')}     ${inputs.claimsSource}  ${style.dim(`(checked as of now, ${when})`)}`
      : `${style.bold('Claims')}    ${inputs.claimsSource}  ${style.yellow('the signature was NOT checked')} ${style.dim(`(evaluated as of their iat, ${when})`)}`,
  )
  const providers = inputs.oidcProviders.length
    ? inputs.oidcProviders
        .map((p) => `${p.Url} ${style.dim(`(client IDs ${p.ClientIDList.join(', ')})`)}`)
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
  const changes = whatToChange(evaluation, trace, { explainOptions: true })
  if (changes.length) {
    lines.push('', style.bold('What to change:'), ...changes.map((c) => `  • ${c}`))
  }
  return lines
}

export const explainCommand: Command = { spec, run }
