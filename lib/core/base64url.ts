/**
 * Strict base64url (RFC 7515 §2: the URL-safe alphabet of RFC 4648 §5, no `=` padding). A token is
 * decoded on every verification, so the work is left to the platform's native `atob`.
 */
import { MalformedTokenError } from './errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const BASE64URL = /^[A-Za-z0-9_-]*$/

/**
 * Decode one base64url part of a token to a binary string (one char per byte), strictly: only
 * `A-Z a-z 0-9 - _`, no padding, a length that encodes whole bytes, and canonical trailing bits.
 * Sim choice: non-canonical encodings (RFC 4648 §3.5) are refused, so an edited last character can
 * never decode to the same bytes.
 *
 * @throws {MalformedTokenError} naming `part` and, for a bad character, its position.
 * @example
 * decodeBase64url('eyJhbGciOiJSUzI1NiJ9', 'header (first part)') // '{"alg":"RS256"}'
 */
export function decodeBase64url(text: string, part: string): string {
  if (!BASE64URL.test(text)) {
    const chars = [...text]
    const at = chars.findIndex((c) => !ALPHABET.includes(c))
    throw new MalformedTokenError(
      `The ${part} is not base64url: ${JSON.stringify(chars[at])} at position ${at} is not allowed (only A-Z, a-z, 0-9, "-" and "_", without "=" padding).`,
    )
  }
  const rest = text.length % 4
  if (rest === 1) {
    throw new MalformedTokenError(
      `The ${part} is not base64url: ${text.length} characters cannot encode whole bytes (the token may be truncated).`,
    )
  }
  if (rest > 1 && ALPHABET.indexOf(text[text.length - 1]!) & (rest === 2 ? 15 : 3)) {
    throw new MalformedTokenError(
      `The ${part} is not canonical base64url: its last character sets bits that belong to no byte (it was altered).`,
    )
  }
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'))
}

/**
 * The bytes of a binary string (one char per byte, as `atob` returns).
 *
 * @example
 * binaryToBytes(decodeBase64url(parts.signature, 'signature')).length // 256 for RS256 with RSA-2048
 */
export function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Encode bytes, or a string as its UTF-8 bytes, as base64url without padding (RFC 7515 §2).
 *
 * @example
 * encodeBase64url('{"alg":"none"}') // 'eyJhbGciOiJub25lIn0'
 */
export function encodeBase64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Decode one base64url part to text (UTF-8), as strictly as `decodeBase64url`.
 *
 * @throws {MalformedTokenError} as `decodeBase64url`, or for bytes that are not UTF-8.
 * @example
 * decodeBase64urlText('eyJhbGciOiJub25lIn0', 'header') // '{"alg":"none"}'
 */
export function decodeBase64urlText(text: string, part: string): string {
  try {
    return UTF8.decode(binaryToBytes(decodeBase64url(text, part)))
  } catch (error) {
    if (error instanceof MalformedTokenError) throw error
    throw new MalformedTokenError(`The ${part} is not UTF-8 text.`)
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })
