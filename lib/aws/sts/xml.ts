/**
 * STS's Query-protocol answers as XML, element for element as STS writes them (FACTS.md §4,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Examples,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html#API_GetCallerIdentity_Examples).
 */
import type { AssumeRoleWithWebIdentityResult, StsErrorShape } from '../../core/trace.js'

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

/** `GetCallerIdentityResult`, field names as the STS API. */
export interface GetCallerIdentityResult {
  /** `AROA…:SESSION` for an assumed role. */
  UserId: string
  Account: string
  Arn: string
}

/** An element: name and either text or children; `undefined` children are left out. */
type Node = [name: string, content: string | number | (Node | undefined)[]]

const NEEDS_ESCAPE = /[&<>"']|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/**
 * Escape text for an XML element: `& < > " '`, and characters XML 1.0 cannot carry at all (a
 * control character echoed back from a parameter) become U+FFFD.
 *
 * @example
 * escapeXml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  // Most text (ids, ARNs, keys, the session token) needs nothing: one test instead of six passes.
  if (!NEEDS_ESCAPE.test(text)) return text
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function render(node: Node, indent: string, attributes = ''): string {
  const [name, content] = node
  if (!Array.isArray(content))
    return `${indent}<${name}${attributes}>${escapeXml(String(content))}</${name}>\n`
  const children = content.filter((c): c is Node => c !== undefined)
  return `${indent}<${name}${attributes}>\n${children.map((c) => render(c, indent + '  ')).join('')}${indent}</${name}>\n`
}

function document(root: Node): string {
  return render(root, '', ` xmlns="${STS_NAMESPACE}"`)
}

/**
 * The `AssumeRoleWithWebIdentityResponse` document.
 *
 * @example
 * assumeRoleWithWebIdentityXml(trace.outcome.response, requestId).startsWith('<AssumeRoleWithWebIdentityResponse') // true
 */
export function assumeRoleWithWebIdentityXml(
  result: AssumeRoleWithWebIdentityResult,
  requestId: string,
): string {
  const c = result.Credentials
  return document([
    'AssumeRoleWithWebIdentityResponse',
    [
      [
        'AssumeRoleWithWebIdentityResult',
        [
          ['SubjectFromWebIdentityToken', result.SubjectFromWebIdentityToken],
          ['Audience', result.Audience],
          [
            'AssumedRoleUser',
            [
              ['Arn', result.AssumedRoleUser.Arn],
              ['AssumedRoleId', result.AssumedRoleUser.AssumedRoleId],
            ],
          ],
          [
            'Credentials',
            [
              ['SessionToken', c.SessionToken],
              ['SecretAccessKey', c.SecretAccessKey],
              ['Expiration', c.Expiration],
              ['AccessKeyId', c.AccessKeyId],
            ],
          ],
          result.PackedPolicySize !== undefined
            ? ['PackedPolicySize', result.PackedPolicySize]
            : undefined,
          result.SourceIdentity !== undefined
            ? ['SourceIdentity', result.SourceIdentity]
            : undefined,
          ['Provider', result.Provider],
        ],
      ],
      ['ResponseMetadata', [['RequestId', requestId]]],
    ],
  ])
}

/**
 * The `GetCallerIdentityResponse` document.
 *
 * @example
 * getCallerIdentityXml({ UserId: 'AROA…:GitHubActions', Account: '123456789012', Arn: 'arn:aws:sts::…' }, requestId)
 */
export function getCallerIdentityXml(result: GetCallerIdentityResult, requestId: string): string {
  return document([
    'GetCallerIdentityResponse',
    [
      [
        'GetCallerIdentityResult',
        [
          ['Arn', result.Arn],
          ['UserId', result.UserId],
          ['Account', result.Account],
        ],
      ],
      ['ResponseMetadata', [['RequestId', requestId]]],
    ],
  ])
}

/**
 * The `ErrorResponse` document. `RequestId` is a sibling of `Error`, not inside it.
 *
 * @example
 * errorResponseXml({ code: 'InvalidIdentityToken', message: 'Incorrect token audience', status: 400 }, requestId)
 */
export function errorResponseXml(error: StsErrorShape, requestId: string): string {
  const type = error.type ?? (error.status >= 500 ? 'Receiver' : 'Sender')
  return document([
    'ErrorResponse',
    [
      [
        'Error',
        [
          ['Type', type],
          ['Code', error.code],
          ['Message', error.message],
        ],
      ],
      ['RequestId', requestId],
    ],
  ])
}
