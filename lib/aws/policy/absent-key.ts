/**
 * Why a condition key is missing from the request context, in a sentence a learner can act on —
 * "AWS never fills token.actions.githubusercontent.com:repository_owner" is the answer to many
 * "Not authorized" puzzles (FACTS.md §5 "Never populated", §6 #10).
 */
import { ContextIndex } from './context-index.js'
import { SESSION_TAGS_CLAIM, SOURCE_IDENTITY_CLAIM } from './context.js'
import type { RequestContext } from './context.js'
import {
  GITHUB_CONDITION_CLAIMS,
  OIDC_CONDITION_CLAIMS,
  isGitHubIssuer,
  isUnmappedGitHubClaim,
} from './github-keys.js'
import { providerConditionClaims } from './provider-keys.js'

const GLOBAL_OPTIONAL = ['aws:currenttime', 'aws:epochtime', 'aws:sourceip']

/**
 * One sentence saying why `key` is absent from the context.
 *
 * @example
 * absentKeyReason('token.actions.githubusercontent.com:repository_owner', new ContextIndex(context))
 * // 'AWS never fills token.actions.githubusercontent.com:repository_owner: it does not turn the
 * //  token's repository_owner claim into a condition key'
 */
export function absentKeyReason(key: string, index: ContextIndex): string {
  const lower = key.toLowerCase()
  if (lower.startsWith('aws:requesttag/')) {
    return `The token carries no session tag "${key.slice('aws:RequestTag/'.length)}" (claim ${SESSION_TAGS_CLAIM})`
  }
  if (lower === 'aws:tagkeys' || lower === 'sts:transitivetagkeys') {
    return `The token carries no session tags (claim ${SESSION_TAGS_CLAIM}); GitHub never sends them`
  }
  if (lower === 'sts:sourceidentity') {
    return `The token carries no source identity (claim ${SOURCE_IDENTITY_CLAIM}); GitHub never sends one`
  }
  if (lower === 'sts:rolesessionname') return 'The request names no RoleSessionName'
  if (lower === 'aws:federatedprovider') return 'The request context names no identity provider'
  if (GLOBAL_OPTIONAL.includes(lower)) {
    return `${key} is not in this request context (trustwalk sets it only when asked to)`
  }
  const colon = lower.indexOf(':')
  const prefix = lower.slice(0, colon)
  const name = lower.slice(colon + 1)
  if (colon === -1 || !prefix.includes('.')) {
    return `${key} is not a key AWS fills for AssumeRoleWithWebIdentity with an OIDC token`
  }
  const provider = index.providerPrefix
  if (provider === undefined) {
    if (isUnmappedGitHubClaim(name)) return neverFilled(key, name)
    return `The request context has no ${key}`
  }
  if (prefix !== provider.toLowerCase()) {
    return (
      `This token came through the provider ${provider}, so its keys are named ${provider}:${name}, ` +
      `not ${key}`
    )
  }
  const github = isGitHubIssuer(`https://${provider}`)
  if (GITHUB_CONDITION_CLAIMS.includes(name)) {
    if (!github)
      return `AWS fills ${key} only for GitHub Actions issuers, and ${provider} is not one`
    if (name === 'environment') {
      return 'The token has no environment claim: GitHub adds it only when the job declares an environment'
    }
    if (name === 'enterprise_id') {
      return 'The token has no enterprise_id claim: GitHub adds it only for repositories owned by an enterprise'
    }
    return `The token has no ${name} claim`
  }
  if (OIDC_CONDITION_CLAIMS.includes(name) || name === 'oaud')
    return `The token has no ${name} claim`
  const specific = github ? [] : providerConditionClaims(`https://${provider}`)
  if (specific.includes(name)) return `The token has no ${name} claim`
  if (github && isUnmappedGitHubClaim(name)) return neverFilled(key, name)
  const known = [...OIDC_CONDITION_CLAIMS, ...(github ? GITHUB_CONDITION_CLAIMS : specific)]
  const guess = known.find((k) => name.startsWith(k) || k.startsWith(name))
  return (
    `${key} is not a condition key AWS fills for this provider (it fills ${known.map((k) => `:${k}`).join(', ')})` +
    (guess ? `; did you mean ${provider}:${guess}?` : '')
  )
}

function neverFilled(key: string, claim: string): string {
  return `AWS never fills ${key}: it does not turn the token's ${claim} claim into a condition key`
}

/**
 * Why `key` is missing from a request context — for the token inspector and explanations.
 *
 * @example
 * whyKeyIsAbsent('token.actions.githubusercontent.com:event_name', requestContextFromToken(claims, provider))
 * // 'AWS never fills token.actions.githubusercontent.com:event_name: it does not turn the token's event_name claim into a condition key'
 */
export function whyKeyIsAbsent(key: string, context: RequestContext): string {
  return absentKeyReason(key, new ContextIndex(context))
}
