/**
 * A GitHub Actions OIDC issuer: signing keys with rotation, the discovery document, the JWKS, and
 * the runner's token endpoint, all behind one web-standard `handler`.
 *
 * Served paths (the issuer path is the URL's path: '' for github.com, `/<slug>` for an enterprise
 * issuer, `/_services/token` on GHES; FACTS.md §1.7):
 * - `GET <issuer path>/.well-known/openid-configuration` — the discovery document (§1.1)
 * - `GET <issuer path>/.well-known/jwks` — the JWKS (§1.2)
 * - `GET /_apis/actions/idtoken?api-version=2.0&audience=…` — the runner token endpoint (§1.6; on
 *   GitHub it lives on another host, here on the issuer's origin)
 */
import { systemClock, type Clock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import type { Handler } from '../core/network.js'
import { CompactSign, type JWK } from 'jose'
import { GITHUB_ISSUER, githubClaims } from './claims.js'
import { DEMO_KEYS } from './demo-keys.js'
import { derivedUuid } from './derive.js'
import {
  DISCOVERY_PATH,
  JWKS_PATH,
  githubDiscoveryDocument,
  type GitHubDiscoveryDocument,
} from './discovery.js'
import { generateSigningKey, importSigningKey, type GitHubJwk, type SigningKey } from './keys.js'
import type { WorkflowRun } from './run.js'
import type { SubjectTemplate } from './subject.js'
import {
  TOKEN_ENDPOINT_PATH,
  json,
  newRequestToken,
  tokenEndpoint,
  type RunnerEnv,
} from './token-endpoint.js'

export interface GitHubIssuerOptions {
  /**
   * Issuer URL (`iss`), no query or fragment; a trailing slash is dropped. https, or plain http
   * on a loopback host when `trustwalk serve` puts it on this machine. Default github.com's.
   */
  url?: string
  clock?: Clock
  /**
   * Private RSA JWKs: the first signs and is published, the others wait for `rotateKeys()`.
   * `'demo'` = the fixed `DEMO_KEYS`. Default: one freshly generated key.
   */
  keys?: 'demo' | JWK[]
  /** `exp − iat`, default 300. */
  lifetimeSeconds?: number
  /** `iat − nbf`, default 300. */
  notBeforeSeconds?: number
}

export interface IssueTokenOptions {
  /** `aud`; default `https://github.com/OWNER`. */
  audience?: string
  subjectTemplate?: SubjectTemplate
  /** Claims to set (or, with `undefined`, remove) after GitHub's — for teaching broken tokens. */
  claims?: Record<string, unknown>
}

export interface GitHubIssuer {
  /** The issuer URL, exactly as it appears in `iss`. */
  readonly url: string
  /** Serves discovery, JWKS and the runner token endpoint; 404 elsewhere, 405 for other methods. */
  readonly handler: Handler
  /** The `kid` that signs new tokens. */
  readonly signingKid: string
  discovery(): GitHubDiscoveryDocument
  jwks(): { keys: GitHubJwk[] }
  issueToken(run: WorkflowRun, options?: IssueTokenOptions): Promise<string>
  /** Start signing with a new key (the next provided one, else a fresh one); returns its kid. */
  rotateKeys(): Promise<string>
  /** Stop publishing a key; tokens it signed no longer verify. Not the current signing key. */
  retireKey(kid: string): void
  /** Register a run behind a new request token, as a runner does for one job. */
  runnerEnv(
    run: WorkflowRun,
    options?: { baseUrl?: string; subjectTemplate?: SubjectTemplate },
  ): RunnerEnv
}

/**
 * Create an issuer. Tokens carry the header `{typ: 'JWT', alg: 'RS256', kid}` (FACTS.md §1.2; no
 * `x5t`, since trustwalk keys have no certificate) and the claims of `githubClaims`. Each token gets
 * its own `jti`, derived from the claims and a per-issuer counter, so a replayed sequence of calls
 * mints the same bytes.
 *
 * @example
 * const issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock('2026-10-08T18:31:15Z') })
 * const token = await issuer.issueToken({ owner: 'octo-org', repo: 'octo-repo' }, { audience: 'sts.amazonaws.com' })
 * const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
 */
export async function createGitHubIssuer(options: GitHubIssuerOptions = {}): Promise<GitHubIssuer> {
  const url = normalizeIssuerUrl(options.url ?? GITHUB_ISSUER)
  const issuerPath = new URL(url).pathname.replace(/\/$/, '')
  const clock = options.clock ?? systemClock
  const provided = options.keys === 'demo' ? [...DEMO_KEYS] : options.keys
  if (provided !== undefined && (!Array.isArray(provided) || provided.length === 0)) {
    throw new InvalidInputError(
      'options.keys: expected "demo" or a non-empty list of private RSA JWKs',
      'options.keys',
    )
  }
  const spare = await Promise.all(
    (provided ?? []).map((jwk, i) => importSigningKey(jwk, `options.keys[${i}]`)),
  )
  if (new Set(spare.map((k) => k.kid)).size !== spare.length) {
    throw new InvalidInputError('options.keys: two keys share a kid', 'options.keys')
  }
  const published = new Map<string, SigningKey>()
  let signing = spare.shift() ?? (await generateSigningKey()).key
  published.set(signing.kid, signing)
  let serial = 0
  const runs = new Map<string, { run: WorkflowRun; subjectTemplate?: SubjectTemplate }>()

  async function issueToken(run: WorkflowRun, opts: IssueTokenOptions = {}): Promise<string> {
    const claims: Record<string, unknown> = {
      ...githubClaims(run, {
        issuer: url,
        audience: opts.audience,
        clock,
        lifetimeSeconds: options.lifetimeSeconds,
        notBeforeSeconds: options.notBeforeSeconds,
        subjectTemplate: opts.subjectTemplate,
      }),
    }
    serial += 1
    if (serial > 1) claims.jti = derivedUuid(`${String(claims.jti)}#${serial}`)
    for (const [key, value] of Object.entries(opts.claims ?? {})) {
      if (value === undefined) delete claims[key]
      else claims[key] = value
    }
    return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: signing.kid })
      .sign(signing.privateKey)
  }

  const discovery = () => githubDiscoveryDocument(url)
  const jwks = () => ({ keys: [...published.values()].map((k) => ({ ...k.publicJwk })) })

  const handler: Handler = async (request) => {
    const path = new URL(request.url).pathname
    if (path === TOKEN_ENDPOINT_PATH) {
      return tokenEndpoint(request, {
        async mint(requestToken, audience) {
          const entry = runs.get(requestToken)
          if (entry === undefined) return undefined
          return issueToken(entry.run, { audience, subjectTemplate: entry.subjectTemplate })
        },
      })
    }
    const document =
      path === issuerPath + DISCOVERY_PATH
        ? discovery()
        : path === issuerPath + JWKS_PATH
          ? jwks()
          : undefined
    if (document === undefined) return json(404, { message: 'Not Found' })
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return json(405, { message: 'Method Not Allowed' }, { allow: 'GET, HEAD' })
    }
    const response = json(200, document)
    return request.method === 'HEAD' ? new Response(null, { headers: response.headers }) : response
  }

  return {
    url,
    handler,
    get signingKid() {
      return signing.kid
    },
    discovery,
    jwks,
    issueToken,
    async rotateKeys() {
      let next = spare.shift() ?? (await generateSigningKey()).key
      while (published.has(next.kid)) next = spare.shift() ?? (await generateSigningKey()).key
      published.set(next.kid, next)
      signing = next
      return next.kid
    },
    retireKey(kid) {
      if (kid === signing.kid) {
        throw new InvalidInputError(
          `kid: ${kid} signs new tokens; rotateKeys() before retiring it`,
          'kid',
        )
      }
      if (!published.delete(kid))
        throw new InvalidInputError(`kid: no published key has kid ${kid}`, 'kid')
    },
    runnerEnv(run, opts = {}) {
      githubClaims(run, { issuer: url, clock, subjectTemplate: opts.subjectTemplate }) // fail early on bad input
      const base = opts.baseUrl === undefined ? new URL(url).origin : baseUrl(opts.baseUrl)
      const requestToken = newRequestToken()
      runs.set(requestToken, { run: structuredClone(run), subjectTemplate: opts.subjectTemplate })
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${base}${TOKEN_ENDPOINT_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      }
    },
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/**
 * The issuer URL as it appears in `iss`: https (or http on loopback), no query, fragment or
 * credentials, no trailing slash. Throws `InvalidInputError` otherwise.
 *
 * @example
 * normalizeIssuerUrl('https://token.actions.githubusercontent.com/') // 'https://token.actions.githubusercontent.com'
 */
export function normalizeIssuerUrl(input: string, path = 'options.url'): string {
  let u: URL
  try {
    u = new URL(input)
  } catch {
    throw new InvalidInputError(`${path}: ${JSON.stringify(input)} is not a URL`, path)
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.test(u.hostname))) {
    throw new InvalidInputError(
      `${path}: issuers use https (plain http only on loopback), got ${u.protocol}`,
      path,
    )
  }
  if (u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    throw new InvalidInputError(
      `${path}: an issuer URL has no query, fragment or credentials`,
      path,
    )
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`
}

function baseUrl(input: string): string {
  let u: URL
  try {
    u = new URL(input)
  } catch {
    throw new InvalidInputError(`baseUrl: ${JSON.stringify(input)} is not a URL`, 'baseUrl')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new InvalidInputError(`baseUrl: expected http(s), got ${u.protocol}`, 'baseUrl')
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`
}
