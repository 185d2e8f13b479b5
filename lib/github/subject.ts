/**
 * The `sub` claim: GitHub's default formats, custom templates, and the immutable-ID form.
 *
 * Sources (FACTS.md §1.5): https://docs.github.com/en/actions/reference/security/oidc (default
 * formats, `include_claim_keys`, `use_default`), the REST endpoints
 * https://docs.github.com/en/rest/actions/oidc, and observed tokens for the `%3A` escaping
 * (https://github.com/Dashtid/subvectors/blob/main/observations/2026-10-08/github-oidc-claims-env-percent.json).
 */
import { InvalidInputError } from '../core/errors.js'
import { GITHUB_CLAIMS_SUPPORTED } from './discovery.js'

/**
 * A repository's `sub` customisation, mirroring the REST API body
 * (`PUT /repos/{owner}/{repo}/actions/oidc/customization/sub`):
 * `{ use_default, include_claim_keys }`. `useDefault: true` ignores the keys.
 */
export interface SubjectTemplate {
  useDefault?: boolean
  /** Claim names in output order; `repo` means the repository, `context` the default tail. */
  includeClaimKeys?: string[]
}

/** How the repository's identity is written in `sub`. */
export interface SubjectOptions {
  /**
   * Use the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (default for repositories created
   * after July 15, 2026; FACTS.md §1.5). `githubClaims` passes `run.immutableSubject` here.
   */
  immutable?: boolean
}

/** The claims `githubSubject` reads; any other claim can be named in a custom template. */
export interface SubjectClaims {
  repository: string
  ref: string
  event_name: string
  environment?: string
  repository_owner_id?: string
  repository_id?: string
  [claim: string]: unknown
}

// The registered JWT claims are not template keys: they are not facts about the run.
const REGISTERED = new Set(['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf'])
const TEMPLATE_KEYS = new Set<string>([
  'repo',
  'context',
  'check_run_id',
  ...GITHUB_CLAIMS_SUPPORTED.filter((k) => !REGISTERED.has(k)),
])

/**
 * Whether `key` can be named in a custom `sub` template (`include_claim_keys`): `repo`, `context`,
 * a claim GitHub documents (not the registered JWT claims), or a `repo_property_*` claim.
 *
 * @example
 * isSubjectTemplateKey('job_workflow_ref') && !isSubjectTemplateKey('aud') // true
 */
export function isSubjectTemplateKey(key: string): boolean {
  return TEMPLATE_KEYS.has(key) || /^repo_property_.+$/.test(key)
}

/**
 * GitHub escapes `:` in values as `%3A` and leaves `%` alone, so an environment literally named
 * `Production%3AV1` yields the same `sub` as `Production:V1` (observed Oct 2026).
 */
function escapeValue(value: unknown): string {
  return String(value ?? '').replaceAll(':', '%3A')
}

/**
 * The `sub` GitHub writes for a set of claims. Default (first match wins): an environment
 * (`repo:ORG/REPO:environment:NAME`), a `pull_request` event (`repo:ORG/REPO:pull_request`), else
 * the ref (`repo:ORG/REPO:ref:refs/heads/main`). A custom template writes `key:value` pairs in list
 * order. Throws `InvalidInputError` for an unusable template.
 *
 * Sim choice: a template key whose claim is absent from the token (e.g. `environment` in a job
 * without one) is written with an empty value; GitHub's behaviour here is undocumented.
 *
 * @example
 * githubSubject({ repository: 'octo-org/octo-repo', ref: 'refs/heads/main', event_name: 'push' })
 * // 'repo:octo-org/octo-repo:ref:refs/heads/main'
 * githubSubject(claims, { includeClaimKeys: ['repo', 'context', 'job_workflow_ref'] })
 * // 'repo:octo-org/octo-repo:ref:refs/heads/main:job_workflow_ref:octo-org/…@refs/heads/main'
 */
export function githubSubject(
  claims: SubjectClaims,
  template?: SubjectTemplate,
  options: SubjectOptions = {},
): string {
  const repo = repoValue(claims, options.immutable === true)
  const context = contextValue(claims)
  const keys = templateKeys(template)
  if (keys === undefined) return `repo:${repo}:${context}`
  return keys
    .map((key) => {
      if (key === 'repo') return `repo:${repo}`
      if (key === 'context') return context
      return `${key}:${escapeValue(claims[key])}`
    })
    .join(':')
}

function repoValue(claims: SubjectClaims, immutable: boolean): string {
  if (typeof claims.repository !== 'string' || !/^[^/:]+\/[^/:]+$/.test(claims.repository)) {
    throw new InvalidInputError(
      `claims.repository: expected "owner/repo", got ${JSON.stringify(claims.repository)}`,
      'claims.repository',
    )
  }
  if (!immutable) return claims.repository
  const [owner, name] = claims.repository.split('/') as [string, string]
  for (const key of ['repository_owner_id', 'repository_id'] as const) {
    if (typeof claims[key] !== 'string' || !/^[0-9]+$/.test(claims[key])) {
      throw new InvalidInputError(
        `claims.${key}: the immutable sub needs the numeric id`,
        `claims.${key}`,
      )
    }
  }
  return `${owner}@${claims.repository_owner_id}/${name}@${claims.repository_id}`
}

function contextValue(claims: SubjectClaims): string {
  if (claims.environment !== undefined) return `environment:${escapeValue(claims.environment)}`
  if (claims.event_name === 'pull_request') return 'pull_request'
  return `ref:${escapeValue(claims.ref)}`
}

function templateKeys(template: SubjectTemplate | undefined): string[] | undefined {
  if (template === undefined) return undefined
  if (typeof template !== 'object' || template === null) {
    throw new InvalidInputError('subjectTemplate: expected an object', 'subjectTemplate')
  }
  if (template.useDefault === true) return undefined
  const keys = template.includeClaimKeys
  if (keys === undefined) {
    if (template.useDefault === false) {
      throw new InvalidInputError(
        'subjectTemplate.includeClaimKeys: use_default false needs include_claim_keys',
        'subjectTemplate.includeClaimKeys',
      )
    }
    return undefined
  }
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidInputError(
      'subjectTemplate.includeClaimKeys: expected a non-empty list of claim names',
      'subjectTemplate.includeClaimKeys',
    )
  }
  keys.forEach((key, i) => {
    if (typeof key !== 'string' || !isSubjectTemplateKey(key)) {
      throw new InvalidInputError(
        `subjectTemplate.includeClaimKeys[${i}]: ${JSON.stringify(key)} is not a claim GitHub can put in sub`,
        `subjectTemplate.includeClaimKeys[${i}]`,
      )
    }
  })
  return keys
}

/** A `sub` taken apart. */
export interface ParsedSubject {
  /** `environment`, `pull_request`, `ref` for the default formats; `custom` for a template. */
  kind: 'environment' | 'pull_request' | 'ref' | 'custom'
  /** Owner and repository names, when `sub` has a `repo` part. */
  owner?: string
  repo?: string
  /** Present in the immutable form `OWNER@OWNER_ID/REPO@REPO_ID`. */
  ownerId?: string
  repoId?: string
  immutable: boolean
  /**
   * The environment name or ref of a default `sub`, with `%3A` turned back into `:`. Ambiguous by
   * design: GitHub does not escape `%`, so `Production%3AV1` could also be the literal name.
   */
  value?: string
  /** Every `key:value` pair in order, values exactly as written (`pull_request` has value `''`). */
  parts: { key: string; value: string }[]
}

/**
 * Take a `sub` apart into its repository, identifiers and context.
 *
 * @example
 * parseSubject('repo:octo-org@65/octo-repo@74:environment:prod')
 * // { kind: 'environment', owner: 'octo-org', ownerId: '65', repo: 'octo-repo', repoId: '74',
 * //   immutable: true, value: 'prod', parts: [...] }
 */
export function parseSubject(sub: string): ParsedSubject {
  if (typeof sub !== 'string' || sub === '') {
    throw new InvalidInputError('sub: expected a non-empty string', 'sub')
  }
  const tokens = sub.split(':')
  const parts: ParsedSubject['parts'] = []
  for (let i = 0; i < tokens.length;) {
    const key = tokens[i]!
    if (key === 'pull_request') {
      parts.push({ key, value: '' })
      i += 1
      continue
    }
    if (key === '' || i + 1 >= tokens.length) {
      throw new InvalidInputError(`sub: "${sub}" does not read as key:value pairs`, 'sub')
    }
    parts.push({ key, value: tokens[i + 1]! })
    i += 2
  }
  const result: ParsedSubject = { kind: 'custom', immutable: false, parts }
  const repoPart = parts.find((p) => p.key === 'repo')
  if (repoPart) Object.assign(result, parseRepo(repoPart.value, sub))
  const [first, second] = parts
  if (parts.length === 2 && first!.key === 'repo') {
    if (second!.key === 'pull_request') result.kind = 'pull_request'
    if (second!.key === 'environment' || second!.key === 'ref') {
      result.kind = second!.key
      result.value = second!.value.replaceAll('%3A', ':')
    }
  }
  return result
}

function parseRepo(value: string, sub: string): Partial<ParsedSubject> {
  const m = /^([^/@]+)(?:@([0-9]+))?\/([^/@]+)(?:@([0-9]+))?$/.exec(value)
  if (!m || (m[2] === undefined) !== (m[4] === undefined)) {
    throw new InvalidInputError(
      `sub: "${value}" in "${sub}" is not OWNER/REPO or OWNER@ID/REPO@ID`,
      'sub',
    )
  }
  return m[2] === undefined
    ? { owner: m[1]!, repo: m[3]!, immutable: false }
    : { owner: m[1]!, ownerId: m[2], repo: m[3]!, repoId: m[4]!, immutable: true }
}
