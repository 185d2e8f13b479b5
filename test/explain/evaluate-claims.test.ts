import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { PolicyDocumentError } from '../../lib/aws/policy/policy-error.js'
import { evaluateClaims } from '../../lib/explain/evaluate-claims.js'

const read = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../examples/explain/${file}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>
const POLICY = read('policy.json')
const MAIN = read('claims-main.json')
const PR = read('claims-pr.json')
const K = 'token.actions.githubusercontent.com'
const GITHUB = `arn:aws:iam::123456789012:oidc-provider/${K}`

describe('evaluateClaims', () => {
  it('allows the claims of a push to main', () => {
    const result = evaluateClaims(POLICY, MAIN)
    expect(result.ok && result.evaluation.decision).toBe('Allow')
    expect(result.ok && result.whatToChange).toEqual([])
  })

  it('denies a pull request, and says which condition to change', () => {
    const result = evaluateClaims(POLICY, PR)
    if (!result.ok) throw result.error
    expect(result.evaluation.decision).toBe('ImplicitDeny')
    expect(result.whatToChange).toHaveLength(1)
    expect(result.whatToChange[0]).toMatch(
      /^The token's sub is "repo:octo-org\/octo-repo:pull_request" but the policy wants "repo:octo-org\/octo-repo:ref:refs\/heads\/main"/,
    )
  })

  it('builds the request context STS would, with the provider the policy names', () => {
    const result = evaluateClaims(POLICY, MAIN)
    expect(result.provider).toEqual({ Url: `https://${K}`, Arn: GITHUB })
    expect(result.requestContext).toMatchObject({
      [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      [`${K}:aud`]: 'sts.amazonaws.com',
      'aws:FederatedProvider': GITHUB,
      'sts:RoleSessionName': 'GitHubActions',
    })
    expect(result.requestContext['aws:CurrentTime']).toBeUndefined()
  })

  it("matches the provider in the policy's account, whichever account that is", () => {
    const other = JSON.parse(JSON.stringify(POLICY).replace('123456789012', '210987654321'))
    const result = evaluateClaims(other, MAIN)
    expect(result.provider.Arn).toBe(`arn:aws:iam::210987654321:oidc-provider/${K}`)
    expect(result.ok && result.evaluation.decision).toBe('Allow')
  })

  it('uses the provider for iss in the given (or demo) account when the policy names none', () => {
    const gitlab = { ...MAIN, iss: 'https://gitlab.com' }
    expect(evaluateClaims(POLICY, gitlab).provider.Arn).toBe(
      'arn:aws:iam::123456789012:oidc-provider/gitlab.com',
    )
    expect(evaluateClaims(POLICY, gitlab, { accountId: '111122223333' }).provider.Arn).toBe(
      'arn:aws:iam::111122223333:oidc-provider/gitlab.com',
    )
    const result = evaluateClaims(POLICY, gitlab)
    expect(result.ok && result.evaluation.decision).toBe('ImplicitDeny')
  })

  it('reads claims without iss as GitHub’s, and takes the options it is given', () => {
    const { iss: _iss, ...claims } = MAIN
    const at = new Date('2026-10-08T18:31:15Z')
    const result = evaluateClaims(POLICY, claims, { roleSessionName: 'deploy', currentTime: at })
    expect(result.provider.Url).toBe(`https://${K}`)
    expect(result.requestContext['sts:RoleSessionName']).toBe('deploy')
    expect(result.requestContext['aws:CurrentTime']).toBe('2026-10-08T18:31:15Z')
  })

  it('reports a policy IAM would refuse, and still builds the context', () => {
    const result = evaluateClaims('{"Version": "2012-10-17", "Statement": [', MAIN)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toBeInstanceOf(PolicyDocumentError)
    expect(result.error.message).toMatch(/^Syntax errors in policy/)
    expect(result.requestContext[`${K}:sub`]).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
  })
})
