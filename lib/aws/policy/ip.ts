/**
 * IPv4 and IPv6 addresses and CIDR blocks (RFC 4632, RFC 4291) for `IpAddress`/`NotIpAddress`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 * Sim choice: a bare address means a single host (/32 or /128); host bits after the prefix are
 * ignored; an IPv4 address never matches an IPv6 block and vice versa.
 */

export interface CidrBlock {
  readonly bytes: Uint8Array
  readonly prefix: number
}

/**
 * Parse a dotted-quad IPv4 address.
 *
 * @example
 * parseIpv4('203.0.113.7') // Uint8Array [203, 0, 113, 7]
 */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const out = new Uint8Array(4)
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined
    out[i] = Number(p)
  }
  return out
}

/**
 * Parse an IPv6 address (with `::` compression and an optional trailing dotted IPv4).
 *
 * @example
 * parseIpv6('2001:db8::1')?.length // 16
 */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string): number[] | undefined => {
    if (half === '') return []
    const out: number[] = []
    const parts = half.split(':')
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p)
        if (!v4) return undefined
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!)
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) out.push(parseInt(p, 16))
      else return undefined
    }
    return out
  }
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  const out = new Uint8Array(16)
  all.forEach((g, i) => {
    out[2 * i] = g >> 8
    out[2 * i + 1] = g & 0xff
  })
  return out
}

/** Parse an IPv4 or IPv6 address. */
export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text)
}

/**
 * Parse a CIDR block such as `203.0.113.0/24` or `2001:db8::/32`; a bare address is one host.
 *
 * @example
 * parseCidr('203.0.113.0/24') // { bytes: Uint8Array [203, 0, 113, 0], prefix: 24 }
 */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/')
  const bytes = parseIp(slash === -1 ? text : text.slice(0, slash))
  if (!bytes) return undefined
  const max = bytes.length * 8
  if (slash === -1) return { bytes, prefix: max }
  const p = text.slice(slash + 1)
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined
  return { bytes, prefix: Number(p) }
}

/**
 * Whether an address lies inside a block.
 *
 * @example
 * cidrContains(parseCidr('203.0.113.0/24')!, parseIp('203.0.113.9')!) // true
 */
export function cidrContains(block: CidrBlock, address: Uint8Array): boolean {
  if (block.bytes.length !== address.length) return false
  let bits = block.prefix
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff
    if ((block.bytes[i]! & mask) !== (address[i]! & mask)) return false
  }
  return true
}
