import { beforeAll, describe, expect, it } from 'vitest'
import { createAwsAccount, type AwsAccount } from '../../../lib/aws/account.js'
import {
  assumeRoleWithWebIdentity,
  type AssumeRoleWithWebIdentityOptions,
} from '../../../lib/aws/sts/assume-role-with-web-identity.js'
import { seededRandom } from '../../../lib/aws/sts/random.js'
import { fixedClock } from '../../../lib/core/clock.js'
import { createGitHubIssuer, type GitHubIssuer } from '../../../lib/github/issuer.js'
import { createVirtualNetwork } from '../../../lib/core/network.js'
import { githubTrustPolicy } from '../../../lib/handshake/scenario.js'
import type { Trace } from '../../../lib/core/trace.js'

const ACCOUNT = '123456789012'
const NOW = '2026-10-08T18:31:15Z'
const RUN = { owner: 'octo-org', repo: 'octo-repo', branch: 'main' }
const SUB = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`
const FED = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const TAGS = {
  'https://aws.amazon.com/tags': {
    principal_tags: { team: ['infra'] },
    transitive_tag_keys: ['team'],
  },
}

let issuer: GitHubIssuer
beforeAll(async () => {
  issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock(NOW) })
})

function accountWith(policy: object, extra: Record<string, unknown> = {}): AwsAccount {
  return createAwsAccount({
    accountId: ACCOUNT,
    oidcProviders: [{ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }],
    roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: policy, ...extra }],
  })
}

function policyWithActions(actions: string[]): object {
  const p = githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }) as {
    Statement: { Action: unknown }[]
  }
  p.Statement[0]!.Action = actions
  return p
}

async function assume(
  account: AwsAccount,
  token: string,
  params: Record<string, unknown> = {},
  options: Partial<AssumeRoleWithWebIdentityOptions> = {},
): Promise<Trace> {
  const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
  return assumeRoleWithWebIdentity(
    account,
    { RoleArn: ROLE, RoleSessionName: 'GitHubActions', WebIdentityToken: token, ...params },
    { fetch: net.fetch, clock: fixedClock(NOW), random: seededRandom('t'), ...options },
  )
}

/** The pinned GitHub policy plus one more condition. */
function policyWithCondition(operator: string, key: string, value: string | string[]): object {
  const p = githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }) as {
    Statement: { Condition: Record<string, Record<string, unknown>> }[]
  }
  p.Statement[0]!.Condition[operator] = { ...p.Statement[0]!.Condition[operator], [key]: value }
  return p
}

const failed = (t: Trace) =>
  t.steps
    .flatMap((s) => s.checks)
    .filter((c) => !c.ok)
    .map((c) => c.id)

describe('assumeRoleWithWebIdentity', () => {
  it('issues credentials and remembers the session for signed calls later', async () => {
    const account = accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }))
    const trace = await assume(
      account,
      await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' }),
      { DurationSeconds: 900 },
    )
    if (!trace.outcome.ok) throw new Error(trace.outcome.error.message)
    const r = trace.outcome.response
    expect(r.Credentials.Expiration).toBe('2026-10-08T18:46:15Z')
    const session = account.sessions.get(r.Credentials.AccessKeyId)
    expect(session).toMatchObject({
      arn: r.AssumedRoleUser.Arn,
      assumedRoleId: r.AssumedRoleUser.AssumedRoleId,
      accountId: ACCOUNT,
      roleArn: ROLE,
    })
    expect(session?.credentials).toEqual(r.Credentials)
    expect(r.AssumedRoleUser.AssumedRoleId).toBe(`${account.roles[0]!.RoleId}:GitHubActions`)
    expect(r.PackedPolicySize).toBeUndefined()
    expect(r.SourceIdentity).toBeUndefined()
  })

  it('the assumed-role ARN has no role path, unlike the role ARN', async () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [{ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }],
      roles: [
        {
          RoleName: 'deploy',
          Path: '/ci/',
          AssumeRolePolicyDocument: githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }),
        },
      ],
    })
    const trace = await assume(
      account,
      await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' }),
      { RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci/deploy` },
    )
    expect(trace.outcome.ok && trace.outcome.response.AssumedRoleUser.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`,
    )
  })

  it('session tags need sts:TagSession; without it the call is denied', async () => {
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com', claims: TAGS })
    const denied = await assume(
      accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB })),
      token,
    )
    expect(!denied.outcome.ok && [denied.outcome.error.code, denied.outcome.error.status]).toEqual([
      'AccessDenied',
      403,
    ])
    expect(failed(denied)).toEqual(['conditions.tag-session'])
    const checks = denied.steps[3]!.checks
    expect(checks.find((c) => c.id === 'conditions.trust-policy')?.ok).toBe(true)

    const allowed = await assume(
      accountWith(policyWithActions(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'])),
      token,
    )
    expect(allowed.outcome.ok).toBe(true)
    const tagCheck = allowed.steps[4]!.checks.find((c) => c.id === 'credentials.session-tags')
    expect(tagCheck?.summary).toContain('team=infra')
  })

  it('a source identity needs sts:SetSourceIdentity and comes back as SourceIdentity', async () => {
    const token = await issuer.issueToken(RUN, {
      audience: 'sts.amazonaws.com',
      claims: { 'https://aws.amazon.com/source_identity': 'octocat' },
    })
    const denied = await assume(
      accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB })),
      token,
    )
    expect(failed(denied)).toEqual(['conditions.set-source-identity'])
    const account = accountWith(
      policyWithActions(['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity']),
    )
    const ok = await assume(account, token)
    if (!ok.outcome.ok) throw new Error(ok.outcome.error.message)
    expect(ok.outcome.response.SourceIdentity).toBe('octocat')
    expect(account.sessions.get(ok.outcome.response.Credentials.AccessKeyId)?.sourceIdentity).toBe(
      'octocat',
    )
  })

  it('an explicit Deny wins: AccessDenied with ExplicitDeny in the trace', async () => {
    const policy = githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }) as { Statement: object[] }
    policy.Statement.push({
      Effect: 'Deny',
      Principal: { Federated: FED },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } },
    })
    const trace = await assume(
      accountWith(policy),
      await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' }),
    )
    expect(!trace.outcome.ok && trace.outcome.error.message).toBe(
      'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    )
    expect(trace.steps[3]!.checks.find((c) => c.id === 'conditions.trust-policy')?.actual).toBe(
      'ExplicitDeny',
    )
  })

  it('a role in another account is as unknown as a missing one', async () => {
    const account = accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }))
    const trace = await assume(
      account,
      await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' }),
      { RoleArn: 'arn:aws:iam::210987654321:role/deploy' },
    )
    expect(failed(trace)).toEqual(['conditions.role-exists'])
    expect(!trace.outcome.ok && trace.outcome.error.code).toBe('AccessDenied')
  })

  it('never throws for nonsense parameters: STS-shaped ValidationError instead', async () => {
    const account = accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }))
    const trace = await assume(account, 42 as unknown as string, { RoleSessionName: null })
    expect(!trace.outcome.ok && trace.outcome.error.code).toBe('ValidationError')
    expect(trace.steps.map((s) => s.status)).toEqual([
      'skipped',
      'fail',
      'skipped',
      'skipped',
      'skipped',
    ])
  })

  it('a discovery failure leaves issue passed and verify unfinished (skipped)', async () => {
    const account = accountWith(githubTrustPolicy({ accountId: ACCOUNT, sub: SUB }))
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' })
    const net = createVirtualNetwork({
      [issuer.url]: async () => new Response('down', { status: 503 }),
    })
    const trace = await assumeRoleWithWebIdentity(
      account,
      { RoleArn: ROLE, RoleSessionName: 'GitHubActions', WebIdentityToken: token },
      { fetch: net.fetch, clock: fixedClock(NOW) },
    )
    expect(trace.steps.map((s) => s.status)).toEqual([
      'fail',
      'pass',
      'skipped',
      'skipped',
      'skipped',
    ])
    expect(trace.steps[2]!.checks.map((c) => c.id)).toEqual([
      'verify.provider-for-iss',
      'verify.aud-in-client-ids',
    ])
    expect(!trace.outcome.ok && trace.outcome.error.code).toBe('InvalidIdentityToken')
  })
})

// The global keys STS fills from the request itself:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
describe('assumeRoleWithWebIdentity: request-derived global condition keys', () => {
  const contextOf = (t: Trace) =>
    (
      t.steps.find((s) => s.id === 'conditions')?.data as {
        requestContext: Record<string, unknown>
      }
    ).requestContext

  it('aws:SourceIp is the caller address given; absent, an IpAddress condition denies', async () => {
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' })
    const account = accountWith(policyWithCondition('IpAddress', 'aws:SourceIp', '203.0.113.0/24'))
    const inside = await assume(account, token, {}, { sourceIp: '203.0.113.7' })
    expect(inside.outcome.ok).toBe(true)
    expect(contextOf(inside)['aws:SourceIp']).toBe('203.0.113.7')
    const outside = await assume(account, token, {}, { sourceIp: '198.51.100.1' })
    expect(!outside.outcome.ok && outside.outcome.error.code).toBe('AccessDenied')
    const unknown = await assume(account, token)
    expect(contextOf(unknown)).not.toHaveProperty('aws:SourceIp')
    expect(unknown.outcome.ok).toBe(false)
  })

  it('aws:SecureTransport is "true": STS answers only over HTTPS', async () => {
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' })
    const trace = await assume(
      accountWith(policyWithCondition('Bool', 'aws:SecureTransport', 'true')),
      token,
    )
    expect(trace.outcome.ok).toBe(true)
    expect(contextOf(trace)['aws:SecureTransport']).toBe('true')
  })

  it('aws:RequestedRegion is the endpoint region, us-east-1 for the global endpoint', async () => {
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' })
    const account = accountWith(
      policyWithCondition('StringEquals', 'aws:RequestedRegion', 'eu-west-1'),
    )
    const global = await assume(account, token)
    expect(contextOf(global)['aws:RequestedRegion']).toBe('us-east-1')
    expect(global.outcome.ok).toBe(false)
    const regional = await assume(account, token, {}, { requestedRegion: 'eu-west-1' })
    expect(regional.outcome.ok).toBe(true)
  })

  it('aws:UserAgent is the caller User-Agent when given', async () => {
    const token = await issuer.issueToken(RUN, { audience: 'sts.amazonaws.com' })
    const account = accountWith(policyWithCondition('StringLike', 'aws:UserAgent', 'aws-sdk-js/*'))
    const sdk = await assume(account, token, {}, { userAgent: 'aws-sdk-js/3.600.0 ua/2.0' })
    expect(sdk.outcome.ok).toBe(true)
    const none = await assume(account, token)
    expect(contextOf(none)).not.toHaveProperty('aws:UserAgent')
    expect(none.outcome.ok).toBe(false)
  })
})

describe('assumeRoleWithWebIdentity with a loopback issuer (the emulators)', () => {
  it('reads condition keys under 127.0.0.1:PORT, GitHub keys included', async () => {
    const url = 'http://127.0.0.1:4010'
    const local = await createGitHubIssuer({ url, keys: 'demo', clock: fixedClock(NOW) })
    const host = '127.0.0.1:4010'
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${host}:sub`]: SUB, [`${host}:repository`]: 'octo-org/octo-repo' },
          },
        },
      ],
    }
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [{ Url: url, ClientIDList: ['sts.amazonaws.com'] }],
      roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: policy }],
    })
    const net = createVirtualNetwork({ [url]: local.handler })
    const trace = await assumeRoleWithWebIdentity(
      account,
      {
        RoleArn: ROLE,
        RoleSessionName: 'GitHubActions',
        WebIdentityToken: await local.issueToken(RUN, { audience: 'sts.amazonaws.com' }),
      },
      { fetch: net.fetch, clock: fixedClock(NOW) },
    )
    expect(trace.outcome.ok).toBe(true)
    const context = (trace.steps[3]!.data as { requestContext: Record<string, unknown> })
      .requestContext
    expect(context[`${host}:repository`]).toBe('octo-org/octo-repo')
    expect(context['aws:FederatedProvider']).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`)
    expect(
      Object.keys(context).some((k) => k.startsWith('token.actions.githubusercontent.com')),
    ).toBe(false)
  })
})
