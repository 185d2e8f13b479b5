/**
 * The part every OIDC issuer emulator shares: signing keys with rotation, RS256 token signing, the
 * JWKS, and a web-standard handler serving the discovery document and the JWKS below the issuer
 * URL. Each platform (lib/github, lib/gitlab, …) builds its claims and, where it has one, its
 * token-delivery endpoint on top.
 *
 * Tokens carry the header `{typ: 'JWT', alg: 'RS256', kid}` as GitHub's do (FACTS.md §1.2); the
 * other platforms' headers are documented as RS256 with a `kid` (e.g. HCP Terraform's example,
 * FACTS-ISSUERS.md §3.1) or not at all (Sim choice: the same header).
 */
import { systemClock, type Clock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import type { Handler } from '../core/network.js'
import { CompactSign, type JWK } from 'jose'
import { demoSigningKeys } from './demo-keys.js'
import { DISCOVERY_PATH } from './discovery.js'
import { json } from './http.js'
import { generateSigningKey, importSigningKey, type RsaJwk, type SigningKey } from './keys.js'
import type { PlatformIssuer } from './profile.js'
import { normalizeIssuerUrl } from './url.js'

export interface IssuerCoreOptions {
  /** Issuer URL (`iss`); normalised with `normalizeIssuerUrl`. */
  url: string
  clock?: Clock
  /**
   * Private RSA JWKs: the first signs and is published, the others wait for `rotateKeys()`.
   * `'demo'` = the fixed `DEMO_KEYS`. Default: one freshly generated key.
   */
  keys?: 'demo' | JWK[]
  /** Who signs, for error messages (`GitHub`, `GitLab`…). */
  platform?: string
  /** Path of the JWKS below the issuer URL (GitHub `/.well-known/jwks`, GitLab `/oauth/discovery/keys`…). */
  jwksPath: string
  /** The discovery document for the issuer URL and its JWKS URL. */
  discovery: (issuerUrl: string, jwksUrl: string) => object
}

export interface IssuerCore {
  /** The issuer URL, exactly as it appears in `iss`. */
  readonly url: string
  readonly clock: Clock
  /** The `kid` that signs new tokens. */
  readonly signingKid: string
  /** The JWKS URL, as the discovery document names it. */
  readonly jwksUrl: string
  discovery(): object
  jwks(): { keys: RsaJwk[] }
  /** Sign a claim set as a compact JWS with the current key. */
  sign(claims: Record<string, unknown>): Promise<string>
  /** Start signing with a new key (the next provided one, else a fresh one); returns its kid. */
  rotateKeys(): Promise<string>
  /** Stop publishing a key; tokens it signed no longer verify. Not the current signing key. */
  retireKey(kid: string): void
  /**
   * Serve the discovery document and the JWKS (GET and HEAD; 405 for other methods); `undefined`
   * for any other path, so the platform can serve its own endpoints or answer 404.
   */
  serveDocuments(request: Request): Response | undefined
  /** `serveDocuments`, with 404 `{"message":"Not Found"}` for every other path. */
  readonly handler: Handler
}

/**
 * Create the shared issuer machinery.
 *
 * @example
 * const core = await createIssuerCore({
 *   url: 'https://gitlab.com', keys: 'demo', jwksPath: '/oauth/discovery/keys',
 *   discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, ['sub']),
 * })
 * const token = await core.sign({ iss: core.url, sub: 'project_path:g/p:ref_type:branch:ref:main' })
 */
export async function createIssuerCore(options: IssuerCoreOptions): Promise<IssuerCore> {
  const url = normalizeIssuerUrl(options.url)
  const issuerPath = new URL(url).pathname.replace(/\/$/, '')
  const clock = options.clock ?? systemClock
  const provided = options.keys
  if (
    provided !== undefined &&
    provided !== 'demo' &&
    (!Array.isArray(provided) || provided.length === 0)
  ) {
    throw new InvalidInputError(
      'options.keys: expected "demo" or a non-empty list of private RSA JWKs',
      'options.keys',
    )
  }
  // The demo keys are imported once per process (the cost of a walk() was mostly this import);
  // keys passed in are imported on every call, as they may differ.
  const spare =
    provided === 'demo'
      ? [...(await demoSigningKeys())]
      : await Promise.all(
          (provided ?? []).map((jwk, i) =>
            importSigningKey(jwk, `options.keys[${i}]`, { platform: options.platform }),
          ),
        )
  if (new Set(spare.map((k) => k.kid)).size !== spare.length) {
    throw new InvalidInputError('options.keys: two keys share a kid', 'options.keys')
  }
  const published = new Map<string, SigningKey>()
  let signing = spare.shift() ?? (await generateSigningKey()).key
  published.set(signing.kid, signing)
  const jwksUrl = `${url}${options.jwksPath}`

  const discovery = () => options.discovery(url, jwksUrl)
  const jwks = () => ({ keys: [...published.values()].map((k) => ({ ...k.publicJwk })) })

  const serveDocuments = (request: Request): Response | undefined => {
    const path = new URL(request.url).pathname
    const document =
      path === issuerPath + DISCOVERY_PATH
        ? discovery()
        : path === issuerPath + options.jwksPath
          ? jwks()
          : undefined
    if (document === undefined) return undefined
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return json(405, { message: 'Method Not Allowed' }, { allow: 'GET, HEAD' })
    }
    const response = json(200, document)
    return request.method === 'HEAD' ? new Response(null, { headers: response.headers }) : response
  }

  return {
    url,
    clock,
    jwksUrl,
    get signingKid() {
      return signing.kid
    },
    discovery,
    jwks,
    sign(claims) {
      return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: signing.kid })
        .sign(signing.privateKey)
    },
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
    serveDocuments,
    handler: async (request) => serveDocuments(request) ?? json(404, { message: 'Not Found' }),
  }
}

/**
 * A platform's issuer emulator from the shared core and the platform's own parts: its kind, how
 * it issues a token, the job's environment, and (where it has a token-delivery endpoint) its
 * handler — default the core's, discovery and JWKS only. Every other field is the core's;
 * `signingKid` follows key rotation.
 *
 * @example
 * return platformIssuer<TerraformIssuer>(core, { kind: 'terraform', issueToken, jobEnv })
 */
export function platformIssuer<I extends PlatformIssuer<never>>(
  core: IssuerCore,
  parts: Pick<I, 'kind' | 'issueToken' | 'jobEnv'> & { handler?: Handler },
): I {
  const issuer: PlatformIssuer<never> = {
    kind: parts.kind,
    url: core.url,
    handler: parts.handler ?? core.handler,
    get signingKid() {
      return core.signingKid
    },
    discovery: core.discovery,
    jwks: core.jwks,
    issueToken: parts.issueToken,
    rotateKeys: () => core.rotateKeys(),
    retireKey: (kid) => core.retireKey(kid),
    jobEnv: parts.jobEnv,
  }
  // `I` differs from PlatformIssuer only in the two methods given here (its run type, issue options).
  return issuer as I
}
