/**
 * An issuer's RS256 signing keys and their JWKS entries, shared by every issuer emulator.
 *
 * GitHub publishes RSA keys as `{kty, alg: 'RS256', use: 'sig', kid, n, e}` (plus `x5c`/`x5t` for
 * keys with a certificate); newer keys have UUID `kid`s (FACTS.md §1.2). The other CI issuers sign
 * RS256 too (FACTS-ISSUERS.md §1.1, §2.1, §3.1, §4.1, §5.1; for CircleCI, Buildkite and Bitbucket
 * the algorithm is unconfirmed and RS256 is trustwalk's choice). Sim choice: UUID kids, derived from
 * the key's RFC 7638 thumbprint so a key always has the same kid; no certificates.
 */
import {
  base64url,
  calculateJwkThumbprint,
  compactVerify,
  CompactSign,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'
import { InvalidInputError } from '../core/errors.js'
import { uuidFromHex } from './derive.js'

/** One RSA public key as it appears in an issuer's JWKS (GitHub's shape). */
export interface RsaJwk {
  kty: 'RSA'
  alg: 'RS256'
  use: 'sig'
  kid: string
  n: string
  e: string
}

/** A private signing key with its published half. */
export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicJwk: RsaJwk
}

export interface ImportKeyOptions {
  /** Who signs, for the error message on a non-RSA key. Default `The issuer`. */
  platform?: string
}

/**
 * The UUID key id trustwalk gives an RSA key: its RFC 7638 SHA-256 thumbprint laid out as a UUID.
 *
 * @example
 * await kidFromJwk({ kty: 'RSA', n: '…', e: 'AQAB' }) // e.g. '3d1b0c7e-…'
 */
export async function kidFromJwk(jwk: JWK): Promise<string> {
  const thumbprint = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'sha256')
  const hex = Array.from(base64url.decode(thumbprint), (b) => b.toString(16).padStart(2, '0'))
  return uuidFromHex(hex.join(''))
}

/**
 * Generate a fresh RSA-2048 signing key. Takes a few hundred milliseconds; reuse keys in tests.
 *
 * @example
 * const { key, privateJwk } = await generateSigningKey()
 * key.publicJwk.alg // 'RS256'
 */
export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const privateJwk = await exportJWK(privateKey)
  privateJwk.kid = await kidFromJwk(privateJwk)
  privateJwk.alg = 'RS256'
  return { key: await importSigningKey(privateJwk), privateJwk }
}

const PRIVATE_RSA_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const

/**
 * Turn a private RSA JWK into a signing key. Its `kid` is kept when present, else derived with
 * `kidFromJwk`. Throws `InvalidInputError` (path `path`) for anything but a private RSA key of at
 * least 2048 bits.
 *
 * @example
 * const key = await importSigningKey(DEMO_KEYS[0])
 * key.kid === DEMO_KEYS[0].kid // true
 */
export async function importSigningKey(
  jwk: JWK,
  path = 'key',
  options: ImportKeyOptions = {},
): Promise<SigningKey> {
  if (typeof jwk !== 'object' || jwk === null)
    throw new InvalidInputError(`${path}: expected a JWK object`, path)
  if (jwk.kty !== 'RSA') {
    throw new InvalidInputError(
      `${path}.kty: ${options.platform ?? 'The issuer'} signs with RSA keys, got ${JSON.stringify(jwk.kty)}`,
      `${path}.kty`,
    )
  }
  for (const member of PRIVATE_RSA_MEMBERS) {
    if (typeof jwk[member] !== 'string' || jwk[member] === '') {
      throw new InvalidInputError(
        `${path}.${member}: a private RSA JWK needs "${member}"`,
        `${path}.${member}`,
      )
    }
  }
  if (jwk.alg !== undefined && jwk.alg !== 'RS256') {
    throw new InvalidInputError(
      `${path}.alg: expected RS256, got ${JSON.stringify(jwk.alg)}`,
      `${path}.alg`,
    )
  }
  let bits: number
  try {
    bits = base64url.decode(jwk.n!).length * 8
  } catch (cause) {
    throw new InvalidInputError(`${path}.n: not base64url`, `${path}.n`, { cause })
  }
  if (bits < 2048) {
    throw new InvalidInputError(
      `${path}.n: RS256 keys must be at least 2048 bits, got ${bits}`,
      `${path}.n`,
    )
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || jwk.kid === '')) {
    throw new InvalidInputError(`${path}.kid: expected a non-empty string`, `${path}.kid`)
  }
  let privateKey: CryptoKey
  try {
    privateKey = (await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')) as CryptoKey
  } catch (cause) {
    throw new InvalidInputError(
      `${path}: not a usable RSA private key (${(cause as Error).message})`,
      path,
      { cause },
    )
  }
  // WebCrypto imports a key whose private parts do not match `n`/`e` without complaint; such a key
  // would sign tokens that its own JWKS entry cannot verify. Catch that here, once.
  try {
    const probe = await new CompactSign(new TextEncoder().encode('trustwalk key check'))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey)
    await compactVerify(probe, await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RS256'))
  } catch (cause) {
    throw new InvalidInputError(
      `${path}: the private key does not match its public modulus n`,
      path,
      { cause },
    )
  }
  const kid = jwk.kid ?? (await kidFromJwk(jwk))
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, n: jwk.n!, e: jwk.e! },
  }
}
