import { describe, expect, it } from 'vitest'
import { checkGuardrail } from '../../lib/aws/policy/guardrail.js'
import type { Trace } from '../../lib/core/trace.js'
import {
  getIssuerScenario,
  ISSUER_SCENARIOS,
  issuerTrustPolicy,
} from '../../lib/handshake/issuer-scenarios.js'
import { walk } from '../../lib/handshake/walk.js'
import { ISSUER_KINDS } from '../../lib/issuers/index.js'

const firstFailed = (trace: Trace) => trace.steps.flatMap((s) => s.checks).find((c) => !c.ok)?.id

describe('issuer scenarios', () => {
  it('each issuer other than GitHub has a happy path and at least one failure', () => {
    for (const kind of ISSUER_KINDS.filter((k) => k !== 'github')) {
      const mine = ISSUER_SCENARIOS.filter((s) => s.issuerKind === kind)
      expect(mine[0]?.expect?.ok, kind).toBe(true)
      expect(
        mine.some((s) => s.expect?.ok === false),
        kind,
      ).toBe(true)
    }
  })

  it.each(ISSUER_SCENARIOS.map((s) => [s.name, s] as const))(
    '%s walks as expected',
    async (_, scenario) => {
      const trace = await walk(scenario)
      expect(trace.steps.map((s) => s.id)).toEqual([
        'discovery',
        'issue',
        'verify',
        'conditions',
        'credentials',
      ])
      expect(trace.outcome.ok, JSON.stringify(trace.outcome)).toBe(scenario.expect!.ok)
      if (!trace.outcome.ok) {
        expect(trace.outcome.error.code).toBe(scenario.expect!.error)
        expect(firstFailed(trace)).toBe(scenario.expect!.failedCheck)
      } else {
        expect(trace.outcome.response.AssumedRoleUser.Arn).toMatch(/assumed-role\/deploy\//)
      }
    },
  )

  it('STS fetched discovery and JWKS at the platform paths', async () => {
    const trace = await walk(getIssuerScenario('gitlab-happy-path'))
    const data = trace.steps[0]!.data as { requests: { url: string }[] }
    expect(data.requests.map((r) => r.url)).toEqual([
      'https://gitlab.com/.well-known/openid-configuration',
      'https://gitlab.com/oauth/discovery/keys',
    ])
  })

  it('the gitlab.com keys decide: a condition on project_id is evaluated, not missing', async () => {
    const trace = await walk(getIssuerScenario('gitlab-recycled-path'))
    const text = JSON.stringify(trace.steps[3])
    expect(text).toContain('gitlab.com:project_id')
  })

  it('a tampered or late token fails the same way as on GitHub', async () => {
    const s = getIssuerScenario('terraform-happy-path')
    const tampered = await walk({ ...s, name: 't', perturbations: { tamper: 'payload' } })
    expect(firstFailed(tampered)).toBe('verify.signature')
    const late = await walk({ ...s, name: 'l', perturbations: { expireBySeconds: 600 } })
    expect(firstFailed(late)).toBe('verify.exp')
    const rotated = await walk({ ...s, name: 'r', perturbations: { rotateKeys: 'retire-old' } })
    expect(firstFailed(rotated)).toBe('verify.kid-in-jwks')
  })

  it('IAM refuses an aud-only role on gitlab.com at create time', async () => {
    const policy = issuerTrustPolicy({
      accountId: '123456789012',
      issuer: 'https://gitlab.com',
      equals: { aud: 'sts.amazonaws.com' },
    })
    expect(checkGuardrail(policy).message).toBe(
      'Trust policy with trusted principal arn:aws:iam::123456789012:oidc-provider/gitlab.com must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, gitlab.com:sub which is not scoped to all.',
    )
    const s = getIssuerScenario('gitlab-happy-path')
    s.account.roles![0]!.AssumeRolePolicyDocument = policy
    await expect(walk(s)).rejects.toThrow(/gitlab.com:sub which is not scoped to all/)
  })

  it('bad input: unknown issuer kind, a run of the wrong shape', async () => {
    const s = getIssuerScenario('gitlab-happy-path')
    await expect(walk({ ...s, issuerKind: 'jenkins' as 'gitlab' })).rejects.toThrow(
      /issuerKind: unknown issuer/,
    )
    await expect(walk({ ...s, run: { owner: 'o', repo: 'r' } })).rejects.toThrow(/run.projectPath/)
    expect(() => getIssuerScenario('nope')).toThrow(/gitlab-happy-path/)
  })
})

describe('issuer scenarios: bad input', () => {
  it("claims of GitLab under GitHub's provider: the GitHub keys read GitLab's same-named claims", async () => {
    const trace = await walk(getIssuerScenario('gitlab-claims-under-github-provider'))
    const text = JSON.stringify(trace.steps[3]!.data)
    expect(text).toContain('"token.actions.githubusercontent.com:ref":"main"')
    expect(text).toContain('"token.actions.githubusercontent.com:sub":"project_path:acme/app')
  })

  it("a policy naming another CircleCI organisation's keys tests a key that is never filled", async () => {
    const trace = await walk(getIssuerScenario('circleci-keys-of-another-org'))
    expect(trace.outcome.ok).toBe(false)
    expect(JSON.stringify(trace.steps[3])).toMatch(/absent/)
  })

  it('the CircleCI root issuer with an aud-only role lets another organisation in', async () => {
    const trace = await walk(getIssuerScenario('circleci-root-issuer-any-org'))
    expect(trace.outcome.ok).toBe(true)
    const issued = trace.steps[1]!.data as { claims: Record<string, unknown> }
    expect(issued.claims.iss).toBe('https://oidc.circleci.com')
    expect(issued.claims['oidc.circleci.com/org-id']).not.toBe(issued.claims.aud)
  })
})
