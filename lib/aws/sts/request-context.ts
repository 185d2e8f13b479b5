/**
 * The request context STS evaluates the trust policy against, built by the policy engine's
 * `requestContextFromToken` — plus the one place trustwalk's loopback deviation shows through.
 *
 * The local emulators serve the GitHub issuer at `http://127.0.0.1:PORT` (AWS requires https; plain
 * http on loopback is trustwalk's documented deviation). The condition-key prefix is the provider URL
 * without its scheme (`127.0.0.1:PORT:sub`), and since that issuer stands in for GitHub, it gets the
 * GitHub-specific keys too, exactly as `https://token.actions.githubusercontent.com` would.
 */
import { isLoopbackHttp } from '../account.js'
import {
  requestContextFromToken,
  type RequestContext,
  type RequestContextOptions,
} from '../policy/context.js'

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/**
 * `requestContextFromToken`, with loopback-http providers read as a GitHub issuer at that address.
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
  if (!isLoopbackHttp(provider.Url)) return requestContextFromToken(claims, provider, options)
  const stand = requestContextFromToken(claims, { Url: GITHUB_ISSUER, Arn: provider.Arn }, options)
  const from = `${GITHUB_ISSUER.slice('https://'.length)}:`
  const to = `${provider.Url.replace(/^http:\/\//, '')}:`
  const context: RequestContext = {}
  for (const [key, value] of Object.entries(stand)) {
    context[key.startsWith(from) ? to + key.slice(from.length) : key] = value
  }
  return context
}
