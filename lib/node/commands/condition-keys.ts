/**
 * Which token claims AWS copies into trust-policy condition keys (FACTS.md §5 "Keys"):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import { conditionKeyPrefix } from '../../aws/arn.js'

// Provisional until lib/aws/policy/context.ts publishes its lists.
const GENERIC = ['aud', 'sub', 'amr', 'email', 'oaud']
const GITHUB = [
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
]

/**
 * The condition key AWS fills from `claim` for a token from `issuer`, or `undefined` when IAM
 * never sees the claim.
 *
 * @example
 * conditionKeyForClaim('sub', 'https://token.actions.githubusercontent.com')
 * // 'token.actions.githubusercontent.com:sub'
 * conditionKeyForClaim('event_name', 'https://token.actions.githubusercontent.com') // undefined
 */
export function conditionKeyForClaim(
  claim: string,
  issuer: string | undefined,
): string | undefined {
  if (issuer === undefined) return undefined
  if (!GENERIC.includes(claim) && !GITHUB.includes(claim)) return undefined
  return `${conditionKeyPrefix(issuer)}:${claim}`
}
