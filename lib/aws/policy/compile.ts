/**
 * Precompiled trust policies, cached: a policy is parsed and its matchers built once, then every
 * evaluation only compares. Parsed `TrustPolicy` objects are frozen, so caching by identity is
 * safe; text (and objects, through their JSON text) is cached by content.
 */
import { compileClause } from './conditions.js'
import type { CompiledClause } from './conditions.js'
import type { PolicyStatement, TrustPolicy } from './model.js'
import { isTrustPolicy, parseTrustPolicy } from './parse.js'
import { compileAction } from './statement-match.js'
import type { CompiledAction } from './statement-match.js'

export interface CompiledStatement {
  readonly statement: PolicyStatement
  readonly action: CompiledAction
  readonly clauses: readonly CompiledClause[]
}

export interface CompiledPolicy {
  readonly policy: TrustPolicy
  readonly statements: readonly CompiledStatement[]
}

const byPolicy = new WeakMap<TrustPolicy, CompiledPolicy>()
const byText = new Map<string, CompiledPolicy>()
/** At most this many policies are cached by text… */
const TEXT_CACHE_SIZE = 256
/**
 * …and at most this many characters of policy text in all: a compiled policy takes about ten
 * times its text in memory, so a long-lived process (the site, `trustwalk serve`) fed distinct
 * large policies stays within tens of megabytes instead of gigabytes.
 */
const TEXT_CACHE_CHARS = 2 * 1024 * 1024
/**
 * A text longer than this is compiled every time, never cached: IAM's API takes a trust policy of
 * at most 131,072 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html),
 * so only text no role can hold is left out.
 */
const TEXT_CACHE_MAX_ENTRY = 131_072 * 2
let cachedChars = 0

/** Compile a parsed policy (cached by identity). */
export function compileTrustPolicy(policy: TrustPolicy): CompiledPolicy {
  let compiled = byPolicy.get(policy)
  if (!compiled) {
    const variablesOn = policy.version === '2012-10-17'
    compiled = {
      policy,
      statements: policy.statements.map((statement) => ({
        statement,
        action: compileAction(statement.action),
        clauses: statement.conditions.map((c) => compileClause(c, variablesOn)),
      })),
    }
    byPolicy.set(policy, compiled)
  }
  return compiled
}

/**
 * The compiled form of a policy given as text, object or `TrustPolicy`.
 *
 * @throws {PolicyDocumentError} when the policy cannot be parsed.
 */
export function compiledPolicyFor(input: string | object): CompiledPolicy {
  if (isTrustPolicy(input)) return compileTrustPolicy(input)
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null)) {
    return compileTrustPolicy(parseTrustPolicy(input)) // throws the parser's error
  }
  // Objects are parsed through their 2-space JSON text anyway; the same text is the cache key.
  let text: string | undefined
  try {
    text = typeof input === 'string' ? input : JSON.stringify(input, null, 2)
  } catch {
    text = undefined
  }
  // Not serializable: let the parser raise its MalformedPolicyDocument error.
  if (typeof text !== 'string') return compileTrustPolicy(parseTrustPolicy(input))
  let compiled = byText.get(text)
  if (!compiled) {
    compiled = compileTrustPolicy(parseTrustPolicy(text))
    if (text.length <= TEXT_CACHE_MAX_ENTRY) {
      // Oldest first, until both the count and the total size fit.
      while (byText.size >= TEXT_CACHE_SIZE || cachedChars + text.length > TEXT_CACHE_CHARS) {
        const oldest = byText.keys().next().value!
        byText.delete(oldest)
        cachedChars -= oldest.length
      }
      byText.set(text, compiled)
      cachedChars += text.length
    }
  }
  return compiled
}
