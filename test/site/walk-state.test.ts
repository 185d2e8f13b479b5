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
      subjectForm: 'name',
      sourceIp: '',
    })
    expect(runDefaults(getScenario('wrong-audience')).audience).toBe('')
    expect(runDefaults(getScenario('immutable-subject')).subjectForm).toBe('id')
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

describe('the ID form and the caller address (issue 12)', () => {
  it('switching a run to the ID form meets the name-form policy with the immutable-subject denial', async () => {
    const trace = await walk(applyOverrides(getScenario('happy-path'), { subjectForm: 'id' }))
    const sub = stepData(trace, 'issue')?.claims?.sub
    expect(sub).toMatch(/^repo:octo-org@\d+\/octo-repo@\d+:ref:refs\/heads\/main$/)
    expect(trace.outcome.ok || trace.outcome.error.code).toBe('AccessDenied')
  })

  it('switching the immutable-subject scenario back to the name form is allowed', async () => {
    const scenario = getScenario('immutable-subject')
    expect((await walk(scenario)).outcome.ok).toBe(false)
    const trace = await walk(applyOverrides(scenario, { subjectForm: 'name' }))
    expect(stepData(trace, 'issue')?.claims?.sub).toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
    )
    expect(trace.outcome.ok).toBe(true)
  })

  it('the caller IP reaches aws:SourceIp, and an IpAddress condition decides on it', async () => {
    const base = getScenario('happy-path')
    const fenced = structuredClone(base)
    const trust = (s: typeof base) =>
      s.account.roles![0]!.AssumeRolePolicyDocument as {
        Statement: { Condition: Record<string, object> }[]
      }
    trust(fenced).Statement[0]!.Condition.IpAddress = { 'aws:SourceIp': '203.0.113.0/24' }
    expect(trust(base).Statement[0]!.Condition).not.toHaveProperty('IpAddress')

    const inside = await walk(applyOverrides(fenced, { sourceIp: '203.0.113.7' }))
    const context = stepData(inside, 'conditions')?.requestContext
    expect(context?.['aws:SourceIp']).toBe('203.0.113.7')
    expect(inside.outcome.ok).toBe(true)
    expect((await walk(applyOverrides(fenced, { sourceIp: '198.51.100.1' }))).outcome.ok).toBe(
      false,
    )
    // No address: the key is missing, and IpAddress on a missing key does not match.
    const none = await walk(applyOverrides(fenced, { sourceIp: '' }))
    expect(stepData(none, 'conditions')?.requestContext).not.toHaveProperty('aws:SourceIp')
    expect(none.outcome.ok).toBe(false)
  })

  it('an address that is not one is refused before the walk, naming the field', async () => {
    await expect(
      walk(applyOverrides(getScenario('happy-path'), { sourceIp: '300.1.2.3' })),
    ).rejects.toMatchObject({ path: expect.stringMatching(/sourceIp/) })
  })
})
