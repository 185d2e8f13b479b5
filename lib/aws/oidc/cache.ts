/**
 * What a verifier remembers between tokens: each issuer's discovery result and the WebCrypto keys
 * imported from its JWKS. STS caches too (it would otherwise fetch the JWKS for every call); how
 * long is undocumented, so the default follows jose's remote JWKS (10 minutes).
 */
import type { Clock } from '../../core/clock.js'
import {
  discoverOidcConfiguration,
  type DiscoveryOptions,
  type DiscoveryResult,
} from './discovery.js'
import { importVerificationKey, type PublicJwk } from './jwks.js'
import type { StsAlgorithm } from './sources.js'

export interface VerificationCacheOptions {
  /** How long a fetched configuration is reused, in seconds of the verifier's clock. Default 600. */
  maxAgeSeconds?: number
}

/** An opaque cache to pass as `configurationCache` to `verifyWebIdentityToken`. */
export interface VerificationCache {
  readonly maxAgeSeconds: number
  /** Issuers whose configuration is currently cached. */
  issuers(): string[]
  /** Forget everything. */
  clear(): void
}

interface Entry {
  result: Extract<DiscoveryResult, { ok: true }>
  fetchedAtMs: number
}

interface State {
  entries: Map<string, Entry>
  /** Discovery in flight per issuer, so concurrent verifications share one fetch. */
  pending: Map<string, Promise<DiscoveryResult>>
}

const states = new WeakMap<VerificationCache, State>()

/** Imported keys, per published key object: a refetched JWKS brings new objects, so new imports. */
const importedKeys = new WeakMap<PublicJwk, Map<StsAlgorithm, Promise<CryptoKey>>>()

/**
 * Create a cache for discovery documents, JWKS and imported keys. A token whose `kid` is not in the
 * cached JWKS makes the verifier fetch once more, so rotated keys are picked up at once.
 *
 * @example
 * const cache = createVerificationCache()
 * await verifyWebIdentityToken(token, { providers, fetch, clock, configurationCache: cache })
 */
export function createVerificationCache(options: VerificationCacheOptions = {}): VerificationCache {
  const state: State = { entries: new Map(), pending: new Map() }
  const cache: VerificationCache = {
    maxAgeSeconds: options.maxAgeSeconds ?? 600,
    issuers: () => [...state.entries.keys()],
    clear: () => {
      state.entries.clear()
      state.pending.clear()
    },
  }
  states.set(cache, state)
  return cache
}

/** Where a configuration came from: fetched now, or reused from the cache. */
export interface CachedDiscovery {
  result: DiscoveryResult
  fromCache: boolean
}

/**
 * The issuer's configuration: from the cache when fresh (unless `refresh`), else fetched (and, when
 * it is valid, stored). Failed discoveries are never cached. Used by `verifyWebIdentityToken`.
 *
 * @example
 * const { result, fromCache } = await configurationFor(iss, { fetch, clock, cache })
 */
export async function configurationFor(
  issuer: string,
  options: DiscoveryOptions & {
    clock: Clock
    cache: VerificationCache | undefined
    refresh?: boolean
  },
): Promise<CachedDiscovery> {
  const state = options.cache && states.get(options.cache)
  if (!state || !options.cache) {
    return { result: await discoverOidcConfiguration(issuer, options), fromCache: false }
  }
  const nowMs = options.clock().getTime()
  const entry = state.entries.get(issuer)
  const maxAgeMs = options.cache.maxAgeSeconds * 1000
  if (entry && !options.refresh && Math.abs(nowMs - entry.fetchedAtMs) < maxAgeMs) {
    return { result: entry.result, fromCache: true }
  }
  let pending = state.pending.get(issuer)
  if (!pending) {
    pending = discoverOidcConfiguration(issuer, options)
    state.pending.set(issuer, pending)
    void pending.then(
      (result) => {
        state.pending.delete(issuer)
        if (result.ok) state.entries.set(issuer, { result, fetchedAtMs: nowMs })
      },
      () => state.pending.delete(issuer),
    )
  }
  return { result: await pending, fromCache: false }
}

/**
 * The WebCrypto key for a published key and algorithm, imported once per key object. A failed
 * import is not remembered.
 *
 * @example
 * const cryptoKey = await verificationKeyFor(configuration.keys[0], 'RS256')
 */
export function verificationKeyFor(key: PublicJwk, alg: StsAlgorithm): Promise<CryptoKey> {
  let byAlg = importedKeys.get(key)
  if (!byAlg) importedKeys.set(key, (byAlg = new Map()))
  let imported = byAlg.get(alg)
  if (!imported) {
    imported = importVerificationKey(key, alg)
    byAlg.set(alg, imported)
    imported.catch(() => byAlg.delete(alg))
  }
  return imported
}
