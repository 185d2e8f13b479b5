/**
 * GitLab's `sub` claim: `project_path:{group}/{project}:ref_type:{branch|tag}:ref:{short ref}` by
 * default, or built from the project's `ci_id_token_sub_claim_components`, in list order, as
 * `k1:v1:k2:v2…`; a component whose value is nil is dropped (GitLab's code:
 * `select { custom_claims[name] }`, FACTS-ISSUERS.md §1.3). No escaping: git refs and paths cannot
 * contain `:` (https://git-scm.com/docs/git-check-ref-format).
 *
 * https://docs.gitlab.com/ci/secrets/id_token_authentication/ · https://docs.gitlab.com/api/projects/
 */
import { InvalidInputError } from '../core/errors.js'

/** The components a project may put in `sub` (GitLab 18.7+ model, FACTS-ISSUERS.md §1.3). */
export const GITLAB_SUB_COMPONENTS = [
  'project_path',
  'project_id',
  'ref_type',
  'ref',
  'ref_protected',
  'environment_protected',
  'deployment_tier',
] as const

/** The default components. */
export const GITLAB_DEFAULT_SUB_COMPONENTS: readonly string[] = ['project_path', 'ref_type', 'ref']

/**
 * Check a `ci_id_token_sub_claim_components` list the way GitLab's project setting validates it;
 * throws `InvalidInputError` with GitLab's message.
 *
 * @example
 * checkSubClaimComponents(['ref', 'project_path']) // throws 'project_path or project_id must be the first element of the sub claim'
 */
export function checkSubClaimComponents(
  components: unknown,
  path = 'subClaimComponents',
): string[] {
  if (!Array.isArray(components) || components.length === 0) {
    throw new InvalidInputError(`${path}: expected a non-empty list of components`, path)
  }
  for (const [i, c] of components.entries()) {
    if (typeof c !== 'string' || !(GITLAB_SUB_COMPONENTS as readonly string[]).includes(c)) {
      throw new InvalidInputError(
        `${String(c)} is not an allowed sub claim component`,
        `${path}[${i}]`,
      )
    }
  }
  if (components[0] !== 'project_path' && components[0] !== 'project_id') {
    throw new InvalidInputError(
      'project_path or project_id must be the first element of the sub claim',
      `${path}[0]`,
    )
  }
  return components as string[]
}

/**
 * Build `sub` from the claims and the components (default `project_path`, `ref_type`, `ref`).
 *
 * @example
 * gitlabSubject({ project_path: 'mygroup/sub/myproject', ref_type: 'tag', ref: 'v4.2.0' })
 * // 'project_path:mygroup/sub/myproject:ref_type:tag:ref:v4.2.0'
 * gitlabSubject({ project_id: '20', ref_type: 'branch', ref: 'main' }, ['project_id', 'ref_type', 'ref'])
 * // 'project_id:20:ref_type:branch:ref:main'
 */
export function gitlabSubject(
  claims: Readonly<Record<string, unknown>>,
  components: readonly string[] = GITLAB_DEFAULT_SUB_COMPONENTS,
): string {
  const parts: string[] = []
  for (const name of checkSubClaimComponents([...components])) {
    const value = claims[name]
    if (value === undefined || value === null) continue
    parts.push(`${name}:${String(value)}`)
  }
  return parts.join(':')
}

/**
 * Read a GitLab `sub` back into its components (`undefined` when it is not one).
 *
 * @example
 * parseGitLabSubject('project_path:g/p:ref_type:branch:ref:main')
 * // { project_path: 'g/p', ref_type: 'branch', ref: 'main' }
 */
export function parseGitLabSubject(sub: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  // Values never contain ':' except the last `ref`, which is a git ref (no ':' either).
  const pieces = sub.split(':')
  if (pieces.length % 2 !== 0) return undefined
  for (let i = 0; i < pieces.length; i += 2) {
    const key = pieces[i]!
    if (!(GITLAB_SUB_COMPONENTS as readonly string[]).includes(key) || key in out) return undefined
    out[key] = pieces[i + 1]!
  }
  return 'project_path' in out || 'project_id' in out ? out : undefined
}
