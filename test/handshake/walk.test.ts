import { describe, expect, it } from 'vitest'
import { decodeJwt } from '../../lib/aws/oidc/jwt.js'
import { walk } from '../../lib/handshake/walk.js'
import { getScenario, SCENARIOS } from '../../lib/handshake/scenarios.js'
import type { Scenario } from '../../lib/handshake/scenario.js'
import { STEP_IDS, type Trace } from '../../lib/core/trace.js'

type Status = 'pass' | 'fail' | 'skipped'
const P: Status = 'pass'
const F: Status = 'fail'
const S: Status = 'skipped'

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
const NOT_VALIDATED =
  'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.'

/** Per scenario: step statuses (discovery, issue, verify, conditions, credentials), failing check, error. */
const EXPECTED: Record<
  string,
  { statuses: Status[]; failed?: string; error?: [string, string | RegExp, number] }
> = {
  'happy-path': { statuses: [P, P, P, P, P] },
  'wrong-audience': {
    statuses: [S, P, F, S, S],
    failed: 'verify.aud-in-client-ids',
    error: ['InvalidIdentityToken', 'Incorrect token audience', 400],
  },
  'pull-request': {
    statuses: [P, P, P, F, S],
    failed: 'conditions.trust-policy',
    error: ['AccessDenied', NOT_AUTHORIZED, 403],
  },
  'environment-subject': {
    statuses: [P, P, P, F, S],
    failed: 'conditions.trust-policy',
    error: ['AccessDenied', NOT_AUTHORIZED, 403],
  },
  'immutable-subject': {
    statuses: [P, P, P, F, S],
    failed: 'conditions.trust-policy',
    error: ['AccessDenied', NOT_AUTHORIZED, 403],
  },
  'expired-token': {
    statuses: [P, P, F, S, S],
    failed: 'verify.exp',
    error: [
      'ExpiredTokenException',
      /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
      400,
    ],
  },
  'rotated-key-still-published': { statuses: [P, P, P, P, P] },
  'rotated-key': {
    statuses: [P, P, F, S, S],
    failed: 'verify.kid-in-jwks',
    error: [
      'InvalidIdentityToken',
      /^Couldn't retrieve verification key from your identity provider/,
      400,
    ],
  },
  'tampered-signature': {
    statuses: [P, P, F, S, S],
    failed: 'verify.signature',
    error: ['InvalidIdentityToken', NOT_VALIDATED, 400],
  },
  'attacker-no-sub': { statuses: [P, P, P, P, P] },
  'attacker-pinned-sub': {
    statuses: [P, P, P, F, S],
    failed: 'conditions.trust-policy',
    error: ['AccessDenied', NOT_AUTHORIZED, 403],
  },
  'unknown-provider': {
    statuses: [S, P, F, S, S],
    failed: 'verify.provider-for-iss',
    error: [
      'InvalidIdentityToken',
      'No OpenIDConnect provider found in your account for https://vstoken.actions.githubusercontent.com',
      400,
    ],
  },
  'duration-too-long': {
    statuses: [P, P, P, P, F],
    failed: 'credentials.duration-within-max',
    error: [
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      400,
    ],
  },
  'unknown-role': {
    statuses: [P, P, P, F, S],
    failed: 'conditions.role-exists',
    error: ['AccessDenied', NOT_AUTHORIZED, 403],
  },
  'bad-session-name': {
    statuses: [S, F, S, S, S],
    failed: 'issue.role-session-name',
    error: [
      'ValidationError',
      "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      400,
    ],
  },
}

const firstFailed = (trace: Trace) => trace.steps.flatMap((s) => s.checks).find((c) => !c.ok)?.id

describe('walk: every built-in scenario', () => {
  it('has an expectation for each scenario, and no stale ones', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SCENARIOS.map((s) => s.name).sort())
  })

  it.each(SCENARIOS.map((s) => [s.name]))('%s', async (name) => {
    const trace = await walk(getScenario(name))
    const want = EXPECTED[name]!
    expect(trace.steps.map((s) => s.id)).toEqual(STEP_IDS)
    expect(trace.steps.map((s) => s.status)).toEqual(want.statuses)
    expect(firstFailed(trace)).toBe(want.failed)
    if (!want.error) {
      expect(trace.outcome.ok).toBe(true)
      return
    }
    expect(trace.outcome.ok).toBe(false)
    if (trace.outcome.ok) return
    const [code, message, status] = want.error
    expect(trace.outcome.error.code).toBe(code)
    expect(trace.outcome.error.message).toMatch(
      typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message,
    )
    expect(trace.outcome.error.status).toBe(status)
  })

  it("each scenario's own expect agrees with what walk() does", async () => {
    for (const scenario of SCENARIOS) {
      const trace = await walk(getScenario(scenario.name))
      expect(trace.outcome.ok, scenario.name).toBe(scenario.expect?.ok)
      if (!trace.outcome.ok)
        expect(trace.outcome.error.code, scenario.name).toBe(scenario.expect?.error)
      expect(firstFailed(trace), scenario.name).toBe(scenario.expect?.failedCheck)
    }
  })
})

describe('walk: what the trace carries', () => {
  it('the happy path returns STS credentials for the assumed role', async () => {
    const trace = await walk(getScenario('happy-path'))
    if (!trace.outcome.ok) throw new Error(trace.outcome.error.message)
    const r = trace.outcome.response
    expect(r.AssumedRoleUser.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    )
    expect(r.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:GitHubActions$/)
    expect(r.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(r.Audience).toBe('sts.amazonaws.com')
    expect(r.Provider).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    )
    expect(r.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(r.Credentials.Expiration).toBe('2026-10-08T19:31:15Z')
    const ids = trace.steps.flatMap((s) => s.checks.map((c) => c.id))
    // GitHub's side first in the issue step, then STS's reading of the request.
    expect(ids.filter((id) => id.startsWith('issue.'))).toEqual([
      'issue.id-token-request',
      'issue.token-signed',
      'issue.role-arn',
      'issue.role-session-name',
      'issue.token-length',
      'issue.role-arn-format',
      'issue.jwt-format',
      'issue.claims',
    ])
    expect(ids).toContain('conditions.trust-policy')
    expect(ids.at(-1)).toBe('credentials.issued')
  })

  it('is reproducible: the same scenario gives the same trace', async () => {
    const a = await walk(getScenario('happy-path'))
    const b = await walk(getScenario('happy-path'))
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)))
  })

  it('keeps the token, its claims and the discovery requests in step data', async () => {
    const trace = await walk(getScenario('happy-path'))
    const issue = trace.steps[1]!.data as { token: string; claims: Record<string, unknown> }
    expect(decodeJwt(issue.token).payload.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    const discovery = trace.steps[0]!.data as { requests: { url: string; status: number }[] }
    expect(discovery.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/.well-known/openid-configuration',
      '/.well-known/jwks',
    ])
  })

  it('an expired token fails exactly 300 s after exp, not before', async () => {
    const at = async (n: number) =>
      walk({
        ...getScenario('happy-path'),
        name: `late-${n}`,
        perturbations: { expireBySeconds: n },
      })
    expect((await at(299)).outcome.ok).toBe(true)
    const late = await at(301)
    expect(!late.outcome.ok && late.outcome.error.code).toBe('ExpiredTokenException')
  })

  it('the attacker gets in with their own subject when the policy has no sub', async () => {
    const trace = await walk(getScenario('attacker-no-sub'))
    expect(trace.outcome.ok && trace.outcome.response.SubjectFromWebIdentityToken).toBe(
      'repo:evil-org/evil-repo:ref:refs/heads/main',
    )
  })

  it.each([
    ['payload', 'verify.signature'],
    ['alg-none', 'verify.signature'],
  ] as const)('tamper %s is refused as InvalidIdentityToken', async (tamper, failed) => {
    const trace = await walk({
      ...getScenario('happy-path'),
      name: `t-${tamper}`,
      perturbations: { tamper },
    })
    expect(!trace.outcome.ok && trace.outcome.error.code).toBe('InvalidIdentityToken')
    expect(firstFailed(trace)).toBe(failed)
  })

  it('a session policy shows up as PackedPolicySize', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    })
    const trace = await walk({ ...getScenario('happy-path'), policy })
    expect(trace.outcome.ok && trace.outcome.response.PackedPolicySize).toBe(
      Math.ceil((policy.length * 100) / 2048),
    )
  })

  it('sourceIp is the aws:SourceIp a trust policy can test; without it the key is absent', async () => {
    const happy = getScenario('happy-path')
    const role = happy.account.roles![0]!
    const policy = structuredClone(role.AssumeRolePolicyDocument) as {
      Statement: { Condition: Record<string, unknown> }[]
    }
    policy.Statement[0]!.Condition.IpAddress = { 'aws:SourceIp': '203.0.113.0/24' }
    const scenario: Scenario = {
      ...happy,
      account: { ...happy.account, roles: [{ ...role, AssumeRolePolicyDocument: policy }] },
    }
    const from = await walk({ ...scenario, sourceIp: '203.0.113.9' })
    expect(from.outcome.ok).toBe(true)
    const conditions = from.steps.find((s) => s.id === 'conditions')!
    expect((conditions.data as { requestContext: object }).requestContext).toMatchObject({
      'aws:SourceIp': '203.0.113.9',
    })
    const elsewhere = await walk({ ...scenario, sourceIp: '2001:db8::1' })
    expect(firstFailed(elsewhere)).toBe('conditions.trust-policy')
    const unknown = await walk(scenario)
    expect(firstFailed(unknown)).toBe('conditions.trust-policy')
  })

  it('refuses a malformed scenario with the path of the problem', async () => {
    const bad = {
      ...getScenario('happy-path'),
      perturbations: { tamper: 'sig' },
    } as unknown as Scenario
    await expect(walk(bad)).rejects.toThrow(
      /^perturbations\.tamper: expected "signature", "payload" or "alg-none"/,
    )
  })
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
