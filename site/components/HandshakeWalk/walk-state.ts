/**
 * What a walk shows, as plain data that fits in a URL: the scenario's name and the reader's changes
 * to the run. Never the token — the token is re-minted from this state in the page.
 */
import { STS_AUDIENCE, type Scenario, type WorkflowRun } from '../../../lib/index.js'

export interface RunOverrides {
  branch?: string
  event?: string
  /** `''` removes the scenario's environment. */
  environment?: string
  /** `''` asks for no audience (GitHub then uses https://github.com/OWNER). */
  audience?: string
  /**
   * `id` gives the run GitHub's immutable subject, `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (FACTS.md
   * §1.5); `name` the name form.
   */
  subjectForm?: string
  /** The caller's address STS sees, `aws:SourceIp`; `''` leaves the key out. */
  sourceIp?: string
}

export interface WalkState {
  scenario: string
  overrides: RunOverrides
}

const KEYS = ['branch', 'event', 'environment', 'audience', 'subjectForm', 'sourceIp'] as const
const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** Read `?scenario=…&branch=…` (unknown parameters are ignored). */
export function readWalkState(search: string, fallback: string): WalkState {
  const params = new URLSearchParams(search)
  const overrides: RunOverrides = {}
  for (const key of KEYS) {
    const value = params.get(key)
    if (value !== null) overrides[key] = value.slice(0, 200)
  }
  return { scenario: params.get('scenario') ?? fallback, overrides }
}

/** The query string for a state; other parameters in `search` are kept. */
export function writeWalkState(search: string, state: WalkState): string {
  const params = new URLSearchParams(search)
  params.set('scenario', state.scenario)
  for (const key of KEYS) {
    const value = state.overrides[key]
    if (value === undefined) params.delete(key)
    else params.set(key, value)
  }
  return `?${params.toString()}`
}

/** What a scenario's run starts with, for the form. */
export function runDefaults(scenario: Scenario): Required<RunOverrides> {
  const run = scenario.run
  return {
    branch:
      run.headRef ??
      run.branch ??
      run.tag ??
      run.ref?.replace(/^refs\/(heads|tags)\//, '') ??
      'main',
    event: run.event ?? 'push',
    environment: run.environment ?? '',
    audience: scenario.audience === null ? '' : (scenario.audience ?? STS_AUDIENCE),
    subjectForm: run.immutableSubject ? 'id' : 'name',
    sourceIp: scenario.sourceIp ?? '',
  }
}

/** The scenario with the reader's changes applied to its run (a copy). */
export function applyOverrides(scenario: Scenario, overrides: RunOverrides): Scenario {
  const next = structuredClone(scenario)
  const run: WorkflowRun = next.run
  const event = overrides.event ?? run.event ?? 'push'
  const branch = overrides.branch ?? runDefaults(scenario).branch
  if (overrides.event !== undefined || overrides.branch !== undefined) {
    delete run.branch
    delete run.tag
    delete run.ref
    delete run.headRef
    delete run.baseRef
    run.event = event
    if (PR_EVENTS.has(event)) {
      run.headRef = branch
      run.baseRef = 'main'
    } else if (scenario.run.tag !== undefined && overrides.branch === undefined) {
      run.tag = scenario.run.tag
    } else {
      run.branch = branch
    }
  }
  if (overrides.environment !== undefined) {
    if (overrides.environment === '') delete run.environment
    else run.environment = overrides.environment
  }
  if (overrides.audience !== undefined)
    next.audience = overrides.audience === '' ? null : overrides.audience
  if (overrides.subjectForm !== undefined) run.immutableSubject = overrides.subjectForm === 'id'
  if (overrides.sourceIp !== undefined) {
    if (overrides.sourceIp === '') delete next.sourceIp
    else next.sourceIp = overrides.sourceIp
  }
  return next
}
