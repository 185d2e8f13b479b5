/**
 * A request context read for evaluation. Key names are case-insensitive
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html):
 * a key is looked up as written first, and compared without case only when that misses.
 */
import type { RequestContext } from './context.js'
import type { ContextLookup } from './variables.js'

type ContextValue = string | readonly string[]
const has = Object.prototype.hasOwnProperty

function usable(v: unknown): v is ContextValue {
  return typeof v === 'string' || Array.isArray(v)
}

export class ContextIndex {
  private lookupFn: ContextLookup | undefined

  constructor(readonly context: RequestContext) {}

  /** The value of `key` (any case); `undefined` when absent. */
  get(key: string): ContextValue | undefined {
    const context = this.context
    if (has.call(context, key)) {
      const v = context[key]
      if (usable(v)) return v
    }
    // Rare: the policy spells the key in another case. Compare lengths before lower-casing.
    let lower: string | undefined
    for (const k in context) {
      if (k.length !== key.length || !has.call(context, k)) continue
      lower ??= key.toLowerCase()
      if (k.toLowerCase() === lower) {
        const v = context[k]
        if (usable(v)) return v
      }
    }
    return undefined
  }

  /** The lookup policy variables use. */
  get lookup(): ContextLookup {
    return (this.lookupFn ??= this.get.bind(this))
  }

  /** The provider's key prefix (`token.actions.githubusercontent.com`), from `aws:FederatedProvider`. */
  get providerPrefix(): string | undefined {
    const fp = this.get('aws:FederatedProvider')
    return typeof fp === 'string' ? providerPrefixOf(fp) : undefined
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
