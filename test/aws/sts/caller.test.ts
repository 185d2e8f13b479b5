import { describe, expect, it } from 'vitest'
import { stsCaller } from '../../../lib/aws/sts/caller.js'

describe('stsCaller', () => {
  it('takes the address from the connection, the agent from the headers', () => {
    const request = new Request('http://127.0.0.1:4011/', {
      headers: { 'user-agent': 'aws-cli/2' },
    })
    expect(stsCaller(request, { remoteAddress: '127.0.0.1' })).toEqual({
      sourceIp: '127.0.0.1',
      userAgent: 'aws-cli/2',
    })
  })

  it('reads an IPv4 client on a dual-stack socket as IPv4; keeps real IPv6', () => {
    const request = new Request('http://127.0.0.1/')
    expect(stsCaller(request, { remoteAddress: '::ffff:203.0.113.7' }).sourceIp).toBe('203.0.113.7')
    expect(stsCaller(request, { remoteAddress: '::1' }).sourceIp).toBe('::1')
    expect(stsCaller(request, { remoteAddress: '2001:db8::ffff:1' }).sourceIp).toBe(
      '2001:db8::ffff:1',
    )
  })

  it('knows nothing in memory: no connection, no headers', () => {
    expect(stsCaller(new Request('https://sts.amazonaws.com/'))).toEqual({})
  })

  it.each([
    ['https://sts.eu-west-1.amazonaws.com/', 'eu-west-1'],
    ['https://sts-fips.us-east-2.amazonaws.com/', 'us-east-2'],
    ['https://sts.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
    ['https://sts.us-gov-west-1.amazonaws.com/', 'us-gov-west-1'],
    ['https://sts.amazonaws.com/', undefined],
    ['http://127.0.0.1:4011/', undefined],
  ])('the region of %s is %s', (url, region) => {
    expect(stsCaller(new Request(url)).requestedRegion).toBe(region)
  })
})
