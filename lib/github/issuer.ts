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
import type { Clock } from '../core/clock.js'
import type { Handler } from '../core/network.js'
import type { JWK } from 'jose'
import { createIssuerCore } from '../oidc-issuer/issuer.js'
import { baseUrl } from '../oidc-issuer/url.js'
import { GITHUB_ISSUER, githubClaims } from './claims.js'
import { derivedUuid } from './derive.js'
import { JWKS_PATH, githubDiscoveryDocument, type GitHubDiscoveryDocument } from './discovery.js'
import type { GitHubJwk } from './keys.js'
import type { WorkflowRun } from './run.js'
import type { SubjectTemplate } from './subject.js'
import {
  TOKEN_ENDPOINT_PATH,
  json,
  newRequestToken,
  tokenEndpoint,
  type RunnerEnv,
} from './token-endpoint.js'

export { normalizeIssuerUrl } from '../oidc-issuer/url.js'

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
  const core = await createIssuerCore({
    url: options.url ?? GITHUB_ISSUER,
    clock: options.clock,
    keys: options.keys,
    platform: 'GitHub',
    jwksPath: JWKS_PATH,
    discovery: (url) => githubDiscoveryDocument(url),
  })
  const { url, clock } = core
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
    return core.sign(claims)
  }

  const discovery = () => githubDiscoveryDocument(url)
  const jwks = () => core.jwks() as { keys: GitHubJwk[] }

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
    return core.serveDocuments(request) ?? json(404, { message: 'Not Found' })
  }

  return {
    url,
    handler,
    get signingKid() {
      return core.signingKid
    },
    discovery,
    jwks,
    issueToken,
    rotateKeys: () => core.rotateKeys(),
    retireKey: (kid) => core.retireKey(kid),
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
