/**
 * Injected randomness for everything STS makes up: access key ids, secrets, session tokens,
 * request ids. Real runs use WebCrypto; examples, pages and tests pass `seededRandom(…)` so the
 * same scenario always produces the same credentials.
 */

/** Fills a fresh array of `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array

const POOL_SIZE = 4096
const pool = new Uint8Array(POOL_SIZE)
/** Starts "used up", so the first draw fills the pool. */
let poolOffset = POOL_SIZE

/**
 * Cryptographically strong bytes from WebCrypto (`crypto.getRandomValues`), in Node and browsers.
 *
 * @example
 * cryptoRandom(16).length // 16
 */
export const cryptoRandom: RandomBytes = (length) => {
  // One call issues credentials and a request id (five draws, ~430 bytes): they come from a pool
  // refilled 4 KiB at a time, as one getRandomValues call costs more than the bytes it fills.
  if (length <= POOL_SIZE) {
    if (poolOffset + length > POOL_SIZE) {
      crypto.getRandomValues(pool)
      poolOffset = 0
    }
    const bytes = pool.slice(poolOffset, poolOffset + length)
    poolOffset += length
    return bytes
  }
  const bytes = new Uint8Array(length)
  // getRandomValues fills at most 65,536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)))
  }
  return bytes
}

/**
 * A deterministic byte stream from a seed string, for reproducible examples and tests. NOT for
 * secrets: the generator (sfc32 seeded by cyrb128) is fast, not cryptographic.
 *
 * @example
 * const random = seededRandom('happy-path')
 * random(4) // the same four bytes on every run
 */
export function seededRandom(seed: string): RandomBytes {
  let [a, b, c, d] = cyrb128(seed)
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return t >>> 0
  }
  return (length) => {
    const bytes = new Uint8Array(length)
    for (let i = 0; i < length; i += 4) {
      const word = next()
      for (let j = 0; j < 4 && i + j < length; j++) bytes[i + j] = (word >>> (8 * j)) & 0xff
    }
    return bytes
  }
}

/**
 * A 128-bit hash of a string as four 32-bit words (seeds `seededRandom` and stable ids).
 *
 * @example
 * cyrb128('deploy').length // 4
 */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/**
 * A version-4 UUID (RFC 9562 §5.4) from the given randomness — the form of STS `RequestId`s.
 *
 * @example
 * randomUuid(seededRandom('x')) // e.g. '3f1c…-…' (36 characters)
 */
export function randomUuid(random: RandomBytes = cryptoRandom): string {
  const b = random(16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
