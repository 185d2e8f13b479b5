/**
 * auditTrustPolicy's contract: inputs, options, errors, reproducibility, and what a finding says.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicy, auditTrustPolicyReport } from '../../lib/audit/audit.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { PolicyDocumentError } from '../../lib/aws/policy/policy-error.js'
import { fixedClock } from '../../lib/core/clock.js'
import { ACCOUNT, K, PROVIDER, gh } from './corpus.js'

const orgWide = gh({
  StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
  StringLike: { [`${K}:sub`]: 'repo:acme/*' },
})

describe('auditTrustPolicy', () => {
  it('gives the same findings for text, an object and a parsed policy', () => {
    const text = JSON.stringify(orgWide, null, 2)
    const a = auditTrustPolicy(text)
    expect(auditTrustPolicy(orgWide)).toEqual(a)
    expect(auditTrustPolicy(parseTrustPolicy(text))).toEqual(a)
  })

  it('is reproducible', () => {
    expect(auditTrustPolicyReport(orgWide)).toEqual(auditTrustPolicyReport(orgWide))
  })

  it('throws MalformedPolicyDocument for a policy IAM would refuse', () => {
    expect(() => auditTrustPolicy('{"Statement": [{"Effect": "allow"}]}')).toThrow(
      PolicyDocumentError,
    )
    expect(() => auditTrustPolicy('{ not json')).toThrow(/Syntax errors in policy/)
  })

  it('says what, where, who and how to fix', () => {
    const [f] = auditTrustPolicy(JSON.stringify(orgWide, null, 2))
    expect(f).toMatchObject({
      id: 'organization-wide',
      severity: 'high',
      title: 'Every repository of the owner can assume the role',
    })
    expect(f!.location).toEqual({
      path: `Statement[0].Condition.StringLike["${K}:sub"]`,
      line: 15,
      column: 54,
    })
    expect(f!.explanation).toContain(
      'In Statement[0], the value "repo:acme/*" of StringLike token.actions.githubusercontent.com:sub matches "repo:acme/exploit:ref:refs/heads/main"',
    )
    expect(f!.fix).toContain(`"${K}:sub": "repo:acme/app:ref:refs/heads/main"`)
    expect(f!.counterexample).toMatchObject({
      decision: 'Allow',
      audience: 'sts.amazonaws.com',
      run: { owner: 'acme', repo: 'exploit' },
    })
    expect(f!.counterexample!.claims).toMatchObject({
      repository: 'acme/exploit',
      aud: 'sts.amazonaws.com',
      iss: `https://${K}`,
    })
  })

  it('uses the clock for the attacker tokens', () => {
    const [f] = auditTrustPolicy(orgWide, { clock: fixedClock('2027-01-01T00:00:00Z') })
    expect(f!.counterexample!.claims.iat).toBe(Date.parse('2027-01-01T00:00:00Z') / 1000)
  })

  it('judges against the intended scope', () => {
    const meant = auditTrustPolicy(orgWide, { intended: { repository: 'acme/*' } })
    expect(meant.find((f) => f.id === 'organization-wide')?.severity).toBe('medium') // other branches still open
    const report = auditTrustPolicyReport(orgWide, {
      intended: { repository: 'acme/web', ref: 'refs/heads/prod' },
    })
    expect(report.baseline).toMatchObject({
      source: 'intended',
      allowed: true,
      claims: { sub: 'repo:acme/web:ref:refs/heads/prod' },
    })
  })

  it('audits the provider named in options when a policy trusts several', () => {
    const slug = `arn:aws:iam::${ACCOUNT}:oidc-provider/${K}/acme`
    const policy = {
      Version: '2012-10-17',
      Statement: [
        (
          gh({ StringEquals: { [`${K}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }) as {
            Statement: object[]
          }
        ).Statement[0],
        (gh({ StringLike: { [`${K}/acme:sub`]: 'repo:*' } }, slug) as { Statement: object[] })
          .Statement[0],
      ],
    }
    expect(auditTrustPolicyReport(policy).provider).toEqual({
      issuer: `https://${K}`,
      arn: PROVIDER,
    })
    const viaSlug = auditTrustPolicyReport(policy, { provider: `https://${K}/acme` })
    expect(viaSlug.provider).toEqual({ issuer: `https://${K}/acme`, arn: slug })
    expect(viaSlug.findings[0]).toMatchObject({ id: 'subject-wildcard', severity: 'critical' })
    expect(viaSlug.findings[0]!.location.path).toMatch(/^Statement\[1\]/)
  })

  it('returns nothing for a policy that trusts no GitHub provider', () => {
    const report = auditTrustPolicyReport({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    })
    expect(report).toEqual({ findings: [], attacksTried: 0 })
  })

  it('tries a few dozen attacker runs, quickly', () => {
    const t = performance.now()
    const report = auditTrustPolicyReport(orgWide)
    expect(report.attacksTried).toBeGreaterThan(10)
    expect(performance.now() - t).toBeLessThan(2000)
  })
})
