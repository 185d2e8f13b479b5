import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createGitHubIssuer } from '../../lib/github/issuer.js'
import { createVirtualNetwork } from '../../lib/core/network.js'
import { fixedClock } from '../../lib/core/clock.js'
import { PolicyDocumentError } from '../../lib/aws/policy/policy-error.js'
import { explainClaims } from '../../lib/explain/explain-claims.js'
import { InvalidInputError } from '../../lib/core/errors.js'

const read = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../examples/explain/${file}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>
const POLICY = read('policy.json')
const MAIN = read('claims-main.json')
const PR = read('claims-pr.json')
const ISS = 'https://token.actions.githubusercontent.com'

describe('explainClaims', () => {
  it('runs the claims of a push to main through STS: credentials', async () => {
    const e = await explainClaims({
      policy: POLICY,
      claims: MAIN,
      claimsSource: 'claims-main.json',
    })
    expect(e.decision).toBe('Allow')
    expect(e.trace.outcome.ok).toBe(true)
    expect(e.whatToChange).toEqual([])
    expect(e.signatureChecked).toBe(false)
    expect(e.evaluatedAt.getTime()).toBe((MAIN.iat as number) * 1000)
    expect(e).toMatchObject({
      accountId: '123456789012',
      accountFrom: 'policy',
      oidcProviders: [{ Url: ISS, ClientIDList: ['sts.amazonaws.com'] }],
      roleArn: 'arn:aws:iam::123456789012:role/ROLE',
      roleSessionName: 'GitHubActions',
    })
  })

  it('notes the checks a claims-only run cannot make', async () => {
    const e = await explainClaims({
      policy: POLICY,
      claims: MAIN,
      claimsSource: 'claims-main.json',
    })
    expect(e.trace.steps[0]).toMatchObject({ id: 'discovery', status: 'skipped', checks: [] })
    const ids = e.trace.steps.flatMap((s) => s.checks.map((c) => c.id))
    expect(ids).toContain('issue.claims-given')
    expect(ids).toContain('verify.signature-not-checked')
    expect(ids).not.toContain('verify.signature')
    const note = e.trace.steps[2]!.checks.find((c) => c.id === 'verify.signature-not-checked')
    expect(note?.summary).not.toContain('--claims')
    const cli = await explainClaims({ policy: POLICY, claims: MAIN, explainOptions: true })
    const cliNote = cli.trace.steps[2]!.checks.find((c) => c.id === 'verify.signature-not-checked')
    expect(cliNote?.summary).toContain('Use --token to check it.')
  })

  it('denies the pull request at the trust policy, and says what to change', async () => {
    const e = await explainClaims({ policy: POLICY, claims: PR })
    expect(e.decision).toBe('ImplicitDeny')
    expect(e.trace.outcome).toMatchObject({ ok: false, error: { code: 'AccessDenied' } })
    expect(e.trace.steps.find((s) => s.status === 'fail')?.id).toBe('conditions')
    expect(e.whatToChange).toHaveLength(1)
    expect(e.whatToChange[0]).toMatch(/^The token's sub is "repo:octo-org\/octo-repo:pull_request"/)
  })

  it('evaluates the policy even when STS stops before it (audience), and lists both fixes', async () => {
    const e = await explainClaims({ policy: POLICY, claims: PR, clientIds: ['sigstore'] })
    expect(e.trace.outcome).toMatchObject({
      ok: false,
      error: { code: 'InvalidIdentityToken', message: 'Incorrect token audience' },
    })
    expect(e.decision).toBe('ImplicitDeny')
    expect(e.whatToChange[0]).toMatch(/^Make the token's aud one of the provider's client IDs/)
    expect(e.whatToChange[1]).toMatch(/^The token's sub is/)
  })

  it('takes the account from the role ARN, or a placeholder when the policy names no provider', async () => {
    const role = 'arn:aws:iam::210987654321:role/ci/deploy'
    const e = await explainClaims({ policy: POLICY, claims: MAIN, roleArn: role })
    expect(e).toMatchObject({ accountId: '210987654321', accountFrom: 'roleArn', roleArn: role })
    // The policy's provider is in another account: STS finds none for iss in this one.
    expect(e.oidcProviders).toEqual([])
    expect(e.trace.outcome).toMatchObject({ ok: false, error: { code: 'InvalidIdentityToken' } })
    expect(e.whatToChange[0]).toMatch(/^Create an IAM OIDC provider/)

    const none = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWithWebIdentity' },
      ],
    }
    const placeholder = await explainClaims({ policy: none, claims: MAIN })
    expect(placeholder).toMatchObject({ accountId: '123456789012', accountFrom: 'placeholder' })
  })

  it('checks a real token, signature included, through the given fetch', async () => {
    const issuer = await createGitHubIssuer({
      keys: 'demo',
      clock: fixedClock('2026-10-08T18:31:15Z'),
    })
    const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const token = await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo', branch: 'main' },
      { audience: 'sts.amazonaws.com' },
    )
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
    const e = await explainClaims({
      policy: POLICY,
      claims,
      token,
      fetch: network.fetch,
      clock: fixedClock('2026-10-08T18:32:00Z'),
    })
    expect(e.signatureChecked).toBe(true)
    expect(e.trace.outcome.ok).toBe(true)
    expect(e.trace.steps.flatMap((s) => s.checks.map((c) => c.id))).toContain('verify.signature')
  })

  it('throws PolicyDocumentError for a policy IAM would refuse', async () => {
    await expect(explainClaims({ policy: '{', claims: MAIN })).rejects.toBeInstanceOf(
      PolicyDocumentError,
    )
  })
})

describe('explainClaims on claims no date can hold', () => {
  it.each([1e21, -1e15])(
    'an iat of %s is an InvalidInputError naming iat, not a RangeError',
    async (iat) => {
      const error = await explainClaims({ policy: POLICY, claims: { ...MAIN, iat } }).catch(
        (e) => e,
      )
      expect(error).toBeInstanceOf(InvalidInputError)
      expect(error.path).toBe('iat')
      expect(error.message).toContain(String(iat))
    },
  )
})

describe('explainClaims: sourceIp (aws:SourceIp)', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
        },
      },
    ],
  }
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'sts.amazonaws.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    iat: 1_780_000_000,
    nbf: 1_780_000_000,
    exp: 1_780_000_300,
  }

  it('reaches the request context and decides an IpAddress condition', async () => {
    const v4 = await explainClaims({ policy, claims, sourceIp: '203.0.113.9' })
    expect(v4.decision).toBe('Allow')
    expect(v4.trace.outcome.ok).toBe(true)
    expect((await explainClaims({ policy, claims, sourceIp: '2001:db8::1' })).decision).toBe(
      'Allow',
    )
    expect((await explainClaims({ policy, claims, sourceIp: '192.0.2.1' })).decision).toBe(
      'ImplicitDeny',
    )
    const none = await explainClaims({ policy, claims })
    expect(none.decision).toBe('ImplicitDeny')
    expect(none.trace.steps.find((s) => s.id === 'conditions')?.data).not.toHaveProperty(
      'requestContext.aws:SourceIp',
    )
    expect(JSON.stringify(none.trace)).not.toContain('aws:SourceIp":"')
  })

  it('refuses what is not an address, naming the field', async () => {
    await expect(explainClaims({ policy, claims, sourceIp: 'localhost' })).rejects.toMatchObject({
      code: 'TW_INVALID_INPUT',
      path: 'sourceIp',
    })
  })
})
