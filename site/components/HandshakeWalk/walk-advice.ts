/**
 * "What to change" for a failed check: one sentence per rule, keyed by check id. The library's
 * check already says what was expected and what was found; this says where to fix it.
 */
import type { Check, StepId } from '../../../lib/index.js'

const BY_ID: [RegExp, string][] = [
  [
    /^verify\.provider-for-iss/,
    'Create an IAM OIDC provider in the role’s account whose URL is exactly the token’s iss (https://token.actions.githubusercontent.com, no trailing slash), or fix the iss your issuer sends.',
  ],
  [
    /^verify\.aud-in-client-ids/,
    'Ask for the audience the provider lists (configure-aws-credentials sends sts.amazonaws.com; set audience: if you changed it), or add the token’s aud to the provider’s client IDs.',
  ],
  [
    /^verify\.kid-in-jwks/,
    'The signing key is no longer published. Request a new token (they live 5 minutes) — never cache tokens across key rotations.',
  ],
  [
    /^verify\.signature/,
    'The token was changed after GitHub signed it, or signed by someone else. Use the token exactly as the runner returned it.',
  ],
  [
    /^verify\.(exp|nbf|iat)/,
    'Request the token right before calling STS: it is valid for 5 minutes (plus 5 minutes of skew).',
  ],
  [
    /^verify\.crit/,
    'The token header lists extensions STS does not understand; GitHub never sends these.',
  ],
  [
    /^discovery\./,
    'STS must be able to fetch {iss}/.well-known/openid-configuration and its jwks_uri, and both must be valid. For GitHub, re-run the job; for your own issuer, fix the documents.',
  ],
  [
    /^issue\.(token-length|jwt-format|claims)/,
    'Pass the job’s ID token unchanged: a signed JWT with iss, sub, aud, exp and iat.',
  ],
  [
    /^issue\.role-arn-format/,
    'Give role-to-assume as a full role ARN: arn:aws:iam::ACCOUNT:role/NAME.',
  ],
  [
    /^conditions\.role-exists/,
    'Check role-to-assume: the role must exist in the account that holds the OIDC provider.',
  ],
  [
    /^conditions\.trust-policy/,
    'Change the trust policy so the failing condition accepts this run — or run the workflow from the branch, tag or environment the policy names. Never widen it to a wildcard to make the error go away.',
  ],
  [
    /^conditions\.tag-session/,
    'Allow sts:TagSession in the trust policy, or stop sending session tags (role-skip-session-tagging).',
  ],
  [
    /^conditions\.set-source-identity/,
    'Allow sts:SetSourceIdentity in the trust policy, or stop sending a source identity.',
  ],
  [
    /^credentials\.duration-within-max/,
    'Lower role-duration-seconds, or raise the role’s MaxSessionDuration (up to 43200).',
  ],
]

const BY_STEP: Record<StepId, string> = {
  discovery: 'Make the issuer’s discovery document and JWKS reachable and valid.',
  issue:
    'Fix the job’s request: it needs permissions: id-token: write and must pass the token unchanged.',
  verify:
    'The token must come from the provider’s issuer, for one of its audiences, signed by a published key, and fresh.',
  conditions: 'Make the trust policy and the run agree.',
  credentials: 'Ask for what the role allows.',
}

export function adviceFor(check: Check, step: StepId): string {
  return BY_ID.find(([pattern]) => pattern.test(check.id))?.[1] ?? BY_STEP[step]
}
