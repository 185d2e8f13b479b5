/**
 * Runs whose claims the playground and the explainer offer as starting points. The claims come
 * from the library's `githubClaims`, at a fixed time so the pages are reproducible.
 */
import {
  DEMO_OWNER,
  DEMO_REPO,
  DEMO_TIME,
  fixedClock,
  githubClaims,
  STS_AUDIENCE,
  type WorkflowRun,
} from '../../lib/index.js'

export interface ClaimPreset {
  id: string
  label: string
  run: WorkflowRun
}

export const CLAIM_PRESETS: readonly ClaimPreset[] = [
  {
    id: 'main',
    label: 'Push to main',
    run: { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'main', refProtected: true },
  },
  { id: 'dev', label: 'Push to dev', run: { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'dev' } },
  {
    id: 'feature',
    label: 'Feature branch',
    run: { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'feature/login' },
  },
  {
    id: 'pull-request',
    label: 'Pull request',
    run: {
      owner: DEMO_OWNER,
      repo: DEMO_REPO,
      event: 'pull_request',
      headRef: 'feature/login',
      baseRef: 'main',
    },
  },
  {
    id: 'environment',
    label: 'Environment production',
    run: { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'main', environment: 'production' },
  },
  { id: 'tag', label: 'Tag v1.2.0', run: { owner: DEMO_OWNER, repo: DEMO_REPO, tag: 'v1.2.0' } },
  {
    id: 'other-repo',
    label: 'Another repo, same org',
    run: { owner: DEMO_OWNER, repo: 'sandbox', branch: 'main' },
  },
  {
    id: 'attacker',
    label: 'Attacker’s repo',
    run: { owner: 'octo-org-evil', repo: 'octo-repo', branch: 'main' },
  },
]

/** When the preset tokens were "issued"; trust policies never look at time, so any fixed one works. */
const ISSUED_AT = fixedClock(DEMO_TIME)

/** The claims GitHub would issue for a preset's run, with the audience AWS expects. */
export function presetClaims(preset: ClaimPreset): Record<string, unknown> {
  return { ...githubClaims(preset.run, { audience: STS_AUDIENCE, clock: ISSUED_AT }) }
}

export function findPreset(id: string): ClaimPreset {
  return CLAIM_PRESETS.find((p) => p.id === id) ?? CLAIM_PRESETS[0]!
}
