/**
 * Which token claims AWS copies into trust-policy condition keys (FACTS.md §5 "Keys"):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 *
 * Asked of the engine itself: the claims are run through the request context STS builds, so the
 * marks `decode` shows can never disagree with what `explain` and the emulators evaluate.
 */
import { providerArnFor } from '../../aws/account.js'
import { requestContextFor } from '../../aws/sts/request-context.js'

/**
 * Claim name → the condition key AWS fills from it, for a token from the payload's `iss`.
 * Claims AWS never copies are absent.
 *
 * @example
 * conditionKeysForClaims({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', event_name: 'push' })
 * // Map { 'sub' => 'token.actions.githubusercontent.com:sub' }
 */
export function conditionKeysForClaims(payload: Record<string, unknown>): Map<string, string> {
  const keys = new Map<string, string>()
  const iss = payload.iss
  if (typeof iss !== 'string' || iss === '') return keys
  const prefix = iss.replace(/^https?:\/\//, '')
  const context = requestContextFor(payload, { Url: iss, Arn: providerArnFor('000000000000', iss) })
  for (const claim of Object.keys(payload)) {
    const key = `${prefix}:${claim}`
    if (Object.hasOwn(context, key)) keys.set(claim, key)
  }
  return keys
}
