/**
 * STS `GetCallerIdentity`: who the signed request's credentials belong to. This is the call
 * aws-actions/configure-aws-credentials makes right after assuming the role (FACTS.md §2), so the
 * emulator checks the signature for real.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import type { StsError } from '../../core/errors.js'
import type { SessionStore } from './credentials.js'
import { verifySignature, type SignedRequest } from './sigv4.js'
import type { GetCallerIdentityResult } from './xml.js'

export type CallerIdentity =
  { ok: true; result: GetCallerIdentityResult } | { ok: false; error: StsError }

/**
 * Answer GetCallerIdentity for a SigV4-signed request made with credentials this account issued:
 * `UserId` `AROA…:SESSION`, `Account`, and the assumed-role `Arn`.
 *
 * @example
 * const who = await getCallerIdentity(signedRequest, { sessions: account.sessions, now: new Date() })
 * if (who.ok) console.log(who.result.Arn) // 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions'
 */
export async function getCallerIdentity(
  request: SignedRequest,
  options: { sessions: SessionStore; now: Date },
): Promise<CallerIdentity> {
  const verified = await verifySignature(request, options)
  if (!verified.ok) return verified
  const { session } = verified
  return {
    ok: true,
    result: { UserId: session.assumedRoleId, Account: session.accountId, Arn: session.arn },
  }
}
