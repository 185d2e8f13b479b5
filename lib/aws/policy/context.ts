/**
 * `requestContextFromToken`: the condition keys AWS fills for an OIDC AssumeRoleWithWebIdentity
 * request — exactly those, so a policy that tests anything else sees a missing key, as in AWS.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import { conditionKeyPrefix } from '../arn.js'
import { providerConditionClaims } from './provider-keys.js'

/** Condition key → value; multi-valued keys (`aws:TagKeys`, `…:amr`) as arrays. */
export type RequestContext = Record<string, string | string[]>

export interface RequestContextOptions {
  /** `sts:RoleSessionName`, the `RoleSessionName` parameter of the request. */
  roleSessionName?: string
  /** Sets `aws:CurrentTime` and `aws:EpochTime`, global keys every request carries. */
  currentTime?: Date
  /** Sets `aws:SourceIp`, the caller's address. */
  sourceIp?: string
  /** Sets `aws:UserAgent`, the caller's `User-Agent` header. */
  userAgent?: string
  /** Sets `aws:SecureTransport` (`"true"`/`"false"`): whether the request came over TLS. */
  secureTransport?: boolean
  /** Sets `aws:RequestedRegion`, the region of the endpoint called (`us-east-1` for global ones). */
  requestedRegion?: string
}

/** The claim carrying session tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp). */
export const SESSION_TAGS_CLAIM = 'https://aws.amazon.com/tags'
/** The claim carrying a source identity (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html). */
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity'

/**
 * Build the request context STS evaluates a trust policy against, from verified token claims and
 * the IAM OIDC provider that matched the token's `iss`. Keys are `P:claim` where `P` is the
 * provider URL minus `https://`: `P:aud`, `P:sub`, `P:amr`, `P:email` when present; for GitHub
 * issuers also the ten GitHub keys (`P:repository`, `P:ref`…) when present, and likewise the keys
 * AWS maps for gitlab.com, CircleCI, Buildkite and OCI (provider-keys.ts); `aws:FederatedProvider`
 * (the provider ARN), `sts:RoleSessionName`, session tags (`aws:RequestTag/K`, `aws:TagKeys`,
 * `sts:TransitiveTagKeys`) and `sts:SourceIdentity`; and, when the options give them, the keys
 * taken from the request itself (`aws:CurrentTime`, `aws:EpochTime`, `aws:SourceIp`,
 * `aws:UserAgent`, `aws:SecureTransport`, `aws:RequestedRegion`).
 *
 * @example
 * requestContextFromToken(
 *   { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', repository_owner: 'octo-org' },
 *   { Url: 'https://token.actions.githubusercontent.com', Arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
 *   { roleSessionName: 'GitHubActions' },
 * )
 * // { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
 * //   'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
 * //   'aws:FederatedProvider': 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
 * //   'sts:RoleSessionName': 'GitHubActions' }   — no repository_owner: AWS never fills it
 */
export function requestContextFromToken(
  tokenClaims: object,
  provider: { Url: string; Arn: string },
  options: RequestContextOptions = {},
): RequestContext {
  // Any claim-shaped object will do (GitHubClaims, a decoded payload): AWS reads keys by name.
  const claims = tokenClaims as Readonly<Record<string, unknown>>
  const p = conditionKeyPrefix(provider.Url)
  const context: RequestContext = {}
  // Google: `:aud` reads `azp` when present and `:oaud` reads `aud` (FACTS.md §5; Sim choice:
  // Google only).
  if (p === 'accounts.google.com' && typeof claims.azp === 'string') {
    put(context, `${p}:aud`, claims.azp)
    put(context, `${p}:oaud`, claimValue(claims.aud))
  } else {
    put(context, `${p}:aud`, claimValue(claims.aud))
  }
  put(context, `${p}:sub`, claimString(claims.sub))
  put(context, `${p}:amr`, claims.amr === undefined ? undefined : claimList(claims.amr))
  put(context, `${p}:email`, claimString(claims.email))
  // Provider-specific keys AWS fills for the hosts it knows (GitHub, gitlab.com, CircleCI
  // per-organisation issuers, Buildkite, OCI): provider-keys.ts.
  for (const claim of providerConditionClaims(provider.Url))
    put(context, `${p}:${claim}`, claimString(claims[claim]))
  // The provider ARN for IAM OIDC providers (reference_policies_condition-keys.html); one test saw
  // the issuer instead: Sim choice, the ARN (FACTS.md §5).
  put(context, 'aws:FederatedProvider', provider.Arn)
  put(context, 'sts:RoleSessionName', options.roleSessionName)
  addSessionTags(context, claims[SESSION_TAGS_CLAIM])
  put(context, 'sts:SourceIdentity', claimString(claims[SOURCE_IDENTITY_CLAIM]))
  if (options.currentTime) {
    put(context, 'aws:CurrentTime', options.currentTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    put(context, 'aws:EpochTime', String(Math.floor(options.currentTime.getTime() / 1000)))
  }
  // The request-derived global keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
  put(context, 'aws:SourceIp', options.sourceIp)
  put(context, 'aws:UserAgent', options.userAgent)
  put(context, 'aws:SecureTransport', options.secureTransport?.toString())
  put(context, 'aws:RequestedRegion', options.requestedRegion)
  return context
}

function put(context: RequestContext, key: string, value: string | string[] | undefined): void {
  if (value !== undefined) context[key] = value
}

/**
 * `{"principal_tags": {"K": ["v"]}, "transitive_tag_keys": ["K"]}` → `aws:RequestTag/K`,
 * `aws:TagKeys`, `sts:TransitiveTagKeys`. Sim choice: the limits (≤ 50 tags, keys ≤ 128 and values
 * ≤ 256 characters, FACTS.md §5) are not enforced, as STS's answer to a token past them is
 * unconfirmed.
 */
function addSessionTags(context: RequestContext, tags: unknown): void {
  if (typeof tags !== 'object' || tags === null) return
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = tags as Record<
    string,
    unknown
  >
  if (typeof principalTags === 'object' && principalTags !== null) {
    const keys: string[] = []
    for (const [k, v] of Object.entries(principalTags)) {
      const value = Array.isArray(v) ? claimString(v[0]) : claimString(v)
      if (value === undefined) continue
      context[`aws:RequestTag/${k}`] = value
      keys.push(k)
    }
    if (keys.length) context['aws:TagKeys'] = keys
  }
  if (Array.isArray(transitive)) context['sts:TransitiveTagKeys'] = claimList(transitive)
}

/** Claims are strings; numbers and booleans are read as their text, anything else is absent. */
function claimString(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

function claimList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : [v]
  return items.map(claimString).filter((s): s is string => s !== undefined)
}

/** `aud` may be an array in OIDC; Sim choice: then the key is multi-valued. */
function claimValue(v: unknown): string | string[] | undefined {
  return Array.isArray(v) ? claimList(v) : claimString(v)
}
