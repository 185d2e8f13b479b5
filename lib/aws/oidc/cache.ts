/**
 * What a verifier remembers between tokens: each issuer's discovery result and the WebCrypto keys
 * imported from its JWKS. STS caches too (it would otherwise fetch the JWKS for every call); how
 * long is undocumented, so the default follows jose's remote JWKS (10 minutes).
 *
 * A token whose `kid` the cached JWKS lacks makes the verifier fetch again (keys rotate, FACTS.md
 * §1.2). How often STS refetches for unknown keys is undocumented (FACTS.md says nothing of it);
 * unbounded, 1,000 tokens with made-up kids would cost 2,000 fetches. Sim choice, as jose's
 * remote JWKS (`cooldownDuration: 30000`, FACTS.md §8.1): after such a refetch, an issuer is not
 * fetched again for an unknown kid for 30 seconds.
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
  /**
   * After a refetch for an unknown `kid`, how long the issuer is not refetched for another one, in
   * seconds of the verifier's clock. Default 30 (jose's `cooldownDuration`).
   */
  cooldownSeconds?: number
}

/** The default `cooldownSeconds`, for messages. */
export const KID_REFETCH_COOLDOWN_SECONDS = 30

/** An opaque cache to pass as `configurationCache` to `verifyWebIdentityToken`. */
export interface VerificationCache {
  readonly maxAgeSeconds: number
  readonly cooldownSeconds: number
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
  /** When each issuer was last refetched for an unknown kid (verifier's clock, ms). */
  refetchedAtMs: Map<string, number>
  /** Discovery in flight per issuer, so concurrent verifications share one fetch. */
  pending: Map<string, Promise<DiscoveryResult>>
}

const states = new WeakMap<VerificationCache, State>()

/**
 * Imported keys, by key material and algorithm (not by object: every fetched JWKS brings new
 * objects, and every `walk()` fetches one). Importing costs a WebCrypto job; the material decides
 * the key completely, so equal material shares one import. Bounded: the oldest entry goes first.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>()
const IMPORTED_KEYS_MAX = 256

/**
 * Create a cache for discovery documents, JWKS and imported keys. A token whose `kid` is not in the
 * cached JWKS makes the verifier fetch once more, so rotated keys are picked up at once.
 *
 * @example
 * const cache = createVerificationCache()
 * await verifyWebIdentityToken(token, { providers, fetch, clock, configurationCache: cache })
 */
export function createVerificationCache(options: VerificationCacheOptions = {}): VerificationCache {
  const state: State = { entries: new Map(), pending: new Map(), refetchedAtMs: new Map() }
  const cache: VerificationCache = {
    maxAgeSeconds: options.maxAgeSeconds ?? 600,
    cooldownSeconds: options.cooldownSeconds ?? KID_REFETCH_COOLDOWN_SECONDS,
    issuers: () => [...state.entries.keys()],
    clear: () => {
      state.entries.clear()
      state.pending.clear()
      state.refetchedAtMs.clear()
    },
  }
  states.set(cache, state)
  return cache
}

/** Where a configuration came from: fetched now, or reused from the cache. */
export interface CachedDiscovery {
  result: DiscoveryResult
  fromCache: boolean
  /** A `refresh` was asked for but not made: the issuer was refetched within the cooldown. */
  coolingDown?: boolean
}

/**
 * The issuer's configuration: from the cache when fresh (unless `refresh`), else fetched (and, when
 * it is valid, stored). Failed discoveries are never cached. A `refresh` (for an unknown kid) is
 * made at most once per `cooldownSeconds` per issuer; within it, the cached configuration comes
 * back with `coolingDown`. Used by `verifyWebIdentityToken`.
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
  const fresh = entry !== undefined && Math.abs(nowMs - entry.fetchedAtMs) < maxAgeMs
  if (entry && fresh && !options.refresh) return { result: entry.result, fromCache: true }
  if (entry && fresh && options.refresh) {
    const last = state.refetchedAtMs.get(issuer)
    if (last !== undefined && Math.abs(nowMs - last) < options.cache.cooldownSeconds * 1000) {
      return { result: entry.result, fromCache: true, coolingDown: true }
    }
    state.refetchedAtMs.set(issuer, nowMs)
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
 * The WebCrypto key for a published key and algorithm, imported once per key material. A failed
 * import is not remembered.
 *
 * @example
 * const cryptoKey = await verificationKeyFor(configuration.keys[0], 'RS256')
 */
export function verificationKeyFor(key: PublicJwk, alg: StsAlgorithm): Promise<CryptoKey> {
  // Every member that reaches the import except the kid, which names the key but is not in it.
  const id = JSON.stringify([alg, key.kty, key.alg, key.use, key.n, key.e, key.crv, key.x, key.y])
  let imported = importedKeys.get(id)
  if (!imported) {
    imported = importVerificationKey(key, alg)
    if (importedKeys.size >= IMPORTED_KEYS_MAX)
      importedKeys.delete(importedKeys.keys().next().value!)
    importedKeys.set(id, imported)
    const pending = imported
    pending.catch(() => {
      if (importedKeys.get(id) === pending) importedKeys.delete(id)
    })
  }
  return imported
}
