/**
 * Does a statement name this request's principal and action?
 * - Principal: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 *   A web-identity caller is named by `{"Federated": <provider ARN>}` (matched against
 *   `aws:FederatedProvider`), `{"Federated": "*"}`, `"*"`, or `{"AWS": "*"}` (documented as
 *   equivalent to `"*"`). Principal values have no partial wildcards.
 * - Action: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 *   case-insensitive, `*` and `?` wildcards.
 * - NotPrincipal / NotAction match everything except what they list.
 */
import type { ContextIndex } from './context-index.js'
import type { ElementMatch } from './evaluation.js'
import type { ActionElement, PrincipalElement } from './model.js'
import { compileWildcard, matchWildcard } from './wildcard.js'
import type { WildcardPattern } from './wildcard.js'
import { quote } from './quote.js'

export interface CompiledAction {
  readonly element: ActionElement
  readonly patterns: readonly { readonly value: string; readonly pattern: WildcardPattern }[]
}

/** Lower-cased wildcard patterns of a statement's actions, built once per policy. */
export function compileAction(element: ActionElement): CompiledAction {
  return {
    element,
    patterns: element.values.map((v) => ({
      value: v.value,
      pattern: compileWildcard(v.value.toLowerCase()),
    })),
  }
}

/**
 * Whether the statement's Action/NotAction covers `action`.
 *
 * @example
 * matchAction(compileAction(statement.action), 'sts:AssumeRoleWithWebIdentity').matched
 */
export function matchAction(a: CompiledAction, action: string): ElementMatch {
  const lower = action.toLowerCase()
  let hit: string | undefined
  for (const p of a.patterns) {
    if (matchWildcard(p.pattern, lower)) {
      hit = p.value
      break
    }
  }
  const location = a.element.location
  if (!a.element.negated) {
    return hit !== undefined
      ? {
          element: 'Action',
          location,
          matched: true,
          matchedValue: hit,
          reason: `Action ${quote(hit)} covers ${action}`,
        }
      : {
          element: 'Action',
          location,
          matched: false,
          reason: `Action [${listed(a)}] does not cover ${action}`,
        }
  }
  return hit !== undefined
    ? {
        element: 'NotAction',
        location,
        matched: false,
        matchedValue: hit,
        reason: `NotAction ${quote(hit)} excludes ${action}`,
      }
    : {
        element: 'NotAction',
        location,
        matched: true,
        reason: `NotAction [${listed(a)}] does not exclude ${action}`,
      }
}

function listed(a: CompiledAction): string {
  return a.patterns.map((p) => quote(p.value)).join(', ')
}

/** Which listed principal names the caller, if any, and how to say so. */
function namedBy(
  p: PrincipalElement,
  provider: string | undefined,
): { value: string; text: string } | undefined {
  if (p.wildcard) return { value: '*', text: 'Principal "*" names every caller' }
  for (const entry of p.entries) {
    for (const v of entry.values) {
      if (entry.type === 'Federated' && v.value === provider) {
        return { value: v.value, text: `Federated ${v.value} is this token's provider` }
      }
      if (entry.type === 'Federated' && v.value === '*') {
        return { value: v.value, text: 'Federated "*" names every web-identity provider' }
      }
      if (entry.type === 'AWS' && v.value === '*') {
        return { value: v.value, text: 'AWS "*" names every caller (the same as "*")' }
      }
    }
  }
  return undefined
}

/**
 * Whether the statement's Principal/NotPrincipal names the web-identity caller.
 *
 * @example
 * matchPrincipal(statement.principal, new ContextIndex(context)).matched
 */
export function matchPrincipal(p: PrincipalElement, index: ContextIndex): ElementMatch {
  const fp = index.get('aws:FederatedProvider')
  const provider = typeof fp === 'string' ? fp : undefined
  const named = namedBy(p, provider)
  const location = p.location
  if (!p.negated) {
    return named
      ? {
          element: 'Principal',
          location,
          matched: true,
          matchedValue: named.value,
          reason: `Principal: ${named.text}`,
        }
      : {
          element: 'Principal',
          location,
          matched: false,
          reason: `Principal ${describe(p)} does not name ${caller(provider)}`,
        }
  }
  return named
    ? {
        element: 'NotPrincipal',
        location,
        matched: false,
        matchedValue: named.value,
        reason: `NotPrincipal excludes the caller: ${named.text}`,
      }
    : {
        element: 'NotPrincipal',
        location,
        matched: true,
        reason: `NotPrincipal ${describe(p)} does not exclude ${caller(provider)}`,
      }
}

function caller(provider: string | undefined): string {
  return provider ? `this token's provider ${provider}` : 'a caller with no aws:FederatedProvider'
}

function describe(p: PrincipalElement): string {
  if (p.wildcard) return '"*"'
  return p.entries.map((e) => `${e.type} [${e.values.map((v) => v.value).join(', ')}]`).join(', ')
}
