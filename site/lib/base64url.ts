/** base64url ↔ bytes (RFC 4648 §5), for the signature lab's byte flipping. */

export function base64urlToBytes(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4)
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))
}

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The token with one bit of one payload byte flipped (the lowest bit: `o` ↔ `n`). */
export function flipPayloadByte(
  token: string,
  index: number,
): { token: string; before: string; after: string } {
  const [header = '', payload = '', signature = ''] = token.split('.')
  const bytes = base64urlToBytes(payload)
  const i = Math.max(0, Math.min(bytes.length - 1, Math.floor(index)))
  const before = String.fromCharCode(bytes[i]!)
  bytes[i] = bytes[i]! ^ 0x01
  return {
    token: `${header}.${bytesToBase64url(bytes)}.${signature}`,
    before,
    after: String.fromCharCode(bytes[i]!),
  }
}

/** The decoded payload text of a token (for pointing at a byte). */
export function payloadText(token: string): string {
  return new TextDecoder().decode(base64urlToBytes(token.split('.')[1] ?? ''))
}
