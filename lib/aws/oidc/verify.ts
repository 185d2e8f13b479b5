/**
 * How STS verifies a web identity token, one recorded check at a time, in STS's order (FACTS.md §4
 * "Order of checks", a sim choice: never judge unverified claims): parse the JWT → IAM OIDC
 * provider for `iss` → `aud` ∈ ClientIDList → discovery and JWKS → key by `kid` → signature →
 * `exp` (+300 s) → `nbf`/`iat`.
 */
import { systemClock, type Clock } from '../../core/clock.js'
import { InvalidInputError, MalformedTokenError, StsError } from '../../core/errors.js'
import type { Fetch } from '../../core/network.js'
import type { Check } from '../../core/trace.js'
import { recordChecks, type CheckRecorder } from '../../core/check.js'
import { configurationFor, type VerificationCache } from './cache.js'
import { audiences, missingRequiredClaim, registeredClaimsProblem } from './claims.js'
import type { OidcConfiguration } from './discovery.js'
import { keysForKid, type PublicJwk } from './jwks.js'
import { decodeJwt, type DecodedJwt, type JwtHeader } from './jwt.js'
import { checkSignature } from './signature.js'
import { timeChecks } from './validity.js'
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  SOURCES,
  STS_MESSAGES,
  WEB_IDENTITY_TOKEN_MAX as TOKEN_MAX,
  WEB_IDENTITY_TOKEN_MIN as TOKEN_MIN,
} from './sources.js'

/** An IAM OIDC identity provider as STS sees it (field names as in the IAM API). */
export interface OidcProviderRef {
  /** Exactly the token's `iss`, e.g. `https://token.actions.githubusercontent.com`. */
  Url: string
  /** The audiences (client IDs) the provider accepts, e.g. `['sts.amazonaws.com']`. */
  ClientIDList: string[]
  Arn: string
}

export interface VerifyOptions {
  /** The IAM OIDC providers in the role's account. */
  providers: readonly OidcProviderRef[]
  fetch: Fetch
  clock?: Clock
  /** Seconds a token is still accepted after `exp` (and before `nbf`/`iat`). Default 300. */
  clockSkewSeconds?: number
  /** Reuse discovery documents, JWKS and imported keys across calls. */
  configurationCache?: VerificationCache
  /** Deadline for each discovery request, default 5000 ms. */
  timeoutMs?: number
}

/** The outcome: every check made, in order, and STS's error for the first one that failed. */
export interface TokenVerification {
  ok: boolean
  /** `issue.*`, `verify.*` and `discovery.*` checks in the order they ran; stops at a failure. */
  checks: Check[]
  error?: StsError
  header?: JwtHeader
  claims?: Record<string, unknown>
  provider?: OidcProviderRef
  /** The client ID the token was accepted for (STS's `Audience`). */
  audience?: string
  configuration?: OidcConfiguration
  /** The published key that verified the signature. */
  key?: PublicJwk
}

/**
 * Verify a web identity token as STS `AssumeRoleWithWebIdentity` does, recording each question as a
 * `Check` with a learner-facing sentence and its source. Never throws for a bad token or a bad
 * issuer: failures come back as `error`, an `StsError` with STS's code, message and HTTP status.
 *
 * @example
 * const result = await verifyWebIdentityToken(token, {
 *   providers: [{ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'],
 *     Arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }],
 *   fetch: net.fetch,
 *   clock: fixedClock('2026-10-08T18:31:15Z'),
 * })
 * result.ok ? result.claims?.sub : result.error?.message // 'Incorrect token audience'
 */
export async function verifyWebIdentityToken(
  token: string,
  options: VerifyOptions,
): Promise<TokenVerification> {
  if (!Array.isArray(options?.providers)) {
    throw new InvalidInputError(
      'options.providers must be an array of OIDC providers.',
      'providers',
    )
  }
  if (typeof options.fetch !== 'function') {
    throw new InvalidInputError('options.fetch must be a fetch function.', 'fetch')
  }
  const clock = options.clock ?? systemClock
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS
  const now = clock()
  const recorder = recordChecks()
  const out: TokenVerification = { ok: false, checks: recorder.checks }
  const failed = (error: StsError): TokenVerification => Object.assign(out, { error })

  // issue: the parameter STS received, then the JWT inside it.
  const read = readToken(token, recorder)
  if (read instanceof StsError) return failed(read)
  const { jwt } = read
  out.header = jwt.header
  out.claims = jwt.payload
  const claimsError = checkRegisteredClaims(jwt.payload, recorder)
  if (claimsError) return failed(claimsError)

  // verify: the provider for iss, then the audience, before anything is fetched.
  const trusted = findProvider(jwt.payload, options.providers, recorder)
  out.provider = trusted.provider
  if (trusted.error) return failed(trusted.error)
  out.audience = trusted.audience

  // discovery, then the key the header names.
  const located = await findKeys(jwt, options, clock, recorder)
  if (located instanceof StsError) return failed(located)
  out.configuration = located.configuration
  if (located.keys.length === 0) return failed(located.error!)

  if (jwt.header.crit !== undefined) {
    // RFC 7515 §4.1.11: a recipient must reject extensions it does not understand. Sim choice:
    // like GitHub's tokens, trustwalk understands none, so any "crit" is refused.
    const crit = jwt.header.crit
    recorder.check(
      'verify.crit',
      false,
      SOURCES.jwsCrit,
      () =>
        `The header marks extensions as critical (crit ${JSON.stringify(crit)}); STS must refuse a token whose critical extensions it does not understand.`,
      undefined,
      crit,
    )
    return failed(invalid(STS_MESSAGES.notValidated))
  }

  const signature = await checkSignature(jwt, located.keys)
  if (!recorder.add(signature.check))
    return failed(invalid(STS_MESSAGES.notValidated, signature.cause))
  out.key = signature.key

  const times = timeChecks(jwt.payload, now, skew)
  recorder.add(...times.checks)
  if (times.error) return failed(times.error)
  out.ok = true
  return out
}

function invalid(message: string, cause?: unknown): StsError {
  return new StsError(
    'InvalidIdentityToken',
    message,
    400,
    cause === undefined ? undefined : { cause },
  )
}

/** The WebIdentityToken parameter's length, then the JWT inside it. */
function readToken(token: string, recorder: CheckRecorder): { jwt: DecodedJwt } | StsError {
  const length = typeof token === 'string' ? token.length : 0
  const lengthOk = typeof token !== 'string' || (length >= TOKEN_MIN && length <= TOKEN_MAX)
  const lengthChecked = recorder.check(
    'issue.token-length',
    lengthOk,
    SOURCES.stsApi,
    () =>
      `STS accepts a WebIdentityToken of ${TOKEN_MIN} to ${TOKEN_MAX} characters; this one has ${length}.`,
    `${TOKEN_MIN}..${TOKEN_MAX}`,
    length,
  )
  if (!lengthChecked) {
    const bound = length < TOKEN_MIN ? 'min' : 'max'
    return new StsError('ValidationError', STS_MESSAGES.tokenLength(bound))
  }
  let jwt: DecodedJwt
  try {
    jwt = decodeJwt(token)
  } catch (error) {
    const reason = error instanceof MalformedTokenError ? error.message : String(error)
    recorder.check('issue.jwt-format', false, SOURCES.jwsCompact, () => reason)
    return invalid(STS_MESSAGES.notAJwt, error)
  }
  recorder.check(
    'issue.jwt-format',
    true,
    SOURCES.jwsCompact,
    () =>
      `The token is a signed JWT: header.payload.signature, each base64url, header and payload JSON objects (alg ${jwt.header.alg}).`,
  )
  return { jwt }
}

/** iss, sub, aud, exp and iat, present and of the right types; `undefined` when they are. */
function checkRegisteredClaims(
  claims: Record<string, unknown>,
  recorder: CheckRecorder,
): StsError | undefined {
  const problem = registeredClaimsProblem(claims)
  const ok = recorder.check(
    'issue.claims',
    problem === undefined,
    SOURCES.oidcIdToken,
    () =>
      problem ??
      'The token carries iss, sub, aud, exp and iat with the types an OIDC ID token needs.',
  )
  if (ok) return undefined
  // An absent claim has its own answer; a claim of the wrong type gets the not-a-JWT one.
  const missing = missingRequiredClaim(claims)
  return invalid(missing ? STS_MESSAGES.missingClaim(missing) : STS_MESSAGES.notAJwt)
}

/** The account's IAM OIDC provider for the token's iss, and the token's aud among its client IDs. */
function findProvider(
  claims: Record<string, unknown>,
  providers: readonly OidcProviderRef[],
  recorder: CheckRecorder,
): { provider?: OidcProviderRef; audience?: string; error?: StsError } {
  const iss = claims.iss as string
  const provider = providers.find((p) => p.Url === iss)
  const found = recorder.check(
    'verify.provider-for-iss',
    provider !== undefined,
    SOURCES.iamCreateOidc,
    () =>
      provider
        ? `The account has an IAM OIDC provider for the token's iss, ${iss}: ${provider.Arn}.`
        : `The account has no IAM OIDC provider whose URL is exactly the token's iss, ${iss} (the match is exact: scheme, host, path, no trailing slash).`,
    providers.map((p) => p.Url),
    iss,
  )
  if (!provider || !found) return { error: invalid(STS_MESSAGES.noProvider(iss)) }

  // An array aud (GitLab `aud:` lists, Bitbucket custom audiences, Kubernetes service-account
  // tokens) is accepted when any of its elements is one of the provider's client IDs. How STS
  // matches arrays is unconfirmed; Sim choice, FACTS-ISSUERS.md §0.3: "accept if any element ∈
  // ClientIDList" (the `P:aud` condition key is then multi-valued, lib/aws/policy/context.ts).
  const auds = audiences(claims)
  const audience = auds.find((a) => provider.ClientIDList.includes(a))
  const audOk = audience !== undefined
  recorder.check(
    'verify.aud-in-client-ids',
    audOk,
    SOURCES.iamCreateOidc,
    () => {
      if (audOk) {
        const array = !Array.isArray(claims.aud)
          ? ''
          : auds.length === 1
            ? ' (a one-element array, read as its string)'
            : ` (one of the token's ${auds.length} audiences, ${auds.join(', ')}: any one among the client IDs is enough)`
        return `The token's aud, ${audience}, is one of the provider's client IDs${array}.`
      }
      const said =
        auds.length > 1
          ? `names ${auds.length} audiences (${auds.join(', ')}), none of them among the client IDs`
          : `is ${JSON.stringify(auds[0] ?? '')}, which is not among them`
      return `The provider's client IDs are ${JSON.stringify(provider.ClientIDList)}; the token's aud ${said}.`
    },
    provider.ClientIDList,
    claims.aud,
  )
  if (!audOk) return { provider, error: invalid(STS_MESSAGES.audience) }
  return { provider, audience }
}

/**
 * The issuer's configuration (discovery + JWKS) and the keys the header's kid names. An unknown
 * kid refetches a cached JWKS once, at most once per issuer per cooldown (cache.ts: STS's refetch
 * policy is undocumented). With no key, `error` is STS's answer.
 */
async function findKeys(
  jwt: DecodedJwt,
  options: VerifyOptions,
  clock: Clock,
  recorder: CheckRecorder,
): Promise<{ configuration: OidcConfiguration; keys: PublicJwk[]; error?: StsError } | StsError> {
  const { header } = jwt
  const iss = jwt.payload.iss as string
  const discovery = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    clock,
    cache: options.configurationCache,
  }
  let found = await configurationFor(iss, discovery)
  let keys: PublicJwk[] = []
  let refreshed = false
  let coolingDown = false
  for (;;) {
    if (!found.result.ok) {
      recorder.add(...found.result.checks)
      return found.result.error
    }
    keys = keysForKid(found.result.configuration.keys, header.kid)
    if (keys.length > 0 || !found.fromCache || refreshed) break
    found = await configurationFor(iss, { ...discovery, refresh: true })
    refreshed = true
    coolingDown = found.coolingDown === true
  }
  const configuration = found.result.configuration
  recorder.add(...configuration.checks)

  const published = configuration.keys
  const again = coolingDown ? '' : refreshed ? ' (fetched again, as keys rotate)' : ''
  const cooldown = options.configurationCache?.cooldownSeconds
  const notAgain = coolingDown
    ? ` It was not fetched again: it was refetched for an unknown key less than ${cooldown} s ago, and trustwalk refetches an issuer at most once per ${cooldown} s (as jose's remote JWKS does; how often STS does is undocumented).`
    : ''
  const named = recorder.check(
    'verify.kid-in-jwks',
    keys.length > 0,
    SOURCES.jwkSet,
    () =>
      keys.length > 0
        ? `The header names key ${header.kid ?? '(the only one)'}, which the issuer's JWKS${again} publishes.`
        : header.kid === undefined
          ? `The header names no kid, and the JWKS${again} has ${published.length} keys to choose from.`
          : `The header names key ${header.kid}, which the issuer's JWKS${again} does not publish (it has ${kidsOf(published).join(', ')}).${notAgain}`,
    kidsOf(published),
    header.kid,
  )
  return named
    ? { configuration, keys }
    : { configuration, keys: [], error: invalid(STS_MESSAGES.verificationKey) }
}

const kidsOf = (keys: PublicJwk[]) => keys.map((k) => k.kid ?? '(no kid)')
