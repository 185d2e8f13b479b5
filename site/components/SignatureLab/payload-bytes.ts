/**
 * The signature lab's byte flipping: a token's payload as bytes, one bit of one byte flipped, and
 * the token re-assembled around it — with the library's base64url (lib/core).
 */
import {
  binaryToBytes,
  decodeBase64url,
  decodeBase64urlText,
  encodeBase64url,
} from '../../../lib/index.js'

/** The token with one bit of one payload byte flipped (the lowest bit: `o` ↔ `n`). */
export function flipPayloadByte(
  token: string,
  index: number,
): { token: string; before: string; after: string } {
  const [header = '', payload = '', signature = ''] = token.split('.')
  const bytes = binaryToBytes(decodeBase64url(payload, 'payload'))
  const i = Math.max(0, Math.min(bytes.length - 1, Math.floor(index)))
  const before = String.fromCharCode(bytes[i]!)
  bytes[i] = bytes[i]! ^ 0x01
  return {
    token: `${header}.${encodeBase64url(bytes)}.${signature}`,
    before,
    after: String.fromCharCode(bytes[i]!),
  }
}

/** The decoded payload text of a token (for pointing at a byte). */
export function payloadText(token: string): string {
  return decodeBase64urlText(token.split('.')[1] ?? '', 'payload')
}

/** The decoded payload around one byte: the text before it, the byte itself, the text after. */
export function payloadExcerpt(
  token: string,
  index: number,
  radius = 20,
): { before: string; byte: string; after: string } {
  const bytes = binaryToBytes(decodeBase64url(token.split('.')[1] ?? '', 'payload'))
  const i = Math.max(0, Math.min(bytes.length - 1, Math.floor(index)))
  const text = (from: number, to: number): string =>
    String.fromCharCode(...bytes.slice(Math.max(0, from), Math.max(0, to)))
  return {
    before: `${i - radius > 0 ? '…' : ''}${text(i - radius, i)}`,
    byte: text(i, i + 1),
    after: `${text(i + 1, i + 1 + radius)}${i + 1 + radius < bytes.length ? '…' : ''}`,
  }
}
