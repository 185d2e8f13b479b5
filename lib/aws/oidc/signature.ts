/**
 * The signature step: may this algorithm and key sign an STS token at all, and does the signature
 * over `header.payload` verify?
 */
import type { Check } from '../../core/trace.js'
import { verificationKeyFor } from './cache.js'
import { makeCheck } from '../../core/check.js'
import { keyFitsAlgorithm, type PublicJwk } from './jwks.js'
import type { DecodedJwt } from './jwt.js'
import { SOURCES, STS_ALGORITHMS, type StsAlgorithm } from './sources.js'

/** WebCrypto parameters per algorithm (the hash of RS* is bound to the imported key). */
const SUBTLE: Record<StsAlgorithm, AlgorithmIdentifier | EcdsaParams> = {
  RS256: 'RSASSA-PKCS1-v1_5',
  RS384: 'RSASSA-PKCS1-v1_5',
  RS512: 'RSASSA-PKCS1-v1_5',
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  ES384: { name: 'ECDSA', hash: 'SHA-384' },
  ES512: { name: 'ECDSA', hash: 'SHA-512' },
}
const encoder = new TextEncoder()

/**
 * Why a token's `alg` cannot be verified with its key, or `undefined` when it can be tried: `none`
 * (unsigned) and HMAC algorithms are never accepted (RFC 8725 §2.1, §3.1); only the algorithms STS
 * lists are; and the key must be of the algorithm's type.
 *
 * @example
 * signatureProblem('none', false) // 'The header says alg "none": an unsigned token…'
 */
export function signatureProblem(
  alg: string,
  allowed: boolean,
  mismatchedKey?: PublicJwk,
): string | undefined {
  if (alg === 'none') {
    return 'The header says alg "none": an unsigned token, which anyone can write. STS never accepts one.'
  }
  if (/^HS\d+$/.test(alg)) {
    return `The header says alg ${alg}, an HMAC (shared-secret) algorithm. The issuer's key is public, so an HMAC "signed" with it proves nothing; STS never accepts one.`
  }
  if (!allowed) {
    return `The header says alg ${JSON.stringify(alg)}; STS accepts only ${STS_ALGORITHMS.join(', ')}.`
  }
  if (mismatchedKey) {
    const kind = mismatchedKey.kty === 'EC' ? `an EC ${mismatchedKey.crv} key` : 'an RSA key'
    const forAlg = mismatchedKey.alg ? ` published for ${mismatchedKey.alg}` : ''
    return `The header says alg ${alg}, but key ${mismatchedKey.kid ?? '(no kid)'} is ${kind}${forAlg}, which cannot verify ${alg}.`
  }
  return undefined
}

/**
 * Check the signature of a decoded token against the published keys its header points at. The
 * key is imported by jose (`importJWK`, for exactly this algorithm; cached per key); the signature
 * is then verified with WebCrypto over the signing input `decodeJwt` already validated, the same
 * call jose's `jwtVerify` ends in, without parsing the token a second time. The property tests
 * hold this verdict equal to jose's `compactVerify` on thousands of mutated tokens.
 *
 * @example
 * const { check, key } = await checkSignature(decodeJwt(token), keysForKid(jwks.keys, kid))
 * check.ok // true when a published key verifies the signature
 */
export async function checkSignature(
  jwt: DecodedJwt,
  keys: PublicJwk[],
): Promise<{ check: Check; key?: PublicJwk; cause?: unknown }> {
  const alg = jwt.header.alg
  const allowed = (STS_ALGORITHMS as readonly string[]).includes(alg)
  const key = allowed ? keys.find((k) => keyFitsAlgorithm(k, alg as StsAlgorithm)) : undefined
  const result = (ok: boolean, word: () => string) =>
    makeCheck('verify.signature', ok, SOURCES.jwtBcpAlgorithms, word, STS_ALGORITHMS, alg)
  if (!key) {
    const refused = signatureProblem(alg, allowed, keys[0])
    return { check: result(false, () => refused ?? '') }
  }
  const kid = key.kid ?? '(no kid)'
  let verified: boolean
  try {
    const cryptoKey = await verificationKeyFor(key, alg as StsAlgorithm)
    verified = await crypto.subtle.verify(
      SUBTLE[alg as StsAlgorithm],
      cryptoKey,
      jwt.signature as Uint8Array<ArrayBuffer>,
      encoder.encode(jwt.signingInput),
    )
  } catch (error) {
    // A key jose will not import (ERR_JWK_INVALID, ERR_JOSE_NOT_SUPPORTED, a short RSA modulus)
    // or a WebCrypto failure: the signature cannot be checked, so the token is not accepted.
    const why = error instanceof Error ? error.message : String(error)
    return {
      check: result(false, () => `The ${alg} signature cannot be checked with key ${kid}: ${why}`),
      cause: error,
    }
  }
  if (!verified) {
    return {
      check: result(
        false,
        () =>
          `The ${alg} signature over header.payload does not verify with key ${kid}: the header or payload was changed after signing, or another key signed it.`,
      ),
    }
  }
  const check = result(
    true,
    () => `The ${alg} signature over header.payload verifies with the issuer's key ${kid}.`,
  )
  return { check, key }
}
