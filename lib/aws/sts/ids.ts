/**
 * The identifiers AWS hands out: access key ids (`ASIA…`) and role ids (`AROA…`).
 *
 * Both are a four-letter type prefix and base32 (RFC 4648 alphabet `A–Z2–7`). AWS's own key ids
 * have been shown to carry the account id in their first 48 bits, as `accountId << 7` plus seven
 * other bits (https://awsteele.com/blog/2020/09/26/aws-access-key-format.html,
 * https://medium.com/@TalBeerySec/a-short-note-on-aws-key-id-f88cc4317489). Sim choice: trustwalk
 * encodes its ids the same way, so `accountFromKeyId` works on them as on real ones.
 */
import { cyrb128, type RandomBytes } from './random.js'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * RFC 4648 base32 without padding.
 *
 * @example
 * base32(new TextEncoder().encode('foo')) // 'MZXW6'
 */
export function base32(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** Bytes that start with the account id encoded as AWS does, then `rest`. */
function withAccount(accountId: string, rest: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(6 + rest.length)
  // 48 bits: (account << 7) | low seven bits; the account fits in 40 bits (12 decimal digits).
  const low = rest[0] ?? 0
  let n = BigInt(accountId) * 128n + BigInt(low & 0x7f)
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(n & 0xffn)
    n >>= 8n
  }
  bytes.set(rest, 6)
  return bytes
}

/**
 * A temporary access key id: `ASIA` + 16 base32 characters (20 in all), as STS issues.
 *
 * @example
 * accessKeyId('123456789012', cryptoRandom) // 'ASIA…' (20 characters)
 */
export function accessKeyId(accountId: string, random: RandomBytes): string {
  return 'ASIA' + base32(withAccount(accountId, random(4)))
}

/**
 * A role's unique id: `AROA` + 17 base32 characters (21 in all), stable for one account, path and
 * name, like the id IAM assigns at CreateRole.
 *
 * @example
 * roleId('123456789012', '/', 'deploy') // 'AROA…' (21 characters)
 */
export function roleId(accountId: string, path: string, roleName: string): string {
  const words = cyrb128(`${accountId}:${path}:${roleName}`)
  const rest = new Uint8Array(5)
  for (let i = 0; i < 5; i++) rest[i] = (words[i % 4]! >>> (8 * (i >> 2))) & 0xff
  return 'AROA' + base32(withAccount(accountId, rest)).slice(0, 17)
}

/**
 * The account id encoded in an AWS key or role id (`ASIA…`, `AKIA…`, `AROA…`), or `undefined`
 * for something that is not one.
 *
 * @example
 * accountFromKeyId(accessKeyId('123456789012', cryptoRandom)) // '123456789012'
 */
export function accountFromKeyId(id: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z2-7]{10,}$/.test(id)) return undefined
  let n = 0n
  for (const ch of id.slice(4, 14)) n = (n << 5n) | BigInt(BASE32.indexOf(ch))
  // Ten characters are 50 bits; the first 48 are the six bytes that hold the account.
  const account = ((n >> 2n) & 0x7fffffffff80n) >> 7n
  return account.toString().padStart(12, '0')
}
