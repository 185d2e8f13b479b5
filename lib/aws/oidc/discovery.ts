/**
 * OIDC discovery as STS does it: `GET {iss}/.well-known/openid-configuration`, then `GET jwks_uri`,
 * through an injected `fetch` (the virtual network in a browser, real HTTP in Node).
 */
import { StsError } from '../../core/errors.js'
import type { Check } from '../../core/trace.js'
import type { Fetch } from '../../core/network.js'
import { inspectJwks, type PublicJwk } from './jwks.js'
import { describe } from './describe.js'
import { fetchText } from './fetch-text.js'
import { SOURCES, STS_MESSAGES } from './sources.js'

/** The provider metadata document (OIDC Discovery 1.0 §3); `issuer` and `jwks_uri` are checked. */
export interface OidcDiscoveryDocument {
  issuer: string
  jwks_uri: string
  [name: string]: unknown
}

/** What discovery found: the two documents as published, the usable keys, and the checks made. */
export interface OidcConfiguration {
  issuer: string
  discoveryUrl: string
  document: OidcDiscoveryDocument
  jwks: { keys: unknown[] }
  /** The JWKS keys that can verify an STS token, public members only. */
  keys: PublicJwk[]
  checks: Check[]
}

export interface DiscoveryOptions {
  fetch: Fetch
  /**
   * Sim choice: how long the simulated STS waits for the identity provider (default 5 s). AWS
   * documents no time limit, only that a provider it cannot reach fails with InvalidIdentityToken
   * (SOURCES.repostInvalidIdentityToken).
   */
  timeoutMs?: number
  /** Sim choice: largest discovery document read, in bytes (GitHub's is ~1.5 KB). */
  maxConfigurationBytes?: number
  /** Sim choice: largest JWKS read, in bytes (GitHub's is ~10 KB). */
  maxJwksBytes?: number
}

/** A discovery failure: `InvalidIdentityToken` with STS's text, plus the checks that led to it. */
export class OidcDiscoveryError extends StsError {
  readonly checks: Check[]
  constructor(message: string, checks: Check[]) {
    super('InvalidIdentityToken', message, 400)
    this.checks = checks
  }
}

export type DiscoveryResult =
  | { ok: true; configuration: OidcConfiguration }
  | { ok: false; checks: Check[]; error: OidcDiscoveryError }

/**
 * `{issuer}/.well-known/openid-configuration`, with one terminating `/` of the issuer removed first
 * (OIDC Discovery 1.0 §4), so no double slash.
 *
 * @example
 * discoveryUrl('https://token.actions.githubusercontent.com')
 * // 'https://token.actions.githubusercontent.com/.well-known/openid-configuration'
 */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`
}

/**
 * Fetch and validate an issuer's discovery document and JWKS, the way STS does before it can check
 * a signature. Throws {@link OidcDiscoveryError} (an `StsError`, code `InvalidIdentityToken`, with
 * `.checks`); use {@link discoverOidcConfiguration} for a result that never throws.
 *
 * @example
 * const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
 * const { document, jwks, checks } = await fetchOidcConfiguration(issuer.url, { fetch: net.fetch })
 */
export async function fetchOidcConfiguration(
  issuerUrl: string,
  options: DiscoveryOptions,
): Promise<OidcConfiguration> {
  const result = await discoverOidcConfiguration(issuerUrl, options)
  if (!result.ok) throw result.error
  return result.configuration
}

/**
 * {@link fetchOidcConfiguration} as a result value: `{ ok: true, configuration }` or
 * `{ ok: false, checks, error }`. Never throws, whatever the network or the documents do.
 *
 * @example
 * const result = await discoverOidcConfiguration(issuerUrl, { fetch })
 * if (!result.ok) console.log(result.error.message)
 */
export async function discoverOidcConfiguration(
  issuerUrl: string,
  options: DiscoveryOptions,
): Promise<DiscoveryResult> {
  const checks: Check[] = []
  const url = discoveryUrl(issuerUrl)
  const timeoutMs = options.timeoutMs ?? 5000
  // Sim choice: an unreachable or failing endpoint gets the "verification key" text, which AWS
  // gives for inaccessible .well-known and jwks_uri alike; a reachable but invalid document gets
  // the openid-configuration text, naming the provider URL.
  const fail = (check: Check, message: string): DiscoveryResult => {
    checks.push(check)
    return { ok: false, checks, error: new OidcDiscoveryError(message, checks) }
  }
  const badConfiguration = STS_MESSAGES.discovery(issuerUrl)

  const config = await fetchText(
    url,
    options.fetch,
    timeoutMs,
    options.maxConfigurationBytes ?? 65536,
  )
  const fetched = {
    id: 'discovery.configuration-fetched',
    summary: `STS fetches ${url} and needs an HTTP 200 answer (this simulator waits ${timeoutMs / 1000} s; AWS documents no time limit).`,
    source: SOURCES.oidcDiscovery,
  }
  if (!config.ok) {
    return fail(
      {
        ...fetched,
        ok: false,
        summary: `${fetched.summary} ${config.reason}`,
        actual: config.actual,
      },
      STS_MESSAGES.verificationKey,
    )
  }
  checks.push({ ...fetched, ok: true, actual: 200 })

  const document = parseJson(config.text)
  const json = { id: 'discovery.configuration-json', source: SOURCES.oidcDiscoveryMetadata }
  if (!isObject(document)) {
    const what = document === undefined ? 'text that is not JSON' : describe(document)
    return fail(
      {
        ...json,
        ok: false,
        summary: `The discovery document must be a JSON object; it is ${what}.`,
      },
      badConfiguration,
    )
  }
  checks.push({ ...json, ok: true, summary: 'The discovery document is a JSON object.' })

  const issuerCheck = {
    id: 'discovery.issuer-matches',
    expected: issuerUrl,
    actual: document.issuer,
    source: SOURCES.oidcDiscoveryValidation,
  }
  if (document.issuer !== issuerUrl) {
    return fail(
      {
        ...issuerCheck,
        ok: false,
        summary: `The document's "issuer" must be exactly ${issuerUrl}; it is ${describe(document.issuer)}.`,
      },
      badConfiguration,
    )
  }
  checks.push({
    ...issuerCheck,
    ok: true,
    summary: `The document's "issuer" is exactly the provider URL, ${issuerUrl}.`,
  })

  const jwksUri = document.jwks_uri
  const uriCheck = {
    id: 'discovery.jwks-uri',
    actual: jwksUri,
    source: SOURCES.oidcDiscoveryMetadata,
  }
  const uriProblem = jwksUriProblem(jwksUri)
  if (uriProblem) {
    return fail(
      {
        ...uriCheck,
        ok: false,
        summary: `The document's "jwks_uri" must be an absolute https URL; ${uriProblem}.`,
      },
      badConfiguration,
    )
  }
  checks.push({
    ...uriCheck,
    ok: true,
    summary: `The document names the issuer's signing keys: jwks_uri ${String(jwksUri)}.`,
  })

  const keysText = await fetchText(
    String(jwksUri),
    options.fetch,
    timeoutMs,
    options.maxJwksBytes ?? 262144,
  )
  const jwksFetched = {
    id: 'discovery.jwks-fetched',
    summary: `STS fetches ${String(jwksUri)} and needs an HTTP 200 answer (this simulator waits ${timeoutMs / 1000} s; AWS documents no time limit).`,
    source: SOURCES.repostInvalidIdentityToken,
  }
  if (!keysText.ok) {
    return fail(
      {
        ...jwksFetched,
        ok: false,
        summary: `${jwksFetched.summary} ${keysText.reason}`,
        actual: keysText.actual,
      },
      STS_MESSAGES.verificationKey,
    )
  }
  checks.push({ ...jwksFetched, ok: true, actual: 200 })

  const jwks = parseJson(keysText.text)
  const inspection = inspectJwks(jwks)
  const keysCheck = { id: 'discovery.jwks-keys', source: SOURCES.jwkSet }
  if (inspection.problem) {
    // JSON.parse never yields undefined, so undefined means the text was not JSON.
    const problem = jwks === undefined ? 'The JWKS is not JSON.' : inspection.problem
    return fail(
      { ...keysCheck, ok: false, summary: problem, actual: inspection.skipped },
      STS_MESSAGES.verificationKey,
    )
  }
  const kids = inspection.keys.map((k) => k.kid ?? '(no kid)')
  checks.push({
    ...keysCheck,
    ok: true,
    summary: `The JWKS publishes ${kids.length} usable signing key${kids.length === 1 ? '' : 's'}: ${kids.join(', ')}.`,
    actual: kids,
  })
  return {
    ok: true,
    configuration: {
      issuer: issuerUrl,
      discoveryUrl: url,
      document: document as OidcDiscoveryDocument,
      jwks: jwks as { keys: unknown[] },
      keys: inspection.keys,
      checks,
    },
  }
}

function jwksUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `it is ${describe(value)}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${JSON.stringify(value)} is not an absolute URL`
  }
  // Sim allowance: plain http on loopback, so the emulators can serve the issuer locally.
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return undefined
  return `${JSON.stringify(value)} uses ${url.protocol.replace(':', '')}`
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
