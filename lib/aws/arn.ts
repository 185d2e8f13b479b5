/**
 * ARNs the handshake names: IAM OIDC providers, roles, and assumed-role sessions.
 * Formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html and
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/**
 * The ARN IAM gives an OIDC provider: the provider URL without `https://`.
 *
 * @example
 * oidcProviderArn('123456789012', 'https://token.actions.githubusercontent.com')
 * // 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
 */
export function oidcProviderArn(
  accountId: string,
  providerUrl: string,
  partition: Partition = 'aws',
): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${conditionKeyPrefix(providerUrl)}`
}

/**
 * The prefix of the provider's condition keys (`token.actions.githubusercontent.com` for
 * `…:sub`): the issuer URL minus `https://`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 */
export function conditionKeyPrefix(providerUrl: string): string {
  return providerUrl.replace(/^https:\/\//, '')
}

/** `arn:aws:iam::ACCOUNT:role/PATH/NAME` — the path is kept in role ARNs. */
export function roleArn(
  accountId: string,
  roleName: string,
  path = '/',
  partition: Partition = 'aws',
): string {
  return `arn:${partition}:iam::${accountId}:role${path}${roleName}`
}

/** `arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION` — no role path, unlike the role ARN. */
export function assumedRoleArn(
  accountId: string,
  roleName: string,
  sessionName: string,
  partition: Partition = 'aws',
): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`
}

export interface ParsedArn {
  partition: string
  service: string
  region: string
  accountId: string
  resource: string
}

/** Split an ARN into its six parts; `undefined` when it is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn)
  if (!m) return undefined
  return { partition: m[1]!, service: m[2]!, region: m[3]!, accountId: m[4]!, resource: m[5]! }
}

/** Read a role ARN: account, path and name. `undefined` when it is not a role ARN. */
export function parseRoleArn(
  arn: string,
): { partition: string; accountId: string; path: string; roleName: string } | undefined {
  const parsed = parseArn(arn)
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return undefined
  const rest = parsed.resource.slice('role'.length)
  const cut = rest.lastIndexOf('/')
  const roleName = rest.slice(cut + 1)
  if (!roleName || !/^\d{12}$/.test(parsed.accountId)) return undefined
  return {
    partition: parsed.partition,
    accountId: parsed.accountId,
    path: rest.slice(0, cut + 1),
    roleName,
  }
}
