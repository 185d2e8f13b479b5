/**
 * Reading the strings a trust policy compares — `sub` values (default, custom-template and
 * immutable forms), repository names, refs, reusable-workflow refs — into the parts of a workflow
 * run, and filling a `StringLike` pattern's wildcards with attacker-chosen text.
 *
 * Formats: https://docs.github.com/en/actions/reference/security/oidc (FACTS.md §1.5).
 */
import type { AttackSubjectTemplate } from './types.js'
import { isSubjectTemplateKey } from '../github/subject.js'

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
  /** The `sub` as written (what the run's token must carry). */
  sub: string
  /** From the `repo` part, when the value has one. */
  owner?: string
  repo?: string
  ownerId?: string
  repoId?: string
  immutable: boolean
  /** From the `context` part (or a `ref`/`environment` part that reads as one), if any. */
  context?:
    { kind: 'ref'; ref: RunRef } | { kind: 'environment'; name: string } | { kind: 'pull_request' }
  /** Every other claim the value names (custom templates), e.g. `workflow`, `repository_owner`. */
  claims: Record<string, string>
  /** The template that produces this `sub`; `undefined` for GitHub's default format. */
  template?: AttackSubjectTemplate
}

/**
 * Read a `sub` value into run parts: every form `githubSubject` writes — GitHub's default
 * `repo:O/R:context`, the immutable `repo:O@ID/R@ID:context`, and any custom template's
 * `key:value` pairs (with or without `repo` or `context`; FACTS.md §1.5). `undefined` when no
 * template can produce it (an unknown key, a key twice, a broken `repo` part).
 *
 * @example
 * parseSubjectValue('repo:octo-org/octo-repo:environment:prod')
 * // { sub: '…', owner: 'octo-org', repo: 'octo-repo', immutable: false,
 * //   context: { kind: 'environment', name: 'prod' }, claims: {} }
 * parseSubjectValue('repository_owner:octo-org:ref:refs/heads/main')?.template
 * // { useDefault: false, includeClaimKeys: ['repository_owner', 'context'] }
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
    let asContext = context === undefined ? contextOf(key, value) : undefined
    if (key === 'environment' && value !== '' && context?.kind === 'ref' && !('ref' in claims)) {
      // A run with an environment has the environment as its context: the earlier `ref:` part
      // was the ref claim (template […, "ref", …, "context"]), not the context.
      const ref = context.ref
      claims.ref = 'branch' in ref ? `refs/heads/${ref.branch}` : `refs/tags/${ref.tag}`
      keys[keys.indexOf('context')] = 'ref'
      context = undefined
      asContext = contextOf(key, value)
    }
    if (key === 'repo') {
      if (repoValue !== undefined) return undefined
      repoValue = tokens[i - 1]!
      keys.push('repo')
    } else if (asContext) {
      context = asContext
      keys.push('context')
    } else if (isSubjectTemplateKey(key)) {
      // GitHub accepts any documented claim; naming one twice is not a template we model.
      if (key in claims || key === 'context') return undefined
      if (key === 'ref' && !parseFullRef(value) && !/^refs\/pull\/[1-9][0-9]*\/merge$/.test(value))
        return undefined
      claims[key] = value
      keys.push(key)
    } else {
      return undefined
    }
  }
  const isDefault = keys.length === 2 && keys[0] === 'repo' && keys[1] === 'context'
  const parts: SubjectParts = {
    sub,
    immutable: false,
    ...(context ? { context } : {}),
    claims,
    ...(isDefault ? {} : { template: { useDefault: false, includeClaimKeys: keys } }),
  }
  if (repoValue === undefined) return parts
  const m = /^([^/@]+)(?:@([1-9][0-9]*))?\/([^/@]+)(?:@([1-9][0-9]*))?$/.exec(repoValue)
  if (!m || (m[2] === undefined) !== (m[4] === undefined)) return undefined
  if (!isOwnerName(m[1]!) || !isRepoName(m[3]!)) return undefined
  return {
    ...parts,
    owner: m[1]!,
    repo: m[3]!,
    ...(m[2] === undefined ? {} : { ownerId: m[2], repoId: m[4]! }),
    immutable: m[2] !== undefined,
  }
}

/** A `ref:`/`environment:` pair as GitHub's context part, when it can be one. */
function contextOf(key: string, value: string): SubjectParts['context'] | undefined {
  if (key === 'ref') {
    const ref = parseFullRef(value)
    return ref && { kind: 'ref', ref }
  }
  if (key === 'environment' && value !== '' && value.length <= 255) {
    return { kind: 'environment', name: value }
  }
  return undefined
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
 * character), at most `limit` results, first fills first. A `*` right after `@` takes `idFills`
 * instead when given (the id of the immutable `sub` form, `OWNER@ID/REPO@ID`). A run of `*` is one
 * wildcard (it matches exactly what one `*` matches). Only the first `varying` wildcards take
 * every fill; the others take the empty text (`*`) or `x` (`?`), so a pattern of thousands of
 * wildcards yields few, short values. Text without wildcards yields itself.
 * Iterative, so a pattern of thousands of wildcards cannot exhaust the stack.
 *
 * @example
 * fillPattern('repo:acme*', ['-evil/app:ref:refs/heads/main'])
 * // ['repo:acme-evil/app:ref:refs/heads/main']
 */
export function fillPattern(
  pattern: string,
  fills: readonly string[],
  limit = 4000,
  idFills?: readonly string[],
  varying = Infinity,
): string[] {
  const parts = pattern.replace(/\*+/g, '*').split(/([*?])/)
  const slots: { at: number; choices: readonly string[] }[] = []
  parts.forEach((part, at) => {
    // Past the first `varying` wildcards, each takes its shortest fill only.
    const fixed = slots.length >= varying
    if (part === '?') slots.push({ at, choices: fixed ? ['x'] : ['x', '-', '/'] })
    else if (part === '*') {
      const before = parts[at - 1] ?? ''
      const choices = idFills && before.endsWith('@') ? idFills : fills
      slots.push({ at, choices: fixed ? [''] : choices })
    }
  })
  const out = new Set<string>()
  if (slots.some((slot) => slot.choices.length === 0)) return []
  // An odometer over the slots, the last slot turning fastest: the order of nested loops.
  const pick = slots.map(() => 0)
  const text = [...parts]
  // Fills that give the same text twice cost a step each: bound the steps, not only the results.
  for (let step = 0; out.size < limit && step < limit * 4; step++) {
    slots.forEach((slot, i) => (text[slot.at] = slot.choices[pick[i]!]!))
    out.add(text.join(''))
    let i = slots.length - 1
    while (i >= 0 && pick[i] === slots[i]!.choices.length - 1) pick[i--] = 0
    if (i < 0) break
    pick[i]!++
  }
  return [...out]
}
