/**
 * `evaluateClaims`: a token's claims and a trust policy → the request context STS would build and
 * the policy's decision, with what to change. The policy step alone, without running STS; used by
 * the explainer and the playground, and by `explainClaims` when STS stops before the policy.
 */
import { oidcProviderArn } from '../aws/arn.js'
import { evaluateTrustPolicy } from '../aws/policy/evaluate.js'
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { PolicyDocumentError } from '../aws/policy/policy-error.js'
import type { RequestContext } from '../aws/policy/context.js'
import { requestContextFor } from '../aws/sts/request-context.js'
import { DEMO_ACCOUNT_ID, DEFAULT_ROLE_SESSION_NAME } from '../core/demo.js'
import { GITHUB_ISSUER } from '../github/claims.js'
import { trustedProviderFor } from './trusted-providers.js'
import { whatToChange } from './what-to-change.js'

export interface EvaluateClaimsOptions {
  /**
   * The IAM OIDC provider the token is matched with (`aws:FederatedProvider`). Default: the one the
   * policy names for the claims' `iss` (in `accountId` when given), else the provider for `iss` in
   * `accountId` (default the demo account).
   */
  provider?: { Url: string; Arn: string }
  accountId?: string
  /** `sts:RoleSessionName`; default `GitHubActions`, as aws-actions/configure-aws-credentials. */
  roleSessionName?: string
  /** `aws:CurrentTime`; left out of the context when not given. */
  currentTime?: Date
  /**
   * `aws:SourceIp`, the address the call came from; left out when not given
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_condition_keys_federated.html).
   */
  sourceIp?: string
}

interface Evaluated {
  /** The provider the claims were matched with. */
  provider: { Url: string; Arn: string }
  /** The keys STS fills from the claims (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif). */
  requestContext: RequestContext
}

/** The policy's verdict on the claims — or why IAM could not read the policy. */
export type ClaimsEvaluation = Evaluated &
  (
    | { ok: true; evaluation: PolicyEvaluation; whatToChange: string[] }
    | { ok: false; error: PolicyDocumentError }
  )

/**
 * Evaluate a trust policy against a token's claims, as IAM does once STS has verified the token.
 * A policy IAM would refuse (`MalformedPolicyDocument`) gives `ok: false` with the error, and the
 * request context is still built.
 *
 * @example
 * const result = evaluateClaims(policy, { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:pull_request' })
 * result.ok && result.evaluation.decision // 'ImplicitDeny'
 * result.ok && result.whatToChange // ["The token's sub is \"repo:octo-org/octo-repo:pull_request\" but the policy wants …"]
 */
export function evaluateClaims(
  policy: TrustPolicy | string | object,
  claims: Readonly<Record<string, unknown>>,
  options: EvaluateClaimsOptions = {},
): ClaimsEvaluation {
  // Claims without an iss are read as GitHub's: the issuer every page and example starts from.
  const iss = typeof claims.iss === 'string' ? claims.iss : GITHUB_ISSUER
  const provider = options.provider ?? providerFor(policy, iss, options.accountId)
  const requestContext = requestContextFor(claims, provider, {
    roleSessionName: options.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
    ...(options.currentTime && { currentTime: options.currentTime }),
    ...(options.sourceIp !== undefined && { sourceIp: options.sourceIp }),
  })
  try {
    const evaluation = evaluateTrustPolicy(policy, requestContext)
    return {
      ok: true,
      provider,
      requestContext,
      evaluation,
      whatToChange: whatToChange(evaluation),
    }
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { ok: false, provider, requestContext, error }
    throw error
  }
}

function providerFor(
  policy: TrustPolicy | string | object,
  iss: string,
  accountId: string | undefined,
): { Url: string; Arn: string } {
  let named: string | undefined
  try {
    named = trustedProviderFor(policy, iss, accountId)?.arn
  } catch (error) {
    // An unreadable policy names no provider; evaluating it reports why.
    if (!(error instanceof PolicyDocumentError)) throw error
  }
  return { Url: iss, Arn: named ?? oidcProviderArn(accountId ?? DEMO_ACCOUNT_ID, iss) }
}
