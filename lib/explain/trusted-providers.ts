/**
 * `trustedProviders`: which IAM OIDC providers a trust policy's `Federated` principals name. Read
 * from the parsed policy (never from its raw text), so only real `Principal.Federated` values
 * count, in statement order, each once.
 */
import { parseArn } from '../aws/arn.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'

/** An IAM OIDC provider a trust policy names: `arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]`. */
export interface TrustedProvider {
  /** The principal exactly as written. */
  arn: string
  /** The twelve-digit account the provider lives in. */
  accountId: string
  /** `token.actions.githubusercontent.com` (the condition-key prefix). */
  hostPath: string
  /** The provider's URL, the `iss` a token must carry to be matched with it. */
  url: string
}

/** The local emulators' issuer is plain http on loopback (trustwalk's one deviation from AWS). */
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/

/**
 * The IAM OIDC providers named by the `Federated` principals of a trust policy's statements
 * (Allow and Deny alike), each once, in the order they appear. A `Federated` value that is not a
 * concrete OIDC provider ARN (`"*"`, a SAML provider, `cognito-identity.amazonaws.com`, an ARN with
 * a wildcard or without a twelve-digit account) names no provider and is left out.
 * Principal grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity
 *
 * @throws {PolicyDocumentError} when the policy cannot be read (as `parseTrustPolicy`).
 * @example
 * trustedProviders({
 *   Version: '2012-10-17',
 *   Statement: [{
 *     Effect: 'Allow',
 *     Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
 *     Action: 'sts:AssumeRoleWithWebIdentity',
 *   }],
 * })
 * // [{ arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
 * //    accountId: '123456789012', hostPath: 'token.actions.githubusercontent.com',
 * //    url: 'https://token.actions.githubusercontent.com' }]
 */
export function trustedProviders(policy: TrustPolicy | string | object): TrustedProvider[] {
  const parsed = parseTrustPolicy(policy)
  const out: TrustedProvider[] = []
  for (const statement of parsed.statements) {
    if (statement.principal.negated) continue
    for (const entry of statement.principal.entries) {
      if (entry.type !== 'Federated') continue
      for (const { value } of entry.values) {
        const provider = oidcProviderOf(value)
        if (provider && !out.some((p) => p.arn === provider.arn)) out.push(provider)
      }
    }
  }
  return out
}

/**
 * The provider a trust policy names for a token's issuer, in a given account (or in any account
 * when `accountId` is left out).
 *
 * @example
 * trustedProviderFor(policy, 'https://token.actions.githubusercontent.com')?.arn
 * // 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
 */
export function trustedProviderFor(
  policy: TrustPolicy | string | object,
  iss: string,
  accountId?: string,
): TrustedProvider | undefined {
  return trustedProviders(policy).find(
    (p) => p.url === iss && (accountId === undefined || p.accountId === accountId),
  )
}

function oidcProviderOf(arn: string): TrustedProvider | undefined {
  const parsed = parseArn(arn)
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('oidc-provider/'))
    return undefined
  const hostPath = parsed.resource.slice('oidc-provider/'.length)
  if (!/^\d{12}$/.test(parsed.accountId) || hostPath === '' || /[*?]/.test(hostPath))
    return undefined
  const scheme = LOOPBACK.test(hostPath) ? 'http' : 'https'
  return { arn, accountId: parsed.accountId, hostPath, url: `${scheme}://${hostPath}` }
}
