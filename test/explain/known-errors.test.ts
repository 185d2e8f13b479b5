import { describe, expect, it } from 'vitest'
import { KNOWN_ERRORS, knownErrorFor } from '../../lib/explain/known-errors.js'
import { SCENARIOS } from '../../lib/handshake/scenarios.js'
import { walk } from '../../lib/handshake/walk.js'

describe('KNOWN_ERRORS', () => {
  it('gives every entry a unique id, a cause, a fix and sources', () => {
    const ids = KNOWN_ERRORS.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const e of KNOWN_ERRORS) {
      expect(e.cause.length, e.id).toBeGreaterThan(20)
      expect(e.fix.length, e.id).toBeGreaterThan(10)
      expect(e.sources.length, e.id).toBeGreaterThan(0)
      for (const s of e.sources) expect(s.url, e.id).toMatch(/^https:\/\//)
      if (e.code) expect(e.code, e.id).toMatch(/^\w+ \(\d{3}\)$/)
    }
  })

  it('replays each entry with a scenario that answers its STS code, or says why it cannot', async () => {
    for (const e of KNOWN_ERRORS) {
      const scenario = SCENARIOS.find((s) => e.scenarios.includes(s.name))
      if (!scenario) {
        // The site adds teaching variants for the rest (site/lib/scenario-list.ts).
        if (e.scenarios.length === 0) expect(e.noReplay, e.id).toMatch(/^No replay/)
        continue
      }
      const trace = await walk(scenario)
      expect(trace.outcome.ok, e.id).toBe(false)
      if (trace.outcome.ok) continue
      const { code, status } = trace.outcome.error
      expect(`${code} (${status})`, e.id).toBe(e.code)
    }
  })

  it("explains the scenarios' STS answers", async () => {
    const explained = new Map<string, string | undefined>()
    for (const s of SCENARIOS) {
      const trace = await walk(s)
      if (!trace.outcome.ok) explained.set(s.name, knownErrorFor(trace.outcome.error)?.id)
    }
    expect(Object.fromEntries(explained)).toMatchObject({
      'wrong-audience': 'audience',
      'pull-request': 'not-authorized',
      'expired-token': 'expired',
      'rotated-key': 'verification-key',
      'tampered-signature': 'bad-signature',
      'unknown-provider': 'no-provider',
      'duration-too-long': 'duration',
      'unknown-role': 'not-authorized',
      'bad-session-name': 'session-name',
    })
  })
})

describe('knownErrorFor', () => {
  it('matches the code and the message', () => {
    expect(
      knownErrorFor({ code: 'InvalidIdentityToken', message: 'Incorrect token audience' })?.id,
    ).toBe('audience')
    expect(
      knownErrorFor({
        code: 'InvalidIdentityToken',
        message:
          'Please check .well-known/openid-configuration of provider: https://ghes.example.com/_services/token is valid',
      })?.id,
    ).toBe('openid-configuration')
  })

  it('finds nothing for another code with the same message, or an unknown message', () => {
    expect(knownErrorFor({ code: 'AccessDenied', message: 'Incorrect token audience' })).toBe(
      undefined,
    )
    expect(knownErrorFor({ code: 'InvalidIdentityToken', message: 'Something else' })).toBe(
      undefined,
    )
  })
})
