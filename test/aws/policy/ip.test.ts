import { describe, expect, it } from 'vitest'
import {
  cidrContains,
  parseCidr,
  parseIp,
  parseIpv4,
  parseIpv6,
} from '../../../lib/aws/policy/ip.js'

const hex = (b: Uint8Array | undefined) =>
  b ? Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('') : b

describe('IP addresses', () => {
  it.each([
    ['203.0.113.7', 'cb007107'],
    ['0.0.0.0', '00000000'],
    ['255.255.255.255', 'ffffffff'],
  ])('IPv4 %s', (text, expected) => {
    expect(hex(parseIpv4(text))).toBe(expected)
  })

  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.x', ''])(
    'refuses IPv4 %j',
    (text) => {
      expect(parseIpv4(text)).toBeUndefined()
    },
  )

  it.each([
    ['::', '0'.repeat(32)],
    ['::1', '0'.repeat(31) + '1'],
    ['2001:db8::1', '20010db8' + '0'.repeat(23) + '1'],
    ['2001:DB8:0:0:0:0:0:1', '20010db8' + '0'.repeat(23) + '1'],
    ['::ffff:203.0.113.7', '0'.repeat(20) + 'ffffcb007107'],
    ['1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
  ])('IPv6 %s', (text, expected) => {
    expect(hex(parseIpv6(text))).toBe(expected)
  })

  it.each([
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    'g::1',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
  ])('refuses IPv6 %j', (text) => {
    expect(parseIpv6(text)).toBeUndefined()
  })
})

describe('CIDR blocks', () => {
  it('reads prefixes and bare addresses', () => {
    expect(parseCidr('203.0.113.0/24')?.prefix).toBe(24)
    expect(parseCidr('203.0.113.9')?.prefix).toBe(32)
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32)
    expect(parseCidr('::1')?.prefix).toBe(128)
    expect(parseCidr('1.2.3.4/33')).toBeUndefined()
    expect(parseCidr('1.2.3.4/')).toBeUndefined()
  })

  it.each([
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['203.0.113.128/25', '203.0.113.127', false],
    ['203.0.113.130/25', '203.0.113.200', true],
    ['10.0.0.0/7', '11.255.0.0', true],
    ['10.0.0.0/7', '12.0.0.0', false],
    ['0.0.0.0/0', '1.2.3.4', true],
    ['2001:db8::/33', '2001:db8:7fff::', true],
    ['2001:db8::/33', '2001:db8:8000::', false],
    ['::/0', '1.2.3.4', false],
  ])('%s contains %s → %s', (block, address, expected) => {
    expect(cidrContains(parseCidr(block)!, parseIp(address)!)).toBe(expected)
  })
})
