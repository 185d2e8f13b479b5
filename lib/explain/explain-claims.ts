/**
 * `explainClaims`: why STS says "Not authorized to perform sts:AssumeRoleWithWebIdentity" — or
 * would not. The claims (or the token) are run through the real AssumeRoleWithWebIdentity against
 * an account built from the trust policy: the providers its `Federated` principals name, and the
 * role. What `trustwalk explain` prints, decided here.
 */
import { createAwsAccount, providerArnFor, type OidcProviderInput } from '../aws/account.js'
import { parseRoleArn, roleArn as formatRoleArn } from '../aws/arn.js'
import type { Decision, PolicyEvaluation } from '../aws/policy/evaluation.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'
import { assumeRoleWithWebIdentity } from '../aws/sts/assume-role-with-web-identity.js'
import { fixedClock, systemClock, type Clock } from '../core/clock.js'
import { DEFAULT_ROLE_SESSION_NAME, DEMO_ACCOUNT_ID, STS_AUDIENCE } from '../core/demo.js'
import type { Fetch } from '../core/network.js'
import { stepData, type Trace } from '../core/trace.js'
import { whatToChangeInTrace } from './check-advice.js'
import { tokenForClaims, withoutTokenChecks } from './claims-token.js'
import { evaluateClaims } from './evaluate-claims.js'
import { trustedProviders } from './trusted-providers.js'

/** The role explained when no role ARN is given: `arn:aws:iam::ACCOUNT:role/ROLE`. */
const DEFAULT_ROLE_NAME = 'ROLE'

export interface ExplainClaimsInput {
  /** The role's trust policy. */
  policy: TrustPolicy | string | object
  /** The token's claims (with `token`, its payload). */
  claims: Readonly<Record<string, unknown>>
  /**
   * The token itself: then everything is checked, its signature too, through `fetch`. Without it
   * the claims are wrapped in a token signed with a throwaway key, and the checks about the token
   * (format, discovery, signature) are replaced by notes saying they were not made.
   */
  token?: string
  /** How STS reaches the issuer for a `token` (default: the platform's `fetch`). */
  fetch?: Fetch
  /** When STS is called. Default: now for a token, the claims' `iat` for claims. */
  clock?: Clock
  /** The account of the role and providers. Default: the role ARN's, else the policy's first provider's. */
  accountId?: string
  /** The role to assume. Default `ROLE` in the account. */
  roleArn?: string
  /** The IAM OIDC providers' client IDs (audiences). Default `sts.amazonaws.com`. */
  clientIds?: readonly string[]
  /** Default `GitHubActions`, as aws-actions/configure-aws-credentials. */
  roleSessionName?: string
  /** Where the claims came from, for the note that replaces the token checks. */
  claimsSource?: string
  /** Word advice and notes for `trustwalk explain`, naming its options. */
  explainOptions?: boolean
}

export interface ClaimsExplanation {
  /** The five steps as STS ran them. */
  trace: Trace
  /** The trust policy's evaluation — computed even when STS stopped before the policy. */
  evaluation: PolicyEvaluation
  decision: Decision
  /** What to change so that STS issues credentials (empty when it does). */
  whatToChange: string[]
  /** Whether the token's signature was checked (a token was given). */
  signatureChecked: boolean
  /** The moment STS was called. */
  evaluatedAt: Date
  accountId: string
  /** Where the account id came from. */
  accountFrom: 'accountId' | 'roleArn' | 'policy' | 'placeholder'
  /** The IAM OIDC providers created in the account: one per host the policy names there. */
  oidcProviders: OidcProviderInput[]
  roleArn: string
  roleSessionName: string
}

/**
 * Run claims (or a token) and a trust policy through AssumeRoleWithWebIdentity, and say why it
 * succeeds or fails, and what to change.
 *
 * Explaining an existing role: IAM does not re-check old policies against its GitHub guardrail
 * (FACTS.md §5), so the role is created as one written before it.
 *
 * @throws {PolicyDocumentError} when the policy cannot be read (`MalformedPolicyDocument`).
 * @example
 * const e = await explainClaims({ policy, claims: JSON.parse(readFileSync('claims-pr.json', 'utf8')) })
 * e.decision // 'ImplicitDeny'
 * e.trace.outcome // { ok: false, error: { code: 'AccessDenied', … } }
 * e.whatToChange // ["The token's sub is \"repo:octo-org/octo-repo:pull_request\" but the policy wants …"]
 */
export async function explainClaims(input: ExplainClaimsInput): Promise<ClaimsExplanation> {
  const policy = parseTrustPolicy(input.policy)
  const providers = trustedProviders(policy)
  const role = input.roleArn === undefined ? undefined : parseRoleArn(input.roleArn)
  const [accountId, accountFrom]: [string, ClaimsExplanation['accountFrom']] = input.accountId
    ? [input.accountId, 'accountId']
    : role
      ? [role.accountId, 'roleArn']
      : providers[0]
        ? [providers[0].accountId, 'policy']
        : [DEMO_ACCOUNT_ID, 'placeholder']
  const clientIds = input.clientIds?.length ? [...input.clientIds] : [STS_AUDIENCE]
  const urls = [...new Set(providers.filter((p) => p.accountId === accountId).map((p) => p.url))]
  const oidcProviders = urls.map((Url) => ({ Url, ClientIDList: clientIds }))
  const roleName = role?.roleName ?? DEFAULT_ROLE_NAME
  const rolePath = role?.path ?? '/'
  const roleArn = input.roleArn ?? formatRoleArn(accountId, roleName, rolePath)
  const roleSessionName = input.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME
  const account = createAwsAccount({
    accountId,
    oidcProviders,
    roles: [
      {
        RoleName: roleName,
        Path: rolePath,
        AssumeRolePolicyDocument: policy.source,
        legacyRole: true,
      },
    ],
  })

  const { claims } = input
  const iss = typeof claims.iss === 'string' ? claims.iss : ''
  let token: string
  let clock: Clock
  let fetch: Fetch
  let present = (trace: Trace) => trace
  if (input.token !== undefined) {
    token = input.token
    clock = input.clock ?? systemClock
    fetch = input.fetch ?? ((request, init) => globalThis.fetch(request, init))
  } else {
    // Claims from a past run are judged as of the moment they were issued.
    const iat = claims.iat
    clock =
      input.clock ??
      (typeof iat === 'number' && Number.isFinite(iat) ? fixedClock(iat * 1000) : systemClock)
    const wrapped = await tokenForClaims({ ...claims })
    token = wrapped.token
    fetch = wrapped.fetch
    present = (trace) =>
      withoutTokenChecks(trace, input.claimsSource ?? 'the claims given', {
        explainOptions: input.explainOptions,
      })
  }
  const trace = present(
    await assumeRoleWithWebIdentity(
      account,
      { RoleArn: roleArn, RoleSessionName: roleSessionName, WebIdentityToken: token },
      { fetch, clock },
    ),
  )
  // The decision is computed whenever the policy parses, even when an earlier step already fails.
  const conditions = stepData(trace, 'conditions')
  const evaluation = conditions?.evaluation ?? fallbackEvaluation()
  function fallbackEvaluation(): PolicyEvaluation {
    const provider = account.findOidcProvider(iss) ?? {
      Url: iss,
      Arn: providerArnFor(accountId, iss),
    }
    const result = evaluateClaims(policy, claims, {
      provider,
      roleSessionName,
      currentTime: clock(),
    })
    if (!result.ok) throw result.error
    return result.evaluation
  }
  return {
    trace,
    evaluation,
    decision: evaluation.decision,
    whatToChange: whatToChangeInTrace(trace, evaluation, { explainOptions: input.explainOptions }),
    signatureChecked: input.token !== undefined,
    evaluatedAt: clock(),
    accountId,
    accountFrom,
    oidcProviders,
    roleArn,
    roleSessionName,
  }
}
