/**
 * GitHub's RS256 signing keys and their JWKS entries. The key machinery is shared by every issuer
 * (lib/oidc-issuer/keys.ts); this file names it the way GitHub's side always has.
 */
import type { JWK } from 'jose'
import {
  importSigningKey as importRsaSigningKey,
  type RsaJwk,
  type SigningKey,
} from '../oidc-issuer/keys.js'

export { generateSigningKey, kidFromJwk, type SigningKey } from '../oidc-issuer/keys.js'

/** One key as it appears in GitHub's JWKS. */
export type GitHubJwk = RsaJwk

/**
 * Turn a private RSA JWK into a signing key. Its `kid` is kept when present, else derived with
 * `kidFromJwk`. Throws `InvalidInputError` (path `path`) for anything but a private RSA key of at
 * least 2048 bits.
 *
 * @example
 * const key = await importSigningKey(DEMO_KEYS[0])
 * key.kid === DEMO_KEYS[0].kid // true
 */
export function importSigningKey(jwk: JWK, path = 'key'): Promise<SigningKey> {
  return importRsaSigningKey(jwk, path, { platform: 'GitHub' })
}
