/**
 * Temporary security credentials as STS issues them, and the account's memory of them so that a
 * later signed request (GetCallerIdentity) can be checked against the real secret and token.
 *
 * Formats (FACTS.md §4, https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html):
 * AccessKeyId `ASIA` + 16 = 20 uppercase alphanumerics; SecretAccessKey 40 characters of
 * `[A-Za-z0-9/+]`; SessionToken opaque, modern ones starting `IQoJb3JpZ2luX2Vj`; Expiration
 * ISO-8601 UTC = now + DurationSeconds.
 */
import type { StsCredentials } from '../../core/trace.js'
import { accessKeyId } from './ids.js'
import type { RandomBytes } from './random.js'

/** `IQoJb3JpZ2luX2Vj` is base64 of these 12 bytes, the header of a modern session token. */
const TOKEN_HEADER = new TextEncoder().encode('!\n\torigin_ec')
/** Random bytes after the header; the token is 512 base64 characters in all. */
const TOKEN_BODY_BYTES = 372

/** What STS remembers about one role session. */
export interface RoleSession {
  credentials: StsCredentials
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` */
  arn: string
  /** `AROA…:SESSION` */
  assumedRoleId: string
  accountId: string
  roleArn: string
  sourceIdentity?: string
}

/**
 * The sessions an account has issued, by access key id. Expired sessions are kept for a while so
 * that a late request gets `ExpiredToken` rather than `InvalidClientTokenId`, then forgotten.
 */
export interface SessionStore {
  add(session: RoleSession): void
  get(accessKeyId: string): RoleSession | undefined
  readonly size: number
}

/**
 * An in-memory session store holding at most `maxSessions` (oldest dropped first).
 *
 * @example
 * const sessions = createSessionStore()
 * sessions.add(session)
 * sessions.get(session.credentials.AccessKeyId) // session
 */
export function createSessionStore({ maxSessions = 100_000 } = {}): SessionStore {
  const byKey = new Map<string, RoleSession>()
  return {
    add(session) {
      byKey.set(session.credentials.AccessKeyId, session)
      while (byKey.size > maxSessions) byKey.delete(byKey.keys().next().value!)
    },
    get: (id) => byKey.get(id),
    get size() {
      return byKey.size
    },
  }
}

/**
 * Mint a fresh set of temporary credentials valid for `durationSeconds` from `now`.
 *
 * @example
 * const creds = issueCredentials({ accountId: '123456789012', now: new Date(), durationSeconds: 3600, random: cryptoRandom })
 * creds.AccessKeyId // 'ASIA…'
 */
export function issueCredentials(options: {
  accountId: string
  now: Date
  durationSeconds: number
  random: RandomBytes
}): StsCredentials {
  const { accountId, now, durationSeconds, random } = options
  const token = new Uint8Array(TOKEN_HEADER.length + TOKEN_BODY_BYTES)
  token.set(TOKEN_HEADER)
  token.set(random(TOKEN_BODY_BYTES), TOKEN_HEADER.length)
  return {
    AccessKeyId: accessKeyId(accountId, random),
    SecretAccessKey: base64(random(30)),
    SessionToken: base64(token),
    Expiration: isoSeconds(new Date(now.getTime() + durationSeconds * 1000)),
  }
}

/**
 * ISO-8601 UTC without milliseconds, as STS writes times.
 *
 * @example
 * isoSeconds(new Date('2026-10-08T19:31:15.250Z')) // '2026-10-08T19:31:15Z'
 */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}
