/**
 * Deterministic stand-ins for the values GitHub assigns. The generic ones (SHA-256, ids, SHAs,
 * UUIDs) are shared by every issuer and live in lib/oidc-issuer/derive.ts; GitHub's GraphQL node
 * ids are GitHub's own.
 */
import { sha256Hex } from '../oidc-issuer/derive.js'

export {
  derivedId,
  derivedSha,
  derivedUuid,
  sha256Hex,
  uuidFromHex,
} from '../oidc-issuer/derive.js'

/**
 * A GraphQL-style environment node id (`EN_kwDO…`) derived from a seed. The real ids encode
 * database ids (https://docs.github.com/en/graphql/guides/using-global-node-ids); ours only look alike.
 *
 * @example
 * derivedNodeId('EN_kwDO', 'octo-org/octo-repo:prod') // 'EN_kwDO' + 12 letters and digits
 */
export function derivedNodeId(prefix: string, seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  const hex = sha256Hex(`node:${seed}`)
  let out = prefix
  for (let i = 0; i < 12; i++)
    out += alphabet[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 62]
  return out
}
