/**
 * The request context STS evaluates the trust policy against, built by the policy engine's
 * `requestContextFromToken` — plus the one place trustwalk's loopback deviation shows through.
 *
 * The local emulators serve issuers at `http://127.0.0.1:PORT` (AWS requires https; plain http on
 * loopback is trustwalk's documented deviation). The condition-key prefix is the provider URL
 * without its scheme (`127.0.0.1:PORT:sub`). Such an issuer stands in for a real one, and gets the
 * keys AWS would fill for it:
 * - `http://127.0.0.1:PORT` (any path whose first segment has no dot) stands in for GitHub,
 *   `https://token.actions.githubusercontent.com`, as it always has;
 * - `http://127.0.0.1:PORT/<host>[/<path>]`, whose first path segment is a hostname (it has a dot),
 *   stands in for `https://<host>[/<path>]` — e.g. `http://127.0.0.1:4010/gitlab.com` for gitlab.com,
 *   `…/oidc.circleci.com/org/<ORG>` for a CircleCI organisation. Sim choice: how trustwalk tells
 *   AWS which issuer a loopback provider plays, without a field AWS does not have.
 */
import { isLoopbackHttp } from '../account.js'
import {
  requestContextFromToken,
  type RequestContext,
  type RequestContextOptions,
} from '../policy/context.js'

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/**
 * The real issuer a loopback-http provider URL stands in for (`undefined` for any other URL).
 *
 * @example
 * standInIssuer('http://127.0.0.1:4010') // 'https://token.actions.githubusercontent.com'
 * standInIssuer('http://127.0.0.1:4010/gitlab.com') // 'https://gitlab.com'
 */
export function standInIssuer(providerUrl: string): string | undefined {
  if (!isLoopbackHttp(providerUrl)) return undefined
  const path = new URL(providerUrl).pathname.replace(/^\/+|\/+$/g, '')
  const first = path.split('/')[0] ?? ''
  return first.includes('.') ? `https://${path}` : GITHUB_ISSUER
}

/**
 * `requestContextFromToken`, with loopback-http providers read as the issuer they stand in for.
 *
 * @example
 * requestContextFor(claims, { Url: 'http://127.0.0.1:4010', Arn }, { roleSessionName: 'GitHubActions' })
 * // { '127.0.0.1:4010:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main', … }
 */
export function requestContextFor(
  tokenClaims: object,
  provider: { Url: string; Arn: string },
  options: RequestContextOptions = {},
): RequestContext {
  // Any claim-shaped object will do (GitHubClaims, a decoded payload): AWS reads keys by name.
  const claims = tokenClaims as Readonly<Record<string, unknown>>
  const real = standInIssuer(provider.Url)
  if (real === undefined) return requestContextFromToken(claims, provider, options)
  const stand = requestContextFromToken(claims, { Url: real, Arn: provider.Arn }, options)
  const from = `${real.slice('https://'.length)}:`
  const to = `${provider.Url.replace(/^http:\/\//, '')}:`
  const context: RequestContext = {}
  for (const [key, value] of Object.entries(stand)) {
    context[key.startsWith(from) ? to + key.slice(from.length) : key] = value
  }
  return context
}
