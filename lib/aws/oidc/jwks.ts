/**
 * The issuer's JSON Web Key Set (RFC 7517 §5): which published keys can verify a token, and
 * turning one into a WebCrypto key. Only public members are ever imported.
 */
import { importJWK } from 'jose'
import { describe } from './describe.js'
import { STS_ALGORITHMS, type StsAlgorithm } from './sources.js'

/** A published signing key, reduced to its public members. */
export interface PublicJwk {
  kty: 'RSA' | 'EC'
  kid?: string
  alg?: string
  use?: string
  /** RSA modulus and exponent. */
  n?: string
  e?: string
  /** EC curve and point. */
  crv?: string
  x?: string
  y?: string
}

/** What a JWKS document offers: its usable signing keys, and why any others were passed over. */
export interface JwksInspection {
  keys: PublicJwk[]
  /** One sentence per published key that cannot verify an STS token. */
  skipped: string[]
  /** Why the document as a whole is unusable, if it is. */
  problem?: string
}

const CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }

/**
 * Check a JWKS document: a JSON object with a `keys` array holding at least one usable RSA or EC
 * signing key (`use` absent or `sig`, `alg` absent or one STS accepts). Other keys (symmetric
 * `oct` keys, encryption keys, malformed entries) are skipped and named in `skipped`.
 *
 * @example
 * inspectJwks({ keys: [{ kty: 'RSA', kid: 'k1', n: '…', e: 'AQAB' }] }).keys.length // 1
 */
export function inspectJwks(document: unknown): JwksInspection {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return {
      keys: [],
      skipped: [],
      problem: `The JWKS must be a JSON object, not ${describe(document)}.`,
    }
  }
  const published = (document as { keys?: unknown }).keys
  if (!Array.isArray(published)) {
    return {
      keys: [],
      skipped: [],
      problem: `The JWKS must have a "keys" array, not ${describe(published)}.`,
    }
  }
  const keys: PublicJwk[] = []
  const skipped: string[] = []
  published.forEach((entry, index) => {
    const reason = unusableReason(entry)
    if (reason) skipped.push(`keys[${index}]: ${reason}`)
    else keys.push(publicPart(entry as Record<string, string>))
  })
  if (keys.length === 0) {
    const why = skipped.length ? ` (${skipped.join('; ')})` : ''
    return { keys, skipped, problem: `The JWKS has no usable RSA or EC signing key${why}.` }
  }
  return { keys, skipped }
}

/**
 * The published keys a token header points at: those whose `kid` equals the header's `kid`. A
 * header without `kid` may use the only key of a one-key set (as jose's `createLocalJWKSet` does).
 *
 * @example
 * keysForKid(jwks.keys, header.kid)
 */
export function keysForKid(keys: PublicJwk[], kid: string | undefined): PublicJwk[] {
  if (kid === undefined) return keys.length === 1 ? keys : []
  return keys.filter((k) => k.kid === kid)
}

/**
 * Whether a key can verify a token signed with `alg`: RS* needs an RSA key, ES256/384/512 an EC
 * key on P-256/P-384/P-521, and a key that names its own `alg` must name this one.
 *
 * @example
 * keyFitsAlgorithm({ kty: 'RSA', n: '…', e: 'AQAB' }, 'RS256') // true
 */
export function keyFitsAlgorithm(key: PublicJwk, alg: StsAlgorithm): boolean {
  if (key.alg !== undefined && key.alg !== alg) return false
  return alg.startsWith('RS') ? key.kty === 'RSA' : key.kty === 'EC' && key.crv === CURVES[alg]
}

/**
 * Import a published key as a WebCrypto verification key for `alg`. RSA keys must have a modulus
 * of at least 2048 bits (as jose requires for RS*).
 *
 * @example
 * const cryptoKey = await importVerificationKey(jwk, 'RS256')
 */
export async function importVerificationKey(key: PublicJwk, alg: StsAlgorithm): Promise<CryptoKey> {
  const imported = await importJWK({ ...key, ext: false }, alg)
  if (imported instanceof Uint8Array)
    throw new TypeError('A symmetric key cannot verify this token.')
  const bits = (imported.algorithm as Partial<RsaHashedKeyAlgorithm>).modulusLength
  if (bits !== undefined && bits < 2048) {
    throw new TypeError(`The RSA key is ${bits} bits; ${alg} needs at least 2048.`)
  }
  return imported
}

function unusableReason(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return `not a JSON object but ${describe(entry)}`
  }
  const key = entry as Record<string, unknown>
  const kid = key.kid === undefined ? '' : ` ${JSON.stringify(key.kid)}`
  if (key.kid !== undefined && typeof key.kid !== 'string') return `its "kid" is not a string`
  if (key.kty === 'RSA') {
    if (!isB64(key.n) || !isB64(key.e)) return `RSA key${kid} lacks base64url "n" and "e"`
  } else if (key.kty === 'EC') {
    if (!Object.values(CURVES).includes(String(key.crv))) {
      return `EC key${kid} uses curve ${describe(key.crv)}, not P-256, P-384 or P-521`
    }
    if (!isB64(key.x) || !isB64(key.y)) return `EC key${kid} lacks base64url "x" and "y"`
  } else {
    return `key${kid} has kty ${describe(key.kty)}; only RSA and EC keys verify STS tokens`
  }
  if (key.use !== undefined && key.use !== 'sig') {
    return `key${kid} has "use" ${describe(key.use)}, not "sig"`
  }
  if (
    key.key_ops !== undefined &&
    !(Array.isArray(key.key_ops) && key.key_ops.includes('verify'))
  ) {
    return `key${kid} has "key_ops" without "verify"`
  }
  if (key.alg !== undefined && !(STS_ALGORITHMS as readonly unknown[]).includes(key.alg)) {
    return `key${kid} is for ${describe(key.alg)}, not an algorithm STS accepts`
  }
  return undefined
}

function publicPart(key: Record<string, string>): PublicJwk {
  const members = ['kty', 'kid', 'alg', 'use', 'n', 'e', 'crv', 'x', 'y'] as const
  const out: Record<string, string> = {}
  for (const m of members) if (key[m] !== undefined) out[m] = key[m]
  return out as unknown as PublicJwk
}

function isB64(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && /^[A-Za-z0-9_-]+$/.test(value)
}
