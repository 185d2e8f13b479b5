/**
 * Checking a SigV4-signed request (GetCallerIdentity) the way AWS does: find the session behind the
 * access key id, match its session token, check the time, and recompute the signature with AWS's
 * own signer, `@smithy/signature-v4` — never a hand-rolled canonicalisation.
 *
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4'
import type { HttpRequest } from '@smithy/types'
import { StsError } from '../../core/errors.js'
import type { RoleSession, SessionStore } from './credentials.js'

/** The request as the verifier needs it, with its raw body bytes. */
export interface SignedRequest {
  method: string
  url: URL
  headers: Headers
  body: Uint8Array
}

export type SignatureVerification =
  { ok: true; session: RoleSession } | { ok: false; error: StsError }

/** SigV4 requests may be up to 15 minutes off the server's clock (the "Signature expired" answer). */
export const SIGNATURE_SKEW_MS = 15 * 60 * 1000

export const MESSAGES = {
  missingToken: 'Request is missing Authentication Token',
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
} as const

interface Authorization {
  accessKeyId: string
  scope: { date: string; region: string; service: string; terminator: string }
  signedHeaders: string[]
  signature: string
  amzDate: string | undefined
  sessionToken: string | undefined
  /** Presigned URLs only: seconds the signature stays valid. */
  expires?: number
  presigned: boolean
}

class Verifier extends SignatureV4 {
  canonicalRequest(
    request: HttpRequest,
    headers: Record<string, string>,
    payloadHash: string,
  ): string {
    return this.createCanonicalRequest(request, headers, payloadHash)
  }
  stringToSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, 'AWS4-HMAC-SHA256')
  }
}

/**
 * Verify a request signed with SigV4 (in the `Authorization` header or as a presigned URL) against
 * the sessions STS issued. Never throws for bad input; the error is exactly what STS answers.
 *
 * @example
 * const v = await verifySignature({ method, url, headers, body }, { sessions: account.sessions, now: new Date() })
 * if (v.ok) console.log(v.session.arn)
 */
export async function verifySignature(
  request: SignedRequest,
  { sessions, now }: { sessions: SessionStore; now: Date },
): Promise<SignatureVerification> {
  const fail = (code: ConstructorParameters<typeof StsError>[0], message: string, status = 403) =>
    ({ ok: false, error: new StsError(code, message, status) }) as const
  const parsed = readAuthorization(request)
  if (parsed === undefined) return fail('MissingAuthenticationToken', MESSAGES.missingToken)
  if (typeof parsed === 'string') return fail('IncompleteSignature', parsed, 400)
  const auth = parsed
  const { scope } = auth
  if (scope.terminator !== 'aws4_request') {
    return fail(
      'SignatureDoesNotMatch',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'.`,
    )
  }
  if (scope.service !== 'sts')
    return fail('SignatureDoesNotMatch', "Credential should be scoped to correct service: 'sts'. ")
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(scope.region)) {
    return fail(
      'SignatureDoesNotMatch',
      `Credential should be scoped to a valid region, not '${scope.region}'. `,
    )
  }
  if (!auth.amzDate || !/^\d{8}T\d{6}Z$/.test(auth.amzDate)) {
    return fail(
      'IncompleteSignature',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
      400,
    )
  }
  if (auth.amzDate.slice(0, 8) !== scope.date) {
    return fail(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
    )
  }

  const session = sessions.get(auth.accessKeyId)
  if (!session || auth.sessionToken !== session.credentials.SessionToken) {
    return fail('InvalidClientTokenId', MESSAGES.invalidToken)
  }
  if (now.getTime() >= Date.parse(session.credentials.Expiration)) {
    return fail('ExpiredToken', MESSAGES.expiredToken)
  }

  const signedAt = parseAmzDate(auth.amzDate)
  const skew = auth.presigned ? 0 : SIGNATURE_SKEW_MS
  if (signedAt.getTime() < now.getTime() - skew - (auth.expires ?? 0) * 1000) {
    return fail(
      'SignatureDoesNotMatch',
      auth.presigned
        ? `Signature expired: ${auth.amzDate} is now earlier than ${amzDate(new Date(now.getTime() - (auth.expires ?? 0) * 1000))} (${amzDate(now)} - ${auth.expires} sec.)`
        : `Signature expired: ${auth.amzDate} is now earlier than ${amzDate(new Date(now.getTime() - skew))} (${amzDate(now)} - 15 min.)`,
    )
  }
  if (signedAt.getTime() > now.getTime() + SIGNATURE_SKEW_MS) {
    return fail(
      'SignatureDoesNotMatch',
      `Signature not yet current: ${auth.amzDate} is still later than ${amzDate(new Date(now.getTime() + SIGNATURE_SKEW_MS))} (${amzDate(now)} + 15 min.)`,
    )
  }

  const expected = await expectedSignature(request, auth, session)
  if (!constantTimeEqual(expected, auth.signature))
    return fail('SignatureDoesNotMatch', MESSAGES.mismatch)
  return { ok: true, session }
}

async function expectedSignature(
  request: SignedRequest,
  auth: Authorization,
  session: RoleSession,
): Promise<string> {
  const { url } = request
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of url.searchParams) {
    const prior = query[key]
    query[key] =
      prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value]
  }
  const headers: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    // `host` is forbidden in fetch's Headers; fall back to the URL the request was sent to.
    headers[name] = request.headers.get(name) ?? (name === 'host' ? url.host : '')
  }
  const httpRequest: HttpRequest = {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    path: safeDecode(url.pathname),
    query,
    headers,
  }
  const credentials = {
    accessKeyId: session.credentials.AccessKeyId,
    secretAccessKey: session.credentials.SecretAccessKey,
    sessionToken: session.credentials.SessionToken,
  }
  const { scope } = auth
  const verifier = new Verifier({
    service: scope.service,
    region: scope.region,
    credentials,
    sha256: Sha256,
    applyChecksum: false,
  })
  const canonicalHeaders = getCanonicalHeaders(httpRequest, undefined, new Set(auth.signedHeaders))
  const payloadHash = await sha256Hex(request.body)
  const canonical = verifier.canonicalRequest(httpRequest, canonicalHeaders, payloadHash)
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`
  const stringToSign = await verifier.stringToSign(auth.amzDate!, credentialScope, canonical)
  return verifier.sign(stringToSign, {
    signingDate: parseAmzDate(auth.amzDate!),
    signingRegion: scope.region,
    signingService: scope.service,
  })
}

/** The signature parts; `undefined` when unsigned, a message when malformed. */
function readAuthorization(request: SignedRequest): Authorization | string | undefined {
  const header = request.headers.get('authorization')
  const q = request.url.searchParams
  if (header === null && !q.has('X-Amz-Algorithm')) return undefined
  if (header !== null) {
    const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim())
    if (!match)
      return `Authorization header requires 'AWS4-HMAC-SHA256' as its algorithm. Authorization=${header}`
    const fields = new Map<string, string>()
    for (const part of match[1]!.split(',')) {
      const eq = part.indexOf('=')
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
    }
    const missing = ['Credential', 'Signature', 'SignedHeaders']
      .filter((f) => !fields.get(f))
      .map((f) => `Authorization header requires '${f}' parameter.`)
    if (missing.length) return `${missing.join(' ')} Authorization=${header}`
    return build(
      fields.get('Credential')!,
      fields.get('SignedHeaders')!,
      fields.get('Signature')!,
      request.headers.get('x-amz-date') ?? undefined,
      request.headers.get('x-amz-security-token') ?? undefined,
      false,
    )
  }
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    return `X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'`
  const missing = [
    'X-Amz-Credential',
    'X-Amz-Signature',
    'X-Amz-SignedHeaders',
    'X-Amz-Date',
    'X-Amz-Expires',
  ]
    .filter((f) => !q.get(f))
    .map((f) => `AWS query-string parameters must include '${f}'.`)
  if (missing.length) return `${missing.join(' ')} Re-examine the query-string parameters.`
  const auth = build(
    q.get('X-Amz-Credential')!,
    q.get('X-Amz-SignedHeaders')!,
    q.get('X-Amz-Signature')!,
    q.get('X-Amz-Date')!,
    q.get('X-Amz-Security-Token') ?? undefined,
    true,
  )
  if (typeof auth === 'string') return auth
  const expires = Number(q.get('X-Amz-Expires'))
  if (!Number.isInteger(expires) || expires < 1 || expires > 604800) {
    return 'X-Amz-Expires must be a whole number of seconds between 1 and 604800.'
  }
  return { ...auth, expires }
}

function build(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string | undefined,
  sessionToken: string | undefined,
  presigned: boolean,
): Authorization | string {
  const parts = credential.split('/')
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`
  }
  const [accessKeyId, date, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ]
  return {
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders: signedHeaders
      .split(';')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    signature: signature.toLowerCase(),
    amzDate,
    sessionToken,
    presigned,
  }
}

function parseAmzDate(s: string): Date {
  return new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  )
}

function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Sha256()
  hash.update(bytes)
  return Array.from(await hash.digest(), (b) => b.toString(16).padStart(2, '0')).join('')
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
