import { describe, expect, it } from 'vitest'
import { STEP_IDS, stepData, type Trace } from '../../lib/core/trace.js'
import {
  CHECK_ADVICE,
  STEP_ADVICE,
  adviceFor,
  checkAdvice,
  failedCheck,
  whatToChangeInTrace,
} from '../../lib/explain/check-advice.js'
import { SCENARIOS, getScenario } from '../../lib/handshake/scenarios.js'
import { walk } from '../../lib/handshake/walk.js'

const traces = new Map<string, Trace>()
async function traceOf(name: string): Promise<Trace> {
  const known = traces.get(name)
  if (known) return known
  const trace = await walk(getScenario(name))
  traces.set(name, trace)
  return trace
}
const changesOf = async (name: string, options?: { explainOptions?: boolean }) => {
  const trace = await traceOf(name)
  return whatToChangeInTrace(trace, stepData(trace, 'conditions')?.evaluation, options)
}

describe('the advice table', () => {
  it('names each check id once, under a step the Trace has', () => {
    const ids = CHECK_ADVICE.flatMap((a) => a.checks)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(STEP_IDS).toContain(id.slice(0, id.indexOf('.')))
  })

  it('explains every entry in words and cites where the rule is documented', () => {
    for (const advice of CHECK_ADVICE) {
      expect(advice.explanation.length, advice.checks[0]).toBeGreaterThan(20)
      expect(advice.source, advice.checks[0]).toMatch(/^https:\/\//)
    }
  })

  it('has advice for the check every failing scenario stops on', async () => {
    const failing = []
    for (const scenario of SCENARIOS) {
      const trace = await traceOf(scenario.name)
      if (trace.outcome.ok) continue
      const check = failedCheck(trace)
      expect(check, scenario.name).toBeDefined()
      expect(checkAdvice(check!.id), `${scenario.name}: ${check!.id}`).toBeDefined()
      failing.push(check!.id)
    }
    // The scenarios cover provider, audience, keys, signature, expiry, role, policy, parameters.
    expect(new Set(failing)).toEqual(
      new Set([
        'verify.aud-in-client-ids',
        'conditions.trust-policy',
        'verify.exp',
        'verify.kid-in-jwks',
        'verify.signature',
        'verify.provider-for-iss',
        'credentials.duration-within-max',
        'conditions.role-exists',
        'issue.role-session-name',
      ]),
    )
  })

  it('matches a family entry by prefix and a single entry exactly', () => {
    expect(checkAdvice('discovery.issuer-matches')?.checks).toEqual(['discovery.'])
    expect(checkAdvice('discovery.jwks-fetched')?.checks).toContain('discovery.jwks-fetched')
    expect(checkAdvice('verify.signature-not-checked')).toBeUndefined()
    expect(checkAdvice('verify')).toBeUndefined()
  })
})

describe('adviceFor', () => {
  const failed = (id: string) => ({ id, ok: false, summary: '' })

  it('says what to change for each kind of failure', () => {
    expect(adviceFor(failed('verify.signature'))).toMatch(/exactly as the runner returned it/)
    expect(adviceFor(failed('conditions.role-exists'))).toMatch(/role must exist/)
    expect(adviceFor(failed('conditions.trust-policy'))).toMatch(/Never widen it to a wildcard/)
    expect(adviceFor(failed('conditions.tag-session'))).toMatch(/sts:TagSession/)
    expect(adviceFor(failed('discovery.configuration-json'))).toMatch(/openid-configuration/)
  })

  it("quotes STS's answer where it names the problem", () => {
    const error = {
      code: 'InvalidIdentityToken' as const,
      message: 'No OpenIDConnect provider found in your account for https://x.example',
      status: 400,
    }
    expect(adviceFor(failed('verify.provider-for-iss'), { error })).toBe(
      `Create an IAM OIDC provider whose URL is exactly the token's iss, and name its ARN in the policy's Principal.Federated (STS: "${error.message}").`,
    )
    expect(adviceFor(failed('verify.provider-for-iss'))).not.toContain('STS:')
  })

  it('names the trustwalk explain options only when asked', () => {
    const check = failed('verify.aud-in-client-ids')
    expect(adviceFor(check)).not.toContain('--client-id')
    expect(adviceFor(check, { explainOptions: true })).toContain('(simulate with --client-id)')
  })

  it("falls back to the step's advice for a check the table does not name", () => {
    expect(adviceFor(failed('credentials.something-new'))).toBe(STEP_ADVICE.credentials)
    expect(adviceFor(failed('issue.packed-policy-size'))).toBe(STEP_ADVICE.issue)
  })
})

describe('whatToChangeInTrace', () => {
  it('is empty when STS issues credentials', async () => {
    expect(await changesOf('happy-path')).toEqual([])
    expect(await changesOf('attacker-no-sub')).toEqual([])
  })

  it('gives the fix for a failure before the trust policy', async () => {
    expect(await changesOf('wrong-audience')).toEqual([
      "Make the token's aud one of the provider's client IDs: add it to the provider, or have the workflow ask for audience sts.amazonaws.com.",
    ])
    expect(await changesOf('expired-token', { explainOptions: true })).toEqual([
      'The token has expired (GitHub tokens live 5 minutes, and AWS allows 5 minutes of clock skew): get a fresh one, or explain its claims with --claims.',
    ])
    expect(await changesOf('rotated-key')).toEqual([
      "STS could not fetch the issuer's keys, or they do not include the token's kid.",
    ])
    expect((await changesOf('unknown-provider'))[0]).toMatch(
      /^Create an IAM OIDC provider .* \(STS: "No OpenIDConnect provider found in your account for https:\/\/vstoken\.actions\.githubusercontent\.com"\)\.$/,
    )
    expect(await changesOf('duration-too-long')).toEqual([
      'Fix the request: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    ])
    expect((await changesOf('bad-session-name'))[0]).toMatch(
      /^Fix the request: 1 validation error detected: Value 'dependabot\[bot\]' at 'roleSessionName'/,
    )
  })

  it("lists the policy's edits for a denied trust policy", async () => {
    const changes = await changesOf('pull-request')
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatch(/^The token's sub is "repo:octo-org\/octo-repo:pull_request"/)
    expect(changes[0]).toContain('comes from a pull_request run')
  })

  it('lists nothing for a forged token or a missing role (advice shows beside the check)', async () => {
    expect(await changesOf('tampered-signature')).toEqual([])
    expect(await changesOf('unknown-role')).toEqual([])
  })
})
