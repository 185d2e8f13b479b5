/**
 * Deterministic stand-ins for the values a CI platform assigns (ids, commit SHAs, UUIDs, `jti`),
 * derived from names with SHA-256 so a run described by two words always mints the same claims.
 * Shared by every issuer emulator (lib/github, lib/gitlab, …).
 *
 * Claim builders (`githubClaims`, `gitlabClaims`, …) must be synchronous and pure, and WebCrypto's `crypto.subtle.digest` is async, so
 * this file carries a small synchronous SHA-256 (FIPS 180-4). It is only used to make
 * reproducible-looking identifiers, never for security.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

const digests = new Map<string, string>()
const DIGESTS_MAX = 4096

/**
 * SHA-256 of a UTF-8 string, as 64 lowercase hex characters (synchronous).
 *
 * @example
 * sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(text: string): string {
  let hex = digests.get(text)
  if (hex === undefined) {
    // Every walk derives the same dozen ids again; a small memo keeps this JS hash off its path.
    if (digests.size >= DIGESTS_MAX) digests.clear()
    digests.set(text, (hex = computeSha256Hex(text)))
  }
  return hex
}

function computeSha256Hex(text: string): string {
  const data = new TextEncoder().encode(text)
  const bitLength = data.length * 8
  const padded = new Uint8Array((((data.length + 8) >> 6) + 1) << 6)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ])
  const w = new Uint32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4)
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!
      const b = w[i - 2]!
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0
    }
    let a = h[0]!
    let b = h[1]!
    let c = h[2]!
    let d = h[3]!
    let e = h[4]!
    let f = h[5]!
    let g = h[6]!
    let hh = h[7]!
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    const next = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + next[i]!) >>> 0
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('')
}

/**
 * A 40-hex "commit SHA" derived from a seed (e.g. `octo-org/octo-repo@refs/heads/main`).
 *
 * @example
 * derivedSha('octo-org/octo-repo@refs/heads/main').length // 40
 */
export function derivedSha(seed: string): string {
  return sha256Hex(`sha:${seed}`).slice(0, 40)
}

/**
 * A positive integer id with `digits` digits derived from a seed, as a numeric string the way
 * GitHub's claims carry ids (`repository_id: "74"`).
 *
 * @example
 * derivedId('owner:octo-org', 8) // an 8-digit string such as '48213907'
 */
export function derivedId(seed: string, digits: number): string {
  const low = 10 ** (digits - 1)
  // 52 bits of the digest stay exact in a double; enough for ids up to 15 digits.
  const n = Number.parseInt(sha256Hex(`id:${seed}`).slice(0, 13), 16)
  return String(low + (n % (9 * low)))
}

/**
 * A UUID derived from a seed, laid out like GitHub's `jti` and key ids (version nibble 4, RFC 4122
 * variant) although it comes from a hash rather than a random source — so it is reproducible.
 *
 * @example
 * derivedUuid('seed') // 'xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx'
 */
export function derivedUuid(seed: string): string {
  return uuidFromHex(sha256Hex(`uuid:${seed}`))
}

/**
 * Lay out the first 32 hex characters of `hex` as a version-4-shaped UUID.
 *
 * @example
 * uuidFromHex('0'.repeat(32)) // '00000000-0000-4000-8000-000000000000'
 */
export function uuidFromHex(hex: string): string {
  const h = hex.slice(0, 32).padEnd(32, '0').split('')
  h[12] = '4'
  h[16] = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  const s = h.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}
