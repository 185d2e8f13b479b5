/**
 * The OpenID Connect discovery document every issuer serves at
 * `{iss}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4,
 * https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig). What AWS reads from
 * it is `issuer` and `jwks_uri` (FACTS.md §3); the rest describes the issuer to a learner.
 */

/** Path of the discovery document below the issuer URL (OpenID Connect Discovery 1.0 §4). */
export const DISCOVERY_PATH = '/.well-known/openid-configuration'

/** The fields of a CI issuer's discovery document, in GitHub's order. Sim choice: the same fields for every issuer (only
 * GitHub's live document was read, FACTS.md §1.1; the others print none or only `jwks_uri`). */
export interface OidcDiscoveryDocument {
  issuer: string
  jwks_uri: string
  subject_types_supported: string[]
  response_types_supported: string[]
  claims_supported: string[]
  id_token_signing_alg_values_supported: string[]
  scopes_supported: string[]
}

/**
 * A discovery document for an issuer that only ever issues ID tokens to its own jobs (no
 * authorization or token endpoint), with its JWKS at `jwksUrl`.
 *
 * @example
 * oidcDiscoveryDocument('https://gitlab.com', 'https://gitlab.com/oauth/discovery/keys', ['sub']).jwks_uri
 * // 'https://gitlab.com/oauth/discovery/keys'
 */
export function oidcDiscoveryDocument(
  issuerUrl: string,
  jwksUrl: string,
  claimsSupported: readonly string[],
): OidcDiscoveryDocument {
  return {
    issuer: issuerUrl,
    jwks_uri: jwksUrl,
    subject_types_supported: ['public'],
    response_types_supported: ['id_token'],
    claims_supported: [...claimsSupported],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  }
}
