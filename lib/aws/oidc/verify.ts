/**
 * How STS verifies a web identity token, one recorded check at a time, in STS's order (FACTS.md §4
 * "Order of checks", a sim choice: never judge unverified claims): parse the JWT → IAM OIDC
 * provider for `iss` → `aud` ∈ ClientIDList → discovery and JWKS → key by `kid` → signature →
 * `exp` (+300 s) → `nbf`/`iat`.
 */
import { jwtVerify } from 'jose'
import { systemClock, type Clock } from '../../clock.js'
import { InvalidInputError, MalformedTokenError, StsError } from '../../errors.js'
import type { Fetch } from '../../handshake/network.js'
import type { Check } from '../../handshake/trace.js'
import { configurationFor, verificationKeyFor, type VerificationCache } from './cache.js'
import { audiences, registeredClaimsProblem } from './claims.js'
import type { OidcConfiguration } from './discovery.js'
import { keyFitsAlgorithm, keysForKid, type PublicJwk } from './jwks.js'
import { decodeJwt, type DecodedJwt, type JwtHeader } from './jwt.js'
import { signatureProblem, timeChecks } from './rules.js'
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  SOURCES,
  STS_ALGORITHMS,
  STS_MESSAGES,
  WEB_IDENTITY_TOKEN_MAX,
  WEB_IDENTITY_TOKEN_MIN,
  type StsAlgorithm,
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
  const checks: Check[] = []
  const out: TokenVerification = { ok: false, checks }
  const fail = (check: Omit<Check, 'ok'>, error: StsError): TokenVerification => {
    checks.push({ ...check, ok: false })
    out.error = error
    return out
  }
  const invalid = (message: string, cause?: unknown) =>
    new StsError('InvalidIdentityToken', message, 400, cause === undefined ? undefined : { cause })

  // issue: the parameter STS received, then the JWT inside it.
  const length = typeof token === 'string' ? token.length : 0
  const lengthCheck = {
    id: 'issue.token-length',
    summary: `STS accepts a WebIdentityToken of ${WEB_IDENTITY_TOKEN_MIN} to ${WEB_IDENTITY_TOKEN_MAX} characters; this one has ${length}.`,
    expected: `${WEB_IDENTITY_TOKEN_MIN}..${WEB_IDENTITY_TOKEN_MAX}`,
    actual: length,
    source: SOURCES.stsApi,
  }
  if (
    typeof token === 'string' &&
    (length < WEB_IDENTITY_TOKEN_MIN || length > WEB_IDENTITY_TOKEN_MAX)
  ) {
    const bound = length < WEB_IDENTITY_TOKEN_MIN ? 'min' : 'max'
    return fail(lengthCheck, new StsError('ValidationError', STS_MESSAGES.tokenLength(bound)))
  }
  checks.push({ ...lengthCheck, ok: true })

  let jwt: DecodedJwt
  const formatCheck = { id: 'issue.jwt-format', source: SOURCES.jwsCompact }
  try {
    jwt = decodeJwt(token)
  } catch (error) {
    const reason = error instanceof MalformedTokenError ? error.message : String(error)
    return fail({ ...formatCheck, summary: reason }, invalid(STS_MESSAGES.notAJwt, error))
  }
  const { header, payload: claims } = jwt
  out.header = header
  out.claims = claims
  checks.push({
    ...formatCheck,
    ok: true,
    summary: `The token is a signed JWT: header.payload.signature, each base64url, header and payload JSON objects (alg ${header.alg}).`,
  })

  const claimsProblem = registeredClaimsProblem(claims)
  const claimsCheck = { id: 'issue.claims', source: SOURCES.oidcIdToken }
  if (claimsProblem) {
    return fail({ ...claimsCheck, summary: claimsProblem }, invalid(STS_MESSAGES.notAJwt))
  }
  checks.push({
    ...claimsCheck,
    ok: true,
    summary: 'The token carries iss, sub, aud, exp and iat with the types an OIDC ID token needs.',
  })

  // verify: the provider for iss, then the audience, before anything is fetched.
  const iss = claims.iss as string
  const provider = options.providers.find((p) => p.Url === iss)
  const providerCheck = {
    id: 'verify.provider-for-iss',
    expected: options.providers.map((p) => p.Url),
    actual: iss,
    source: SOURCES.iamCreateOidc,
  }
  if (!provider) {
    return fail(
      {
        ...providerCheck,
        summary: `The account has no IAM OIDC provider whose URL is exactly the token's iss, ${iss} (the match is exact: scheme, host, path, no trailing slash).`,
      },
      invalid(STS_MESSAGES.noProvider(iss)),
    )
  }
  out.provider = provider
  checks.push({
    ...providerCheck,
    ok: true,
    summary: `The account has an IAM OIDC provider for the token's iss, ${iss}: ${provider.Arn}.`,
  })

  const auds = audiences(claims)
  const audCheck = {
    id: 'verify.aud-in-client-ids',
    expected: provider.ClientIDList,
    actual: claims.aud,
    source: SOURCES.iamCreateOidc,
  }
  // Sim choice: a one-element array reads like its string (STS accepts Kubernetes service-account
  // tokens, whose aud is ["sts.amazonaws.com"]); several audiences are refused, as OIDC Core
  // §3.1.3.7 refuses untrusted extra audiences and the aud condition key holds one value.
  const audience = auds.length === 1 ? auds[0]! : undefined
  if (audience === undefined || !provider.ClientIDList.includes(audience)) {
    const said =
      auds.length > 1
        ? `names ${auds.length} audiences (${auds.join(', ')}); trustwalk accepts a token for exactly one`
        : `is ${JSON.stringify(audience ?? '')}, which is not among them`
    return fail(
      {
        ...audCheck,
        summary: `The provider's client IDs are ${JSON.stringify(provider.ClientIDList)}; the token's aud ${said}.`,
      },
      invalid(STS_MESSAGES.audience),
    )
  }
  out.audience = audience
  checks.push({
    ...audCheck,
    ok: true,
    summary: `The token's aud, ${audience}, is one of the provider's client IDs${Array.isArray(claims.aud) ? ' (a one-element array, read as its string)' : ''}.`,
  })

  // discovery, then the key the header names; an unknown kid refetches a cached JWKS once.
  const discovery = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    clock,
    cache: options.configurationCache,
  }
  let found = await configurationFor(iss, discovery)
  let keys: PublicJwk[] = []
  let refreshed = false
  for (;;) {
    if (!found.result.ok) {
      checks.push(...found.result.checks)
      out.error = found.result.error
      return out
    }
    keys = keysForKid(found.result.configuration.keys, header.kid)
    if (keys.length > 0 || !found.fromCache) break
    found = await configurationFor(iss, { ...discovery, refresh: true })
    refreshed = true
  }
  const configuration = found.result.configuration
  out.configuration = configuration
  checks.push(...configuration.checks)

  const published = configuration.keys.map((k) => k.kid ?? '(no kid)')
  const kidCheck = {
    id: 'verify.kid-in-jwks',
    expected: published,
    actual: header.kid,
    source: SOURCES.jwkSet,
  }
  const again = refreshed ? ' (fetched again, as keys rotate)' : ''
  if (keys.length === 0) {
    const summary =
      header.kid === undefined
        ? `The header names no kid, and the JWKS${again} has ${published.length} keys to choose from.`
        : `The header names key ${header.kid}, which the issuer's JWKS${again} does not publish (it has ${published.join(', ')}).`
    return fail({ ...kidCheck, summary }, invalid(STS_MESSAGES.verificationKey))
  }
  checks.push({
    ...kidCheck,
    ok: true,
    summary: `The header names key ${header.kid ?? '(the only one)'}, which the issuer's JWKS${again} publishes.`,
  })

  if (header.crit !== undefined) {
    // RFC 7515 §4.1.11: a recipient must reject extensions it does not understand. Sim choice:
    // like GitHub's tokens, trustwalk understands none, so any "crit" is refused.
    return fail(
      {
        id: 'verify.crit',
        summary: `The header marks extensions as critical (crit ${JSON.stringify(header.crit)}); STS must refuse a token whose critical extensions it does not understand.`,
        actual: header.crit,
        source: SOURCES.jwsCrit,
      },
      invalid(STS_MESSAGES.notValidated),
    )
  }

  const alg = header.alg
  const signatureCheck = {
    id: 'verify.signature',
    expected: STS_ALGORITHMS,
    actual: alg,
    source: SOURCES.jwtBcpAlgorithms,
  }
  const allowed = (STS_ALGORITHMS as readonly string[]).includes(alg)
  const key = allowed ? keys.find((k) => keyFitsAlgorithm(k, alg as StsAlgorithm)) : undefined
  const refused = signatureProblem(alg, allowed, key === undefined ? keys[0] : undefined)
  if (refused || !key) {
    return fail({ ...signatureCheck, summary: refused ?? '' }, invalid(STS_MESSAGES.notValidated))
  }
  try {
    const cryptoKey = await verificationKeyFor(key, alg as StsAlgorithm)
    await jwtVerify(token, cryptoKey, { algorithms: [alg], currentDate: now, clockTolerance: skew })
  } catch (error) {
    // jose checks the signature before any claim, so an expiry or nbf failure proves the signature
    // good; switch on `code`, as JWTExpired is no JWTClaimValidationFailed (FACTS.md §8.1).
    const code = (error as { code?: unknown })?.code
    if (code !== 'ERR_JWT_EXPIRED' && code !== 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
      const why =
        code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
          ? 'does not verify: the header or payload was changed after signing, or another key signed it'
          : `cannot be checked: ${error instanceof Error ? error.message : String(error)}`
      return fail(
        {
          ...signatureCheck,
          summary: `The ${alg} signature over header.payload ${why} (key ${key.kid ?? '(no kid)'}).`,
        },
        invalid(STS_MESSAGES.notValidated, error),
      )
    }
  }
  out.key = key
  checks.push({
    ...signatureCheck,
    ok: true,
    summary: `The ${alg} signature over header.payload verifies with the issuer's key ${key.kid ?? '(no kid)'}.`,
  })

  for (const check of timeChecks(claims, now, skew)) {
    if (!check.ok) {
      const { ok: _ok, error, ...rest } = check
      return fail(rest, error ?? invalid(STS_MESSAGES.notValidated))
    }
    const { error: _error, ...rest } = check
    checks.push(rest)
  }
  out.ok = true
  return out
}
