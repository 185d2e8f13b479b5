/**
 * The workflow-run form's fields ↔ the library's `WorkflowRun`. Only field plumbing lives here;
 * what GitHub does with a run (claims, `sub`) is the library's job.
 */
import { DEMO_OWNER, DEMO_REPO, STS_AUDIENCE, type WorkflowRun } from '../../../lib/index.js'

export interface RunFields {
  owner: string
  repo: string
  refKind: 'branch' | 'tag'
  refName: string
  event: string
  environment: string
  audience: string
  /** `owner/repo/.github/workflows/file.yml@ref`, or empty. */
  reusable: string
  immutable: boolean
}

export const DEFAULT_RUN_FIELDS: RunFields = {
  owner: DEMO_OWNER,
  repo: DEMO_REPO,
  refKind: 'branch',
  refName: 'main',
  event: 'push',
  environment: '',
  audience: STS_AUDIENCE,
  reusable: '',
  immutable: false,
}

/** A field problem the form shows next to the field it names. */
export class FieldError extends Error {
  constructor(
    readonly field: keyof RunFields,
    message: string,
  ) {
    super(message)
  }
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])
const REUSABLE = /^([^/\s@]+\/[^/\s@]+)\/(\.github\/workflows\/[^@\s]+)@(\S+)$/

/** The run the fields describe. Pull-request events take the branch as the PR's source branch. */
export function runFromFields(fields: RunFields): WorkflowRun {
  const run: WorkflowRun = {
    owner: fields.owner.trim(),
    repo: fields.repo.trim(),
    event: fields.event,
    immutableSubject: fields.immutable,
  }
  const name = fields.refName.trim()
  if (!name) throw new FieldError('refName', 'Give a branch or tag name.')
  if (PR_EVENTS.has(fields.event)) {
    run.headRef = name
    run.baseRef = 'main'
  } else if (fields.refKind === 'tag') {
    run.tag = name
  } else {
    run.branch = name
  }
  if (fields.environment.trim()) run.environment = fields.environment.trim()
  const reusable = fields.reusable.trim()
  if (reusable) {
    const match = REUSABLE.exec(reusable)
    if (!match) {
      throw new FieldError(
        'reusable',
        'Write it as owner/repo/.github/workflows/file.yml@ref, e.g. octo-org/ci/.github/workflows/deploy.yml@refs/heads/main.',
      )
    }
    run.reusableWorkflow = { repository: match[1]!, path: match[2]!, ref: match[3]! }
  }
  return run
}

/** Map a library `InvalidInputError.path` such as `run.owner` to the form field to mark. */
export function fieldForPath(path: string | undefined): keyof RunFields | undefined {
  if (!path) return undefined
  if (path.startsWith('run.owner')) return 'owner'
  if (path.startsWith('run.repo')) return 'repo'
  if (/^run\.(branch|tag|ref|headRef|baseRef)/.test(path)) return 'refName'
  if (path.startsWith('run.event')) return 'event'
  if (path.startsWith('run.environment')) return 'environment'
  if (path.startsWith('run.reusableWorkflow')) return 'reusable'
  if (path.startsWith('audience') || path.startsWith('options.audience')) return 'audience'
  return undefined
}
