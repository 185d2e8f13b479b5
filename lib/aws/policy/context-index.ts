/**
 * A request context read for evaluation: key names are case-insensitive
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html),
 * so lookups go through lower-cased names.
 */
import type { RequestContext } from './context.js'
import type { ContextLookup } from './variables.js'

export class ContextIndex {
  private readonly map = new Map<string, string | readonly string[]>()
  /** The provider's key prefix (`token.actions.githubusercontent.com`), from `aws:FederatedProvider`. */
  readonly providerPrefix: string | undefined
  readonly lookup: ContextLookup

  constructor(readonly context: RequestContext) {
    for (const key in context) {
      const v = context[key]
      if (typeof v === 'string' || Array.isArray(v)) this.map.set(key.toLowerCase(), v)
    }
    const fp = this.map.get('aws:federatedprovider')
    this.providerPrefix = typeof fp === 'string' ? providerPrefixOf(fp) : undefined
    this.lookup = (keyLower) => this.map.get(keyLower)
  }

  get(keyLower: string): string | readonly string[] | undefined {
    return this.map.get(keyLower)
  }
}

/**
 * The condition-key prefix named by an `aws:FederatedProvider` value: the part after
 * `oidc-provider/` of an IAM OIDC provider ARN, or a built-in provider's bare host.
 *
 * @example
 * providerPrefixOf('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com')
 * // 'token.actions.githubusercontent.com'
 */
export function providerPrefixOf(federatedProvider: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(federatedProvider)
  if (m) return m[1]
  return federatedProvider.startsWith('arn:') ? undefined : federatedProvider
}
