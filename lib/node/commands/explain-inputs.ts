/**
 * The inputs of `trustwalk explain`, read from files and flags: the trust policy, the claims (from a
 * claims file or a token), and the account, role and client IDs the user names. Which account and
 * providers STS would look in is decided by `explainClaims` (lib/explain).
 */
import { decodeJwt, extractToken } from '../../aws/oidc/jwt.js'
import { parseRoleArn } from '../../aws/arn.js'
import type { TrustPolicy } from '../../aws/policy/model.js'
import { parseIp } from '../../aws/policy/ip.js'
import { parseTrustPolicy } from '../../aws/policy/parse.js'
import { PolicyDocumentError } from '../../aws/policy/policy-error.js'
import { MalformedTokenError, StsError, TrustwalkError } from '../../core/errors.js'
import { UsageError, type ParsedArgs } from '../cli-args.js'
import type { CliContext } from '../cli-context.js'
import { CLAIMS_INPUT, POLICY_INPUT, TOKEN_INPUT } from '../input-limits.js'
import { tooDeep } from '../json-depth.js'
import { printable } from '../printable.js'
import { readInputFile, readStdin } from '../read-input.js'

export interface ExplainInputs {
  policyFile: string
  policy: TrustPolicy
  claims: Record<string, unknown>
  /** The token, when one was given (`--token`, `--token-file`); absent with `--claims`. */
  token?: string
  /** Where the claims came from, for messages. */
  claimsSource: string
  /** `--account`, when given. */
  accountId?: string
  /** `--role-arn`, when given. */
  roleArn?: string
  /** `--client-id`, possibly none. */
  clientIds: string[]
  /** `--session-name`, when given. */
  roleSessionName?: string
  /** `--source-ip`, when given: `aws:SourceIp`. */
  sourceIp?: string
}

/** An unreadable trust policy (`MalformedPolicyDocument`) or token (`InvalidIdentityToken`). */
function tokenError(message: string): StsError {
  return new StsError('InvalidIdentityToken', message)
}

async function readPolicy(file: string): Promise<TrustPolicy> {
  let text: string
  try {
    text = await readInputFile(file, '--policy', POLICY_INPUT)
  } catch (error) {
    throw new PolicyDocumentError((error as Error).message)
  }
  return parseTrustPolicy(text)
}

/** Exactly one of `--claims`, `--token`, `--token-file`. */
function checkClaimsOptions(args: ParsedArgs): void {
  const given = ['claims', 'token', 'token-file'].filter((f) => args.has(f))
  if (given.length === 1) return
  throw new UsageError(
    given.length === 0
      ? 'give the claims to evaluate: --claims FILE, --token JWT or --token-file FILE.'
      : `give one of --claims, --token and --token-file, not ${given.map((g) => `--${g}`).join(' and ')}.`,
    'explain',
  )
}

async function readClaims(
  args: ParsedArgs,
  cli: CliContext,
): Promise<{ claims: Record<string, unknown>; token?: string; source: string }> {
  const claimsFile = args.string('claims')
  if (claimsFile !== undefined) {
    const text = await readText(claimsFile, '--claims', cli)
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw tokenError(
        `The --claims file ${printable(claimsFile)} is not JSON: expected the token's payload, a JSON object of claims.`,
      )
    }
    // Also accept `trustwalk decode --json` output: {"header": …, "payload": …}.
    if (isObject(value) && isObject(value.payload) && isObject(value.header)) value = value.payload
    if (!isObject(value)) {
      throw tokenError(
        `The --claims file ${printable(claimsFile)} must hold a JSON object of claims.`,
      )
    }
    return { claims: readable(value, 'The --claims file', true), source: claimsFile }
  }
  const tokenArg = args.string('token')
  const tokenFile = args.string('token-file') ?? (tokenArg === '-' ? '-' : undefined)
  const raw = tokenFile !== undefined ? await readText(tokenFile, '--token-file', cli) : tokenArg!
  const token = extractToken(raw)
  try {
    return {
      claims: readable(decodeJwt(token).payload, "The token's payload", false),
      token,
      source: tokenFile === '-' ? 'standard input' : (tokenFile ?? 'the --token argument'),
    }
  } catch (error) {
    if (error instanceof MalformedTokenError) throw tokenError(error.message)
    throw error
  }
}

async function readText(file: string, option: string, cli: CliContext): Promise<string> {
  const limit = option === '--claims' ? CLAIMS_INPUT : TOKEN_INPUT
  // Claims and tokens that cannot be read are STS's InvalidIdentityToken (printed by --json too).
  const text = await (
    file === '-' ? readStdin(cli.stdin, limit) : readInputFile(file, option, limit)
  ).catch((e: TrustwalkError) => {
    throw option === '--claims' || option === '--token-file' || file === '-'
      ? tokenError(e.message)
      : e
  })
  if (text.trim() === '')
    throw tokenError(
      `${file === '-' ? 'Standard input' : `The ${option} file ${printable(file)}`} is empty.`,
    )
  return text
}

/**
 * Read every input of `explain`: the policy, the claims or token, and the flags that name the
 * account and role (checked for form here; `explainClaims` fills in the defaults).
 * Throws `PolicyDocumentError` / `StsError('InvalidIdentityToken')` for unreadable input.
 */
export async function readExplainInputs(args: ParsedArgs, cli: CliContext): Promise<ExplainInputs> {
  const policyFile = args.string('policy')
  if (policyFile === undefined) throw new UsageError('--policy FILE is required.', 'explain')
  checkClaimsOptions(args)
  const policy = await readPolicy(policyFile)
  const { claims, token, source } = await readClaims(args, cli)

  const roleArnArg = args.string('role-arn')
  const parsedRole = roleArnArg === undefined ? undefined : parseRoleArn(roleArnArg)
  if (roleArnArg !== undefined && !parsedRole) {
    throw new UsageError(
      `--role-arn ${roleArnArg} is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME).`,
      'explain',
    )
  }
  const accountArg = args.string('account')
  if (accountArg !== undefined && !/^\d{12}$/.test(accountArg)) {
    throw new UsageError(
      `--account must be twelve digits, not ${JSON.stringify(accountArg)}.`,
      'explain',
    )
  }
  if (parsedRole && accountArg && parsedRole.accountId !== accountArg) {
    throw new UsageError(
      `--role-arn is in account ${parsedRole.accountId}, but --account is ${accountArg}.`,
      'explain',
    )
  }
  const roleSessionName = args.string('session-name')
  const sourceIp = args.string('source-ip')
  if (sourceIp !== undefined && parseIp(sourceIp) === undefined) {
    throw new UsageError(
      `--source-ip must be an IPv4 or IPv6 address, not ${JSON.stringify(sourceIp)}.`,
      'explain',
    )
  }
  return {
    policyFile,
    policy,
    claims,
    ...(token !== undefined && { token }),
    claimsSource: source,
    ...(accountArg && { accountId: accountArg }),
    ...(roleArnArg !== undefined && { roleArn: roleArnArg }),
    clientIds: args.list('client-id'),
    ...(roleSessionName !== undefined && { roleSessionName }),
    ...(sourceIp !== undefined && { sourceIp }),
  }
}

/**
 * Claims the CLI can work with: not nested past `MAX_JSON_DEPTH` and, for `--claims` (evaluated
 * as of their `iat`), an `iat` that is a date: JavaScript dates end at ±8.64e15 ms
 * (ECMA-262 §21.4.1.22), so `iat` 1e21 names no moment to evaluate at.
 */
function readable(
  claims: Record<string, unknown>,
  what: string,
  atIat: boolean,
): Record<string, unknown> {
  const deep = tooDeep(claims, what)
  if (deep) throw tokenError(deep)
  const iat = claims.iat
  if (atIat && typeof iat === 'number' && !(Math.abs(iat * 1000) <= 8.64e15)) {
    throw tokenError(
      `The claims' iat, ${iat}, is not a date (seconds since 1970, within ±8.64e12), so there is no moment to evaluate them at.`,
    )
  }
  return claims
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
