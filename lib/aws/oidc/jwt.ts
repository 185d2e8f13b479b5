/**
 * Reading a JWT without verifying it: the JWS Compact Serialization (RFC 7515 §7.1) split into
 * its three parts, each decoded strictly. Verification lives in verify.ts.
 */
import { MalformedTokenError } from '../../core/errors.js'
import { binaryToBytes, decodeBase64url } from '../../core/base64url.js'
import { describe } from './describe.js'
import { WEB_IDENTITY_TOKEN_MAX } from './sources.js'

/** A JOSE header as it appears in the token. `alg` is always a string; `kid`, when present, too. */
export interface JwtHeader {
  alg: string
  kid?: string
  typ?: string
  [name: string]: unknown
}

/** A JWT taken apart, not verified. */
export interface DecodedJwt {
  header: JwtHeader
  /** The claims: a JSON object, exactly as in the token. */
  payload: Record<string, unknown>
  /** The signature bytes (empty for an unsigned `alg: none` token). */
  signature: Uint8Array
  /** `base64url(header) + '.' + base64url(payload)`: the bytes the signature covers. */
  signingInput: string
  /** The three base64url parts as they appear in the token. */
  parts: { header: string; payload: string; signature: string }
}

const PART_NAMES = ['header (first part)', 'payload (second part)', 'signature (third part)']
const NON_ASCII = /[\x80-\xff]/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Take a JWT apart: split the three dot-separated parts, base64url-decode each, and parse the
 * header and payload as JSON objects. Nothing is verified. Strict on purpose: no surrounding
 * whitespace, no `Bearer ` prefix, no `=` padding (use {@link extractToken} for pasted text).
 *
 * @throws {MalformedTokenError} with one sentence naming what is wrong and where: empty input,
 *   a wrong number of parts (a 5-part JWE is named as such), bad base64url in a named part,
 *   a header or payload that is not a JSON object, a missing or non-string `alg`, a non-string
 *   `kid`, or more than 20,000 characters (STS's `WebIdentityToken` maximum).
 * @example
 * const { header, payload } = decodeJwt(token)
 * header.kid   // '1F2AB83404C08EC9EA0BB99DAED02186B091DBF4'
 * payload.sub  // 'repo:octo-org/octo-repo:ref:refs/heads/main'
 */
export function decodeJwt(token: string): DecodedJwt {
  if (typeof token !== 'string') {
    throw new MalformedTokenError(`The token must be a string, not ${describe(token)}.`)
  }
  if (token.length === 0) throw new MalformedTokenError('The token is empty.')
  if (token.length > WEB_IDENTITY_TOKEN_MAX) {
    throw new MalformedTokenError(
      `The token is ${token.length} characters long; STS accepts at most ${WEB_IDENTITY_TOKEN_MAX}.`,
    )
  }
  if (token.trim() !== token) {
    throw new MalformedTokenError(
      'The token starts or ends with whitespace; a JWT has none, so paste only the token.',
    )
  }
  const segments = token.split('.')
  if (segments.length === 5) {
    throw new MalformedTokenError(
      'This is a JWE (5 dot-separated parts): an encrypted token. STS expects a signed JWT with 3 parts.',
    )
  }
  if (segments.length !== 3) {
    throw new MalformedTokenError(
      `A JWT has 3 base64url parts separated by dots (header.payload.signature); this token has ${segments.length}.` +
        (segments.length === 1 ? ' It may be an opaque access token rather than an ID token.' : ''),
    )
  }
  const [h, p, s] = segments as [string, string, string]
  const header = parseJsonObject(h, 0)
  if (!('alg' in header)) {
    throw new MalformedTokenError(
      'The header has no "alg"; every JWS header names its signing algorithm (RFC 7515 §4.1.1).',
    )
  }
  if (typeof header.alg !== 'string') {
    throw new MalformedTokenError(
      `The header's "alg" must be a string, not ${describe(header.alg)}.`,
    )
  }
  if ('kid' in header && typeof header.kid !== 'string') {
    throw new MalformedTokenError(
      `The header's "kid" must be a string, not ${describe(header.kid)}.`,
    )
  }
  const payload = parseJsonObject(p, 1)
  const signature = decodeBase64url(s, PART_NAMES[2]!)
  let bytes: Uint8Array | undefined
  return {
    header: header as JwtHeader,
    payload,
    // Decoded now (so bad base64url throws here), converted to bytes only when read.
    get signature() {
      return (bytes ??= binaryToBytes(signature))
    },
    signingInput: token.slice(0, h.length + 1 + p.length),
    parts: { header: h, payload: p, signature: s },
  }
}

/**
 * Pull a token out of pasted text, leniently: trims whitespace (also line breaks inside a wrapped
 * token), strips a `Bearer ` prefix, unquotes a JSON string, and reads the runner's
 * `{"value": "<jwt>"}` answer (or an `id_token`/`token` field). The result still needs
 * {@link decodeJwt}; this never throws.
 *
 * @example
 * extractToken('{"count":1,"value":"eyJhbGciOi…"}') // 'eyJhbGciOi…'
 * extractToken('Bearer eyJhbGciOi…\n')              // 'eyJhbGciOi…'
 */
export function extractToken(text: string): string {
  let candidate = String(text).trim()
  if (candidate.startsWith('{') || candidate.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(candidate)
      if (typeof parsed === 'string') candidate = parsed.trim()
      else if (isJsonObject(parsed)) {
        const field = ['value', 'id_token', 'token'].map((k) => parsed[k]).find(isString)
        if (field !== undefined) candidate = field.trim()
      }
    } catch {
      // Not JSON after all: keep the text as it is.
    }
  }
  candidate = candidate.replace(/^bearer\s+/i, '')
  return candidate.replace(/\s+/g, '')
}

function parseJsonObject(segment: string, index: 0 | 1): Record<string, unknown> {
  const part = PART_NAMES[index]!
  if (segment.length === 0) throw new MalformedTokenError(`The ${part} is empty.`)
  const binary = decodeBase64url(segment, part)
  let text = binary
  if (NON_ASCII.test(binary)) {
    try {
      text = utf8.decode(binaryToBytes(binary))
    } catch {
      throw new MalformedTokenError(`The ${part} decodes to bytes that are not UTF-8 text.`)
    }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new MalformedTokenError(`The ${part} decodes to text that is not JSON.`)
  }
  if (!isJsonObject(value)) {
    throw new MalformedTokenError(`The ${part} must be a JSON object, not ${describe(value)}.`)
  }
  return value
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}
