/**
 * `trustwalk decode`: a GitHub-aware JWT inspector. Reads a token from an argument, standard input
 * or a file; shows what it says and what AWS can see of it; optionally verifies its signature.
 * A token is a credential: it is never written anywhere, and sent nowhere (`--verify` only fetches
 * the issuer's public keys).
 */
import { oidcProviderArn } from '../../aws/arn.js'
import { verifyWebIdentityToken, type TokenVerification } from '../../aws/oidc/verify.js'
import { systemClock } from '../../core/clock.js'
import type { Check } from '../../core/trace.js'
import { ISSUERS, issuerKindForUrl } from '../../issuers/index.js'
import { UsageError, type CommandSpec } from '../cli-args.js'
import { printable } from '../printable.js'
import { EXIT, warn, type CliContext, type Command } from '../cli-context.js'
import { conditionKeysForClaims } from './condition-keys.js'
import { renderDecoded } from './decode-render.js'
import { keySource, visibleChecks } from './jwks-source.js'
import { humanDuration } from './time.js'
import { readDecodedToken } from './token-input.js'
import { renderChecks } from './trace-render.js'

/** The platforms whose issuers `--verify` fetches from unasked, for messages. */
const KNOWN_PLATFORMS = ISSUERS.map((p) => p.name).join(', ')

/** The local emulators' issuer: `trustwalk serve` serves it over http on loopback, no path. */
const LOCAL_EMULATOR = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/

const spec: CommandSpec = {
  name: 'decode',
  summary: 'show what a GitHub Actions OIDC token says, and which claims AWS can see',
  usage: [
    'decode [TOKEN | -] [--json | --header | --payload] [--verify [--jwks FILE|URL | --issuer URL]]',
    'decode --file PATH [options]',
  ],
  description: [
    'The token comes from the argument, from standard input ("-" or a pipe), or from --file. A bare JWT, "Bearer <jwt>" and the {"value": "<jwt>"} body of GitHub\'s token endpoint are all accepted.',
    'Claims marked ◆ become trust-policy condition keys in AWS; the others are invisible to IAM. The token is never written anywhere, and never sent.',
    `--verify fetches the discovery document at the token's iss (ISS/.well-known/openid-configuration) and the JWKS it names, and only from an issuer trustwalk knows: ${KNOWN_PLATFORMS} or a local trustwalk serve (http on loopback). The iss of an unverified token is anyone's to write, so another issuer is fetched only when named with --issuer URL; --jwks FILE|URL fetches nothing but its URL.`,
  ],
  flags: [
    { name: 'file', type: 'string', value: 'PATH', help: 'read the token from a file' },
    { name: 'json', type: 'boolean', help: 'print {"header": …, "payload": …} as JSON' },
    { name: 'header', type: 'boolean', help: 'print only the header, as JSON' },
    { name: 'payload', type: 'boolean', help: 'print only the payload (the claims), as JSON' },
    {
      name: 'verify',
      type: 'boolean',
      help: "check the signature and times, with keys found by discovery from the token's iss",
    },
    {
      name: 'jwks',
      type: 'string',
      value: 'FILE|URL',
      help: 'verify with this JWKS instead of discovery (implies --verify)',
    },
    {
      name: 'issuer',
      type: 'string',
      value: 'URL',
      help: "fetch discovery and keys from this issuer, which must be the token's iss, even one trustwalk does not know (implies --verify)",
    },
  ],
  positionals: { min: 0, max: 1 },
  examples: [
    { comment: 'decode a token you pasted', command: 'trustwalk decode eyJhbGciOiJSUzI1NiIs…' },
    {
      comment: "decode the runner token endpoint's answer straight from curl",
      command:
        'curl -sH "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | trustwalk decode',
    },
    {
      comment: 'just the claims, for jq',
      command: 'trustwalk decode --payload --file token.jwt | jq -r .sub',
    },
    {
      comment: 'verify against a running `trustwalk serve` (discovery from iss)',
      command: 'trustwalk decode --verify --file token.jwt',
    },
    {
      comment: 'verify against a saved JWKS',
      command: 'trustwalk decode --jwks jwks.json --file token.jwt',
    },
    {
      comment:
        'verify a token from your GitHub Enterprise Server (an issuer trustwalk does not know)',
      command:
        'trustwalk decode --issuer https://ghes.example.com/_services/token --file token.jwt',
    },
  ],
  exitCodes: [
    [0, 'decoded (and, with --verify, verified)'],
    [1, 'with --verify: a check failed (signature, key, times…)'],
    [2, 'bad input: not a JWT, bad base64url, non-JSON parts, a JWE, empty input; usage errors'],
  ],
}

async function run(args: import('../cli-args.js').ParsedArgs, cli: CliContext): Promise<number> {
  const modes = ['json', 'header', 'payload'].filter((m) => args.bool(m))
  if (modes.length > 1) {
    throw new UsageError(
      `choose one of --json, --header and --payload, not ${modes.map((m) => `--${m}`).join(' and ')}.`,
      'decode',
    )
  }
  const { token, decoded } = await readDecodedToken(cli, {
    argument: args.positionals[0],
    file: args.string('file'),
    command: 'decode',
  })
  const clock = systemClock
  const now = Math.floor(clock().getTime() / 1000)
  const { header, payload } = decoded
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined

  let verification: TokenVerification | undefined
  let checks: Check[] = []
  if (args.bool('verify') || args.has('jwks') || args.has('issuer')) {
    if (iss === undefined) {
      checks = [
        {
          id: 'issue.claims',
          ok: false,
          summary: 'The payload has no string "iss": there is no issuer to find keys for.',
        },
      ]
    } else {
      if (!args.has('jwks')) allowedIssuer(iss, args.string('issuer'))
      const source = await keySource(args.string('jwks'), iss)
      // decode knows no AWS account: a provider that trusts exactly this iss and aud, so the checks
      // that remain are the token's own (keys, signature, times). `trustwalk explain` checks an account.
      const aud = typeof payload.aud === 'string' ? [payload.aud] : []
      verification = await verifyWebIdentityToken(token, {
        providers: [{ Url: iss, ClientIDList: aud, Arn: oidcProviderArn('000000000000', iss) }],
        fetch: source.fetch,
        clock,
      })
      checks = visibleChecks(verification.checks, source).filter(
        (c) =>
          !(c.ok && (c.id === 'verify.provider-for-iss' || c.id === 'verify.aud-in-client-ids')),
      )
    }
  }
  const verified = checks.length > 0 && checks.every((c) => c.ok)

  if (modes.length === 1) {
    const mode = modes[0]
    const value =
      mode === 'header'
        ? header
        : mode === 'payload'
          ? payload
          : {
              header,
              payload,
              ...(checks.length
                ? {
                    verification: {
                      ok: verified,
                      checks,
                      ...(verification?.error ? { error: verification.error.toJSON() } : {}),
                    },
                  }
                : {}),
            }
    cli.out(JSON.stringify(value, null, 2))
  } else {
    const conditionKeys = conditionKeysForClaims(payload)
    cli.out(
      renderDecoded(decoded, cli.style, {
        now,
        conditionKeyFor: (claim) => conditionKeys.get(claim),
      }).join('\n'),
    )
    if (checks.length > 0) {
      cli.out('')
      cli.out(
        cli.style.bold('Verification') +
          cli.style.dim('  the checks STS makes on the token itself'),
      )
      cli.out(renderChecks(checks, cli.style).join('\n'))
      const error = verification?.error
      cli.out(
        verified
          ? cli.style.green('✓ The signature and times check out.')
          : cli.style.red(
              `✗ STS would refuse this token${error ? `: ${error.code}: ${error.message}` : '.'}`,
            ),
      )
    } else {
      cli.out(cli.style.dim('The signature was not checked (add --verify).'))
    }
  }
  warnIfLive(cli, payload, now)
  return checks.length > 0 && !verified ? EXIT.negative : EXIT.ok
}

/**
 * Whether `--verify` may fetch from the token's `iss`: a token's claims are unverified, so its
 * `iss` could point the fetch anywhere (an internal host, a port on this machine). Only the
 * issuers trustwalk knows — those of the issuer registry (lib/issuers, `issuerKindForUrl`, the
 * one list of them) and a local `trustwalk serve` — are fetched unasked; any other must be named
 * with `--issuer`.
 */
function allowedIssuer(iss: string, named: string | undefined): void {
  const shown = printable(iss)
  if (named !== undefined) {
    if (named !== iss) {
      throw new UsageError(
        `--issuer ${printable(named)} is not the token's iss, ${shown}: give the iss exactly (the match is exact, as IAM's).`,
        'decode',
      )
    }
    return
  }
  if (issuerKindForUrl(iss) === undefined && !LOCAL_EMULATOR.test(iss)) {
    throw new UsageError(
      `the token's iss, ${shown}, is not an issuer trustwalk knows (${KNOWN_PLATFORMS} or a local trustwalk serve), so its keys are not fetched: name it with --issuer ${shown} to fetch them, or give --jwks FILE|URL.`,
      'decode',
    )
  }
}

/** A live token is a credential someone could use: say so, on standard error. */
function warnIfLive(cli: CliContext, payload: Record<string, unknown>, now: number): void {
  const exp = payload.exp
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return
  // IAM accepts a token up to 5 minutes after exp
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html).
  const skew = 300
  if (exp > now) {
    warn(
      cli,
      'decode',
      `this token is still live for ${humanDuration(exp - now)} (AWS accepts it 5 min longer): treat it as a password and do not paste it into tickets, chats or websites.`,
    )
  } else if (exp + skew > now) {
    warn(
      cli,
      'decode',
      `this token expired ${humanDuration(now - exp)} ago, but AWS still accepts it for ${humanDuration(exp + skew - now)} (5 min clock skew): treat it as a password.`,
    )
  }
}

export const decodeCommand: Command = { spec, run }
