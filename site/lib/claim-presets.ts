/**
 * Runs whose claims the playground and the explainer offer as starting points. The claims come
 * from the library's `githubClaims`, at a fixed time so the pages are reproducible.
 */
import { fixedClock, githubClaims, type WorkflowRun } from '../../lib/index.js'

export interface ClaimPreset {
  id: string
  label: string
  run: WorkflowRun
}

export const CLAIM_PRESETS: readonly ClaimPreset[] = [
  {
    id: 'main',
    label: 'Push to main',
    run: { owner: 'octo-org', repo: 'octo-repo', branch: 'main', refProtected: true },
  },
  { id: 'dev', label: 'Push to dev', run: { owner: 'octo-org', repo: 'octo-repo', branch: 'dev' } },
  {
    id: 'feature',
    label: 'Feature branch',
    run: { owner: 'octo-org', repo: 'octo-repo', branch: 'feature/login' },
  },
  {
    id: 'pull-request',
    label: 'Pull request',
    run: {
      owner: 'octo-org',
      repo: 'octo-repo',
      event: 'pull_request',
      headRef: 'feature/login',
      baseRef: 'main',
    },
  },
  {
    id: 'environment',
    label: 'Environment production',
    run: { owner: 'octo-org', repo: 'octo-repo', branch: 'main', environment: 'production' },
  },
  { id: 'tag', label: 'Tag v1.2.0', run: { owner: 'octo-org', repo: 'octo-repo', tag: 'v1.2.0' } },
  {
    id: 'other-repo',
    label: 'Another repo, same org',
    run: { owner: 'octo-org', repo: 'sandbox', branch: 'main' },
  },
  {
    id: 'attacker',
    label: 'Attacker’s repo',
    run: { owner: 'octo-org-evil', repo: 'octo-repo', branch: 'main' },
  },
]

/** When the preset tokens were "issued"; trust policies never look at time, so any fixed one works. */
const ISSUED_AT = fixedClock('2026-10-08T18:31:15Z')

/** The claims GitHub would issue for a preset's run, with the audience AWS expects. */
export function presetClaims(preset: ClaimPreset): Record<string, unknown> {
  return { ...githubClaims(preset.run, { audience: 'sts.amazonaws.com', clock: ISSUED_AT }) }
}

export function findPreset(id: string): ClaimPreset {
  return CLAIM_PRESETS.find((p) => p.id === id) ?? CLAIM_PRESETS[0]!
}
