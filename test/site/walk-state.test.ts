/**
 * The walk island's state (site/components/HandshakeWalk/walk-state.ts): what fits in the URL, and
 * how the reader's changes to a run reach the real handshake.
 */
import { describe, expect, it } from 'vitest'
import {
  applyOverrides,
  readWalkState,
  runDefaults,
  writeWalkState,
} from '../../site/components/HandshakeWalk/walk-state.js'
import { getScenario } from '../../lib/handshake/scenarios.js'
import { walk } from '../../lib/handshake/walk.js'
import { stepData } from '../../lib/core/trace.js'

describe('walk state in the URL', () => {
  it('round-trips the scenario and the overrides, keeping other parameters', () => {
    const state = { scenario: 'pull-request', overrides: { branch: 'dev', audience: '' } }
    const search = writeWalkState('?theme=dark&event=push', state)
    const params = new URLSearchParams(search)
    expect(params.get('theme')).toBe('dark')
    expect(params.has('event')).toBe(false)
    expect(readWalkState(search, 'happy-path')).toEqual(state)
  })

  it('falls back to the default scenario, ignores unknown parameters and caps long values', () => {
    const state = readWalkState(`?token=eyJ&branch=${'b'.repeat(500)}`, 'happy-path')
    expect(state.scenario).toBe('happy-path')
    expect(state.overrides).toEqual({ branch: 'b'.repeat(200) })
    expect(Object.keys(state.overrides)).not.toContain('token')
  })
})

describe('the reader changes the run', () => {
  it('starts from what the scenario runs', () => {
    expect(runDefaults(getScenario('pull-request'))).toEqual({
      branch: 'feature',
      event: 'pull_request',
      environment: '',
      audience: 'sts.amazonaws.com',
    })
    expect(runDefaults(getScenario('wrong-audience')).audience).toBe('')
  })

  it('a pull request switched to a push to main is allowed by the branch-only policy', async () => {
    const scenario = getScenario('pull-request')
    expect((await walk(scenario)).outcome.ok).toBe(false)
    const changed = applyOverrides(scenario, { event: 'push', branch: 'main' })
    const trace = await walk(changed)
    expect(trace.outcome.ok).toBe(true)
    expect(stepData(trace, 'issue')?.claims?.sub).toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
    )
    // The scenario itself is untouched.
    expect(scenario.run.event).toBe('pull_request')
  })

  it('an environment and an empty audience reach the token', async () => {
    const changed = applyOverrides(getScenario('happy-path'), {
      environment: 'production',
      audience: '',
    })
    const trace = await walk(changed)
    const claims = stepData(trace, 'issue')?.claims
    expect(claims?.sub).toBe('repo:octo-org/octo-repo:environment:production')
    expect(claims?.aud).toBe('https://github.com/octo-org')
    expect(trace.outcome.ok || trace.outcome.error.message).toBe('Incorrect token audience')
  })
})
