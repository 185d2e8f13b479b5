/**
 * Reading an AWS Query-protocol request: `Action=…&Version=…&Name=value` as an
 * `application/x-www-form-urlencoded` POST body, or as a GET query string
 * (https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html,
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html).
 */
import { StsError } from '../../core/errors.js'

export interface QueryRequest {
  method: string
  url: URL
  headers: Headers
  /** The raw body, for signature checks. */
  body: Uint8Array
  /** Parameters from the query string and the form body (the body wins). */
  params: Map<string, string>
}

export type QueryParse = { ok: true; request: QueryRequest } | { ok: false; error: StsError }

/**
 * Decode `a=1&b=two+words` strictly: `+` is a space, `%XX` must be valid percent-encoding of UTF-8.
 * Returns the first problem as a message instead of guessing.
 *
 * @example
 * decodeForm('Action=GetCallerIdentity&Version=2011-06-15').get('Action') // 'GetCallerIdentity'
 * decodeForm('Action=%ZZ') // "…invalid percent-encoding…"
 */
export function decodeForm(text: string): Map<string, string> | string {
  const params = new Map<string, string>()
  if (text === '') return params
  for (const pair of text.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const rawKey = eq < 0 ? pair : pair.slice(0, eq)
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1)
    const key = decodeComponent(rawKey)
    const value = decodeComponent(rawValue)
    if (key === undefined || value === undefined) {
      const bad = key === undefined ? rawKey : rawValue
      return `The query string contains invalid percent-encoding: ${JSON.stringify(bad.length > 60 ? bad.slice(0, 60) + '…' : bad)}.`
    }
    params.set(key, value)
  }
  return params
}

function decodeComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

/**
 * Read a Request as a Query-protocol call. A POST body counts only when it is form-encoded, as the
 * protocol requires; any other body (JSON, XML, text) leaves only the query string's parameters.
 *
 * @example
 * const parsed = await readQueryRequest(new Request('http://sts.local/?Action=GetCallerIdentity&Version=2011-06-15'))
 * parsed.ok && parsed.request.params.get('Action') // 'GetCallerIdentity'
 */
export async function readQueryRequest(request: Request): Promise<QueryParse> {
  const url = new URL(request.url)
  const body = await bodyBytes(request)
  // Sim choice: AWS's answer to broken percent-encoding is undocumented beyond the common
  // "MalformedQueryString"; trustwalk answers InvalidParameterValue (400) naming the bad part.
  const invalid = (message: string) =>
    ({ ok: false, error: new StsError('InvalidParameterValue', message) }) as const
  const fromQuery = decodeForm(url.search.slice(1))
  if (typeof fromQuery === 'string') return invalid(fromQuery)
  const params = fromQuery
  const contentType = (request.headers.get('content-type') ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase()
  if (
    request.method === 'POST' &&
    contentType === 'application/x-www-form-urlencoded' &&
    body.length > 0
  ) {
    let text: string
    try {
      text = strictUtf8.decode(body)
    } catch {
      return invalid('The request body is not valid UTF-8.')
    }
    const fromBody = decodeForm(text)
    if (typeof fromBody === 'string')
      return invalid(fromBody.replace('query string', 'request body'))
    for (const [k, v] of fromBody) params.set(k, v)
  }
  return {
    ok: true,
    request: { method: request.method, url, headers: request.headers, body, params },
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The body's bytes: `bytes()` where the runtime has it (quicker than `arrayBuffer()` in Node). */
async function bodyBytes(request: Request): Promise<Uint8Array> {
  const withBytes = request as Request & { bytes?: () => Promise<Uint8Array> }
  return typeof withBytes.bytes === 'function'
    ? withBytes.bytes()
    : new Uint8Array(await request.arrayBuffer())
}

/**
 * The `PolicyArns.member.N.arn` list, in N order (the Query protocol's list encoding).
 *
 * @example
 * policyArnsFrom(new Map([['PolicyArns.member.1.arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess']]))
 * // [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]
 */
export function policyArnsFrom(params: Map<string, string>): { arn: string }[] | undefined {
  const found: [number, string][] = []
  for (const [key, value] of params) {
    const m = /^PolicyArns\.member\.(\d+)\.arn$/.exec(key)
    if (m) found.push([Number(m[1]), value])
  }
  if (found.length === 0) return undefined
  return found.sort((a, b) => a[0] - b[0]).map(([, arn]) => ({ arn }))
}
