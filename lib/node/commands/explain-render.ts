/**
 * The trust-policy evaluation in a terminal: the engine's own explanation (`explainEvaluation`),
 * coloured so the failing condition stands out, and "what to change" — the engine's hints for the
 * policy plus hints for the checks STS makes before it (provider, audience, keys, expiry).
 */
import type { PolicyEvaluation } from '../../aws/policy/evaluation.js'
import { explainEvaluation } from '../../explain/evaluation-text.js'
import { whatToChange as policyChanges } from '../../explain/what-to-change.js'
import type { Trace } from '../../core/trace.js'
import type { Style } from '../terminal.js'

/**
 * `explainEvaluation` lines, indented and coloured, without its "What to change" section (the
 * caller prints one for the whole handshake) and, with `withDecision: false`, without the decision
 * and reason it starts with (when a check line above already says them).
 *
 * @example
 * renderEvaluation(evaluation, createStyle(process.stdout.isTTY)).join('\n')
 */
export function renderEvaluation(
  evaluation: PolicyEvaluation,
  style: Style,
  options: { withDecision?: boolean; indent?: string } = {},
): string[] {
  const indent = options.indent ?? '   '
  const lines = explainEvaluation(evaluation)
  const out: string[] = []
  let skipping = false
  // The first lines are "Decision: X", (an "Action:" line), the reason, and a blank line.
  const start = options.withDecision === false ? lines.indexOf('') + 1 : 0
  for (const line of lines.slice(start)) {
    if (line === 'What to change:') {
      skipping = true
      continue
    }
    if (skipping) {
      if (line === '') skipping = false
      continue
    }
    out.push(line === '' ? '' : indent + paint(line, style))
  }
  while (out[out.length - 1] === '') out.pop()
  return out
}

function paint(line: string, style: Style): string {
  const decision = /^Decision: (\w+)$/.exec(line)
  if (decision) {
    const value = decision[1]!
    return `${style.bold('Decision:')} ${style.bold(value === 'Allow' ? style.green(value) : style.red(value))}`
  }
  const marked = line.replace(/✓/g, style.green('✓')).replace(/✗/g, style.red('✗'))
  return /^\s*✗ /.test(line) ? style.bold(marked) : marked
}

/**
 * What to change so that STS would issue credentials: a hint for a failure before the trust
 * policy (no provider, audience, keys, expiry, parameters), then the engine's hints for the policy.
 *
 * @example
 * whatToChange(evaluation, trace) // ["The token's sub is \"repo:o/r:pull_request\" but the policy wants …"]
 */
export function whatToChange(
  evaluation: PolicyEvaluation | undefined,
  trace: Trace,
  /** Mention `trustwalk explain` options in the hints. */
  options: { explainOptions?: boolean } = {},
): string[] {
  const flag = (text: string) => (options.explainOptions ? text : '')
  const out: string[] = []
  const { outcome } = trace
  if (!outcome.ok) {
    const { code, message } = outcome.error
    if (message.startsWith('No OpenIDConnect provider found')) {
      out.push(
        `Create an IAM OIDC provider whose URL is exactly the token's iss, and name its ARN in the policy's Principal.Federated (STS: "${message}").`,
      )
    } else if (message === 'Incorrect token audience') {
      out.push(
        `Make the token's aud one of the provider's client IDs: add it to the provider${flag(' (simulate with --client-id)')}, or have the workflow ask for audience sts.amazonaws.com.`,
      )
    } else if (code === 'ExpiredTokenException') {
      out.push(
        `The token has expired (GitHub tokens live 5 minutes, and AWS allows 5 minutes of clock skew): get a fresh one${flag(', or explain its claims with --claims')}.`,
      )
    } else if (message.startsWith("Couldn't retrieve verification key")) {
      out.push(
        `STS could not fetch the issuer's keys, or they do not include the token's kid.${flag(' To check the signature offline, pass --jwks FILE|URL; to check only the policy, use --claims.')}`,
      )
    } else if (code === 'ValidationError') {
      out.push(`Fix the request: ${message}`)
    }
  }
  if (evaluation && evaluation.decision !== 'Allow') out.push(...policyChanges(evaluation))
  return out
}
