/**
 * What STS learns about the caller from the HTTP request itself, beyond its parameters: the
 * address it came from, its `User-Agent`, and the region of the endpoint it called. These fill the
 * request-derived global condition keys (`aws:SourceIp`, `aws:UserAgent`, `aws:RequestedRegion`)
 * a trust policy can test.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { ConnectionInfo } from '../../core/network.js'

export interface StsCaller {
  sourceIp?: string
  userAgent?: string
  requestedRegion?: string
}

/** `sts.eu-west-1.amazonaws.com`, `sts-fips.us-east-2.amazonaws.com`, `sts.cn-north-1.amazonaws.com.cn` */
const REGIONAL_ENDPOINT = /^sts(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/

/**
 * The caller as an STS endpoint sees it. An IPv4 client on a dual-stack socket shows as
 * `::ffff:a.b.c.d`; Sim choice: it is reported as `a.b.c.d`, so IPv4 `aws:SourceIp` conditions
 * apply to it. The region is read from a regional endpoint's host name, else left to the default
 * (`us-east-1`, where the global endpoint sts.amazonaws.com lives).
 *
 * @example
 * stsCaller(new Request('https://sts.eu-west-1.amazonaws.com/', { headers: { 'user-agent': 'aws-cli/2' } }), { remoteAddress: '::ffff:203.0.113.7' })
 * // { sourceIp: '203.0.113.7', userAgent: 'aws-cli/2', requestedRegion: 'eu-west-1' }
 */
export function stsCaller(request: Request, connection?: ConnectionInfo): StsCaller {
  const address = connection?.remoteAddress
  const sourceIp = address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
  const userAgent = request.headers.get('user-agent') ?? undefined
  const region = REGIONAL_ENDPOINT.exec(new URL(request.url).hostname)?.[1]
  return {
    ...(sourceIp && { sourceIp }),
    ...(userAgent !== undefined && { userAgent }),
    ...(region && { requestedRegion: region }),
  }
}
