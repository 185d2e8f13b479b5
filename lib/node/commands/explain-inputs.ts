/**
 * The inputs of `trustwalk explain`, read and turned into the account STS would look in:
 * the trust policy, the claims (from a claims file or a token), the IAM OIDC providers the
 * policy's `Federated` principals name, and the role.
 */
import { decodeJwt, extractToken } from '../../aws/oidc/jwt.js'
import { parseArn, parseRoleArn, roleArn as formatRoleArn } from '../../aws/arn.js'
import type { OidcProviderInput } from '../../aws/account.js'
import type { TrustPolicy } from '../../aws/policy/model.js'
import { parseTrustPolicy } from '../../aws/policy/parse.js'
import { PolicyDocumentError } from '../../aws/policy/policy-error.js'
import { MalformedTokenError, StsError, TrustwalkError } from '../../core/errors.js'
import { UsageError, type ParsedArgs } from '../cli-args.js'
import type { CliContext } from '../cli-context.js'
import { readInputFile, readStdin } from './token-input.js'

export interface ExplainInputs {
  policyFile: string
  policy: TrustPolicy
  claims: Record<string, unknown>
  /** The token, when one was given (`--token`, `--token-file`); absent with `--claims`. */
  token?: string
  /** Where the claims came from, for messages. */
  claimsSource: string
  accountId: string
  /** Where the account id came from, for the reader. */
  accountFrom: string
  oidcProviders: OidcProviderInput[]
  roleArn: string
  roleName: string
  rolePath: string
  roleSessionName: string
}

/** Default audience: what aws-actions/configure-aws-credentials asks GitHub for (FACTS.md §2). */
export const DEFAULT_CLIENT_ID = 'sts.amazonaws.com'
/** Default session name, as aws-actions/configure-aws-credentials uses (FACTS.md §2). */
export const DEFAULT_SESSION_NAME = 'GitHubActions'
const FALLBACK_ACCOUNT = '123456789012'
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/

/** An unreadable trust policy (`MalformedPolicyDocument`) or token (`InvalidIdentityToken`). */
function tokenError(message: string): StsError {
  return new StsError('InvalidIdentityToken', message)
}

async function readPolicy(file: string): Promise<TrustPolicy> {
  let text: string
  try {
    text = await readInputFile(file, '--policy')
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
        `The --claims file ${claimsFile} is not JSON: expected the token's payload, a JSON object of claims.`,
      )
    }
    // Also accept `trustwalk decode --json` output: {"header": …, "payload": …}.
    if (isObject(value) && isObject(value.payload) && isObject(value.header)) value = value.payload
    if (!isObject(value)) {
      throw tokenError(`The --claims file ${claimsFile} must hold a JSON object of claims.`)
    }
    return { claims: value, source: claimsFile }
  }
  const tokenArg = args.string('token')
  const tokenFile = args.string('token-file') ?? (tokenArg === '-' ? '-' : undefined)
  const raw = tokenFile !== undefined ? await readText(tokenFile, '--token-file', cli) : tokenArg!
  const token = extractToken(raw)
  try {
    return {
      claims: decodeJwt(token).payload,
      token,
      source: tokenFile === '-' ? 'standard input' : (tokenFile ?? 'the --token argument'),
    }
  } catch (error) {
    if (error instanceof MalformedTokenError) throw tokenError(error.message)
    throw error
  }
}

async function readText(file: string, option: string, cli: CliContext): Promise<string> {
  const text =
    file === '-'
      ? await readStdin(cli.stdin)
      : await readInputFile(file, option).catch((e: TrustwalkError) => {
          throw option === '--claims' || option === '--token-file' ? tokenError(e.message) : e
        })
  if (text.trim() === '')
    throw tokenError(`${file === '-' ? 'Standard input' : `The ${option} file ${file}`} is empty.`)
  return text
}

/** `arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]` → account and provider URL. */
function oidcPrincipal(arn: string): { accountId: string; url: string } | undefined {
  const parsed = parseArn(arn)
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('oidc-provider/'))
    return undefined
  const hostPath = parsed.resource.slice('oidc-provider/'.length)
  if (!/^\d{12}$/.test(parsed.accountId) || hostPath === '' || hostPath.includes('*'))
    return undefined
  // The local emulators' issuer is plain http on loopback (trustwalk's one deviation from AWS).
  return {
    accountId: parsed.accountId,
    url: `${LOOPBACK.test(hostPath) ? 'http' : 'https'}://${hostPath}`,
  }
}

/**
 * Read every input of `explain` and build the account: `--account` (else the role ARN's account,
 * else the account of the policy's first `Federated` OIDC principal), one IAM OIDC provider per
 * `Federated` principal in that account (client IDs from `--client-id`, default
 * `sts.amazonaws.com`), and the role `--role-arn` (default `ROLE` in that account).
 * Throws `PolicyDocumentError` / `StsError('InvalidIdentityToken')` for unreadable input.
 */
export async function readExplainInputs(args: ParsedArgs, cli: CliContext): Promise<ExplainInputs> {
  const policyFile = args.string('policy')
  if (policyFile === undefined) throw new UsageError('--policy FILE is required.', 'explain')
  checkClaimsOptions(args)
  const policy = await readPolicy(policyFile)
  const { claims, token, source } = await readClaims(args, cli)

  const principals = policy.statements.flatMap((s) =>
    s.principal.entries
      .filter((e) => e.type === 'Federated')
      .flatMap((e) => e.values.map((v) => v.value)),
  )
  const oidc = principals.map(oidcPrincipal).filter((p) => p !== undefined)
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
  const [accountId, accountFrom] = accountArg
    ? [accountArg, '--account']
    : parsedRole
      ? [parsedRole.accountId, '--role-arn']
      : oidc[0]
        ? [oidc[0].accountId, "the policy's first Federated principal"]
        : [FALLBACK_ACCOUNT, 'a placeholder: the policy names no OIDC provider ARN']
  if (parsedRole && parsedRole.accountId !== accountId) {
    throw new UsageError(
      `--role-arn is in account ${parsedRole.accountId}, but --account is ${accountId}.`,
      'explain',
    )
  }
  const clientIds = args.list('client-id')
  const urls = [...new Set(oidc.filter((p) => p.accountId === accountId).map((p) => p.url))]
  const roleName = parsedRole?.roleName ?? 'ROLE'
  const rolePath = parsedRole?.path ?? '/'
  return {
    policyFile,
    policy,
    claims,
    ...(token !== undefined && { token }),
    claimsSource: source,
    accountId,
    accountFrom,
    oidcProviders: urls.map((Url) => ({
      Url,
      ClientIDList: clientIds.length ? clientIds : [DEFAULT_CLIENT_ID],
    })),
    roleArn: roleArnArg ?? formatRoleArn(accountId, roleName, rolePath),
    roleName,
    rolePath,
    roleSessionName: args.string('session-name') ?? DEFAULT_SESSION_NAME,
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
