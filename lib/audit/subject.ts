/**
 * Reading the strings a trust policy compares — `sub` values (default, custom-template and
 * immutable forms), repository names, refs, reusable-workflow refs — into the parts of a workflow
 * run, and filling a `StringLike` pattern's wildcards with attacker-chosen text.
 *
 * Formats: https://docs.github.com/en/actions/reference/security/oidc (FACTS.md §1.5).
 */
import type { AttackSubjectTemplate } from './types.js'

// GitHub account and repository names (the same rules lib/github applies to a WorkflowRun).
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,38}$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/
const WORKFLOW_PATH = /^\.github\/workflows\/[^/\s]+\.ya?ml$/
const SHA = /^[0-9a-f]{40}$/

/**
 * Whether `name` can be a GitHub account (user or organisation) name.
 *
 * @example
 * isOwnerName('octo-org') && !isOwnerName('-bad') // true
 */
export function isOwnerName(name: string): boolean {
  return OWNER.test(name)
}

/**
 * Whether `name` can be a repository name.
 *
 * @example
 * isRepoName('octo.repo') && !isRepoName('..') // true
 */
export function isRepoName(name: string): boolean {
  return REPO.test(name) && name !== '.' && name !== '..'
}

/**
 * Git's ref-name rules, the parts that matter for branch and tag names (git check-ref-format).
 *
 * @example
 * isRefName('release/1.x') && !isRefName('a..b') // true
 */
export function isRefName(name: string): boolean {
  return !(
    name === '' ||
    /[\x00-\x20\x7f~^:?*[\\%]/.test(name) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.endsWith('.lock') ||
    name === '@' ||
    name.split('/').some((part) => part.startsWith('.'))
  )
}

/** A ref as a run describes it. */
export type RunRef = { branch: string } | { tag: string }

/**
 * `refs/heads/x` → `{ branch: 'x' }`, `refs/tags/v1` → `{ tag: 'v1' }`; else `undefined`.
 *
 * @example
 * parseFullRef('refs/tags/v1') // { tag: 'v1' }
 */
export function parseFullRef(ref: string): RunRef | undefined {
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(ref)
  if (!m || !isRefName(m[2]!)) return undefined
  return m[1] === 'heads' ? { branch: m[2]! } : { tag: m[2]! }
}

/**
 * `owner/repo` → parts, when both names are valid.
 *
 * @example
 * parseRepository('acme/app') // { owner: 'acme', repo: 'app' }
 */
export function parseRepository(value: string): { owner: string; repo: string } | undefined {
  const m = /^([^/]+)\/([^/]+)$/.exec(value)
  if (!m || !isOwnerName(m[1]!) || !isRepoName(m[2]!)) return undefined
  return { owner: m[1]!, repo: m[2]! }
}

/** A `job_workflow_ref`: `owner/repo/.github/workflows/x.yml@ref` (ref may be a 40-hex SHA). */
export interface WorkflowRefParts {
  owner: string
  repo: string
  path: string
  ref: string
}

/**
 * @example
 * parseWorkflowRef('acme/ci/.github/workflows/d.yml@refs/heads/main')?.path // '.github/workflows/d.yml'
 */
export function parseWorkflowRef(value: string): WorkflowRefParts | undefined {
  const at = value.lastIndexOf('@')
  if (at === -1) return undefined
  const [owner, repo, ...rest] = value.slice(0, at).split('/')
  const path = rest.join('/')
  const ref = value.slice(at + 1)
  if (!owner || !repo || !isOwnerName(owner) || !isRepoName(repo)) return undefined
  if (!WORKFLOW_PATH.test(path)) return undefined
  if (!SHA.test(ref) && parseFullRef(ref) === undefined) return undefined
  return { owner, repo, path, ref }
}

/** What a `sub` value says about the run that minted it. */
export interface SubjectParts {
  owner: string
  repo: string
  ownerId?: string
  repoId?: string
  immutable: boolean
  context:
    { kind: 'ref'; ref: RunRef } | { kind: 'environment'; name: string } | { kind: 'pull_request' }
  /** Claim values named outside `repo` and the context (custom templates), e.g. `workflow`. */
  claims: Record<string, string>
  /** The template that produces this `sub`; `undefined` for GitHub's default format. */
  template?: AttackSubjectTemplate
}

/** Claims a custom template may name that the auditor can set on a run. */
const SETTABLE = new Set([
  'workflow',
  'actor',
  'job_workflow_ref',
  'event_name',
  'repository_visibility',
  'runner_environment',
  'repository_owner',
  'repository_owner_id',
  'repository_id',
  'actor_id',
  'ref_type',
])

/**
 * Read a `sub` value into run parts: GitHub's default `repo:O/R:context`, the immutable
 * `repo:O@ID/R@ID:context`, or a custom template's `key:value` pairs (which must include `repo`).
 * `undefined` when it cannot be minted by any run.
 *
 * @example
 * parseSubjectValue('repo:octo-org/octo-repo:environment:prod')
 * // { owner: 'octo-org', repo: 'octo-repo', immutable: false,
 * //   context: { kind: 'environment', name: 'prod' }, claims: {} }
 */
export function parseSubjectValue(sub: string): SubjectParts | undefined {
  const tokens = sub.split(':')
  const keys: string[] = []
  const claims: Record<string, string> = {}
  let repoValue: string | undefined
  let context: SubjectParts['context'] | undefined
  for (let i = 0; i < tokens.length;) {
    const key = tokens[i]!
    if (key === 'pull_request') {
      if (context) return undefined
      context = { kind: 'pull_request' }
      keys.push('context')
      i += 1
      continue
    }
    if (i + 1 >= tokens.length) return undefined
    const value = decode(tokens[i + 1]!)
    i += 2
    if (key === 'repo') {
      if (repoValue !== undefined) return undefined
      repoValue = tokens[i - 1]!
      keys.push('repo')
    } else if (key === 'ref' || key === 'environment') {
      if (context) return undefined
      if (key === 'ref') {
        const ref = parseFullRef(value)
        if (!ref) return undefined
        context = { kind: 'ref', ref }
      } else {
        if (value === '' || value.length > 255) return undefined
        context = { kind: 'environment', name: value }
      }
      keys.push('context')
    } else if (SETTABLE.has(key) && value !== '') {
      if (key in claims) return undefined
      claims[key] = value
      keys.push(key)
    } else {
      return undefined
    }
  }
  if (repoValue === undefined || context === undefined) return undefined
  const m = /^([^/@]+)(?:@([1-9][0-9]*))?\/([^/@]+)(?:@([1-9][0-9]*))?$/.exec(repoValue)
  if (!m || (m[2] === undefined) !== (m[4] === undefined)) return undefined
  if (!isOwnerName(m[1]!) || !isRepoName(m[3]!)) return undefined
  const isDefault = keys.length === 2 && keys[0] === 'repo' && keys[1] === 'context'
  return {
    owner: m[1]!,
    repo: m[3]!,
    ...(m[2] === undefined ? {} : { ownerId: m[2], repoId: m[4]! }),
    immutable: m[2] !== undefined,
    context,
    claims,
    ...(isDefault ? {} : { template: { useDefault: false, includeClaimKeys: keys } }),
  }
}

function decode(value: string): string {
  return value.replaceAll('%3A', ':')
}

/**
 * Whether a string operator value has `StringLike` wildcards.
 *
 * @example
 * hasWildcard('repo:acme/*') // true
 */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?')
}

/**
 * The literal text before the first wildcard.
 *
 * @example
 * literalPrefix('repo:acme/*') // 'repo:acme/'
 */
export function literalPrefix(value: string): string {
  const i = value.search(/[*?]/)
  return i === -1 ? value : value.slice(0, i)
}

/**
 * Every way of filling a pattern's wildcards from `fills` (`*` takes any fill, `?` one
 * character), at most `limit` results, first fills first. Text without wildcards yields itself.
 *
 * @example
 * fillPattern('repo:acme*', ['-evil/app:ref:refs/heads/main'])
 * // ['repo:acme-evil/app:ref:refs/heads/main']
 */
export function fillPattern(pattern: string, fills: readonly string[], limit = 4000): string[] {
  const parts = pattern.split(/([*?])/)
  const out = new Set<string>()
  const walk = (i: number, acc: string): void => {
    if (out.size >= limit) return
    if (i >= parts.length) {
      out.add(acc)
      return
    }
    const part = parts[i]!
    if (part === '?') {
      for (const c of ['x', '-', '/']) walk(i + 1, acc + c)
    } else if (part === '*') {
      for (const fill of fills) walk(i + 1, acc + fill)
    } else {
      walk(i + 1, acc + part)
    }
  }
  walk(0, '')
  return [...out]
}

/**
 * Whether `value` matches a `StringLike` pattern: `*` any run of characters (including `/` and
 * `:`), `?` exactly one, case-sensitive. Used only to pick candidate values; every verdict comes
 * from the policy engine (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
 *
 * @example
 * likeMatches('repo:acme*', 'repo:acme-evil/x:ref:refs/heads/main') // true
 */
export function likeMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split(/([*?])/)
    .map((p) =>
      p === '*' ? '[\\s\\S]*' : p === '?' ? '[\\s\\S]' : p.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}$`).test(value)
}
