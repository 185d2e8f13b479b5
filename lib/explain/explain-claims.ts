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
import { parseIp } from '../aws/policy/ip.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'
import { assumeRoleWithWebIdentity } from '../aws/sts/assume-role-with-web-identity.js'
import { fixedClock, systemClock, type Clock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { DEFAULT_ROLE_SESSION_NAME, DEMO_ACCOUNT_ID, STS_AUDIENCE } from '../core/demo.js'
import type { Fetch } from '../core/network.js'
import { stepData, type Trace } from '../core/trace.js'
import { whatToChangeInTrace } from './check-advice.js'
import { tokenForClaims, withoutTokenChecks } from './claims-token.js'
import { diagnoseExplanation, type Diagnosis } from './diagnoses.js'
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
  /**
   * The address the job called STS from, for `aws:SourceIp` (an IPv4 or IPv6 address). Absent, the
   * key is absent, and a condition on it meets a missing key
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_condition_keys_federated.html).
   */
  sourceIp?: string
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
  /** The real-world causes recognised in this result, most specific first (`diagnose`). */
  diagnoses: Diagnosis[]
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
 * @throws {PolicyDocumentError} when the policy cannot be read (`MalformedPolicyDocument`).
 * @example
 * const e = await explainClaims({ policy, claims: JSON.parse(readFileSync('claims-pr.json', 'utf8')) })
 * e.decision // 'ImplicitDeny'
 * e.trace.outcome // { ok: false, error: { code: 'AccessDenied', … } }
 * e.whatToChange // ["The token's sub is \"repo:octo-org/octo-repo:pull_request\" but the policy wants …"]
 */
export async function explainClaims(input: ExplainClaimsInput): Promise<ClaimsExplanation> {
  if (input.sourceIp !== undefined && parseIp(input.sourceIp) === undefined)
    throw new InvalidInputError(
      `sourceIp: not an IPv4 or IPv6 address: ${JSON.stringify(input.sourceIp)}`,
      'sourceIp',
    )
  const policy = parseTrustPolicy(input.policy)
  const setup = accountFor(policy, input)
  const { claims } = input
  const call = await stsCallFor(input)
  const trace = call.present(
    await assumeRoleWithWebIdentity(
      setup.account,
      {
        RoleArn: setup.roleArn,
        RoleSessionName: setup.roleSessionName,
        WebIdentityToken: call.token,
      },
      {
        fetch: call.fetch,
        clock: call.clock,
        ...(input.sourceIp !== undefined && { sourceIp: input.sourceIp }),
      },
    ),
  )
  // The decision is computed whenever the policy parses, even when an earlier step already fails.
  const evaluation = stepData(trace, 'conditions')?.evaluation ?? policyOnly()
  function policyOnly(): PolicyEvaluation {
    const iss = typeof claims.iss === 'string' ? claims.iss : ''
    const provider = setup.account.findOidcProvider(iss) ?? {
      Url: iss,
      Arn: providerArnFor(setup.accountId, iss),
    }
    const result = evaluateClaims(policy, claims, {
      provider,
      roleSessionName: setup.roleSessionName,
      currentTime: call.clock(),
      ...(input.sourceIp !== undefined && { sourceIp: input.sourceIp }),
    })
    if (!result.ok) throw result.error
    return result.evaluation
  }
  const diagnosed = {
    trace,
    evaluation,
    accountId: setup.accountId,
    oidcProviders: setup.oidcProviders,
  }
  return {
    trace,
    evaluation,
    decision: evaluation.decision,
    whatToChange: whatToChangeInTrace(trace, evaluation, { explainOptions: input.explainOptions }),
    diagnoses: diagnoseExplanation(diagnosed, policy, claims),
    signatureChecked: input.token !== undefined,
    evaluatedAt: call.clock(),
    accountId: setup.accountId,
    accountFrom: setup.accountFrom,
    oidcProviders: setup.oidcProviders,
    roleArn: setup.roleArn,
    roleSessionName: setup.roleSessionName,
  }
}

/**
 * The account STS looks in: the given account (else the role ARN's, else the account of the
 * policy's first provider), an IAM OIDC provider for each host the policy names in it, and the
 * role. Explaining an existing role: IAM does not re-check old policies against its GitHub
 * guardrail (FACTS.md §5), so the role is created as one written before it.
 */
function accountFor(policy: TrustPolicy, input: ExplainClaimsInput) {
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
  const oidcProviders: OidcProviderInput[] = urls.map((Url) => ({ Url, ClientIDList: clientIds }))
  const roleName = role?.roleName ?? DEFAULT_ROLE_NAME
  const rolePath = role?.path ?? '/'
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
  return {
    account,
    accountId,
    accountFrom,
    oidcProviders,
    roleArn: input.roleArn ?? formatRoleArn(accountId, roleName, rolePath),
    roleSessionName: input.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
  }
}

/**
 * What STS is called with: the token (or the claims wrapped in one), how it reaches the issuer,
 * when it is called, and how the Trace is shown (the token checks of wrapped claims replaced by
 * notes).
 */
async function stsCallFor(input: ExplainClaimsInput): Promise<{
  token: string
  fetch: Fetch
  clock: Clock
  present: (trace: Trace) => Trace
}> {
  if (input.token !== undefined) {
    return {
      token: input.token,
      fetch: input.fetch ?? ((request, init) => globalThis.fetch(request, init)),
      clock: input.clock ?? systemClock,
      present: (trace) => trace,
    }
  }
  // Claims from a past run are judged as of the moment they were issued.
  const iat = input.claims.iat
  const clock =
    input.clock ?? (typeof iat === 'number' && Number.isFinite(iat) ? clockAtIat(iat) : systemClock)
  const { token, fetch } = await tokenForClaims({ ...input.claims })
  return {
    token,
    fetch,
    clock,
    present: (trace) =>
      withoutTokenChecks(trace, input.claimsSource ?? 'the claims given', {
        explainOptions: input.explainOptions,
      }),
  }
}

/** The moment claims were issued, as a clock; an `iat` no date can hold is bad input, not a crash. */
function clockAtIat(iat: number): Clock {
  // ECMAScript dates span ±8.64e15 ms (https://tc39.es/ecma262/#sec-time-values-and-time-range).
  if (Math.abs(iat * 1000) > 8.64e15)
    throw new InvalidInputError(`claims.iat: ${String(iat)} seconds is not a date.`, 'iat')
  return fixedClock(iat * 1000)
}
