import { describe, expect, it } from 'vitest'
import {
  createAwsAccount,
  IamError,
  providerArnFor,
  type AwsAccountInput,
} from '../../lib/aws/account.js'
import { accountFromKeyId } from '../../lib/aws/sts/ids.js'
import { githubTrustPolicy } from '../../lib/handshake/scenario.js'

const ACCOUNT = '123456789012'
const GITHUB = 'https://token.actions.githubusercontent.com'
const pinned = githubTrustPolicy({
  accountId: ACCOUNT,
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
})
const provider = { Url: GITHUB, ClientIDList: ['sts.amazonaws.com'] }

function refused(input: AwsAccountInput): IamError {
  try {
    createAwsAccount(input)
  } catch (e) {
    if (e instanceof IamError) return e
    throw e
  }
  throw new Error('expected createAwsAccount to refuse')
}

describe('createAwsAccount: OIDC providers', () => {
  it('stores the provider with its ARN (URL without scheme) and thumbprints', () => {
    const thumb = '6938fd4d98bab03faadb97b34396831e3780aea1'
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [{ ...provider, ThumbprintList: [thumb] }],
    })
    expect(account.oidcProviders).toEqual([
      {
        Url: GITHUB,
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [thumb],
        Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
      },
    ])
  })

  it('finds a provider only by its exact URL', () => {
    const account = createAwsAccount({ accountId: ACCOUNT, oidcProviders: [provider] })
    expect(account.findOidcProvider(GITHUB)?.Url).toBe(GITHUB)
    expect(account.findOidcProvider(GITHUB + '/')).toBeUndefined()
    expect(account.findOidcProvider('https://TOKEN.actions.githubusercontent.com')).toBeUndefined()
  })

  it('uses the partition in ARNs', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      partition: 'aws-cn',
      oidcProviders: [provider],
    })
    expect(account.oidcProviders[0]!.Arn).toBe(
      `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    )
  })

  it('allows plain http only on loopback (the documented deviation), port included', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [{ Url: 'http://127.0.0.1:4010', ClientIDList: ['sts.amazonaws.com'] }],
    })
    expect(account.oidcProviders[0]!.Arn).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/127.0.0.1:4010`,
    )
    expect(providerArnFor(ACCOUNT, 'http://localhost:1')).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/localhost:1`,
    )
    for (const Url of [
      'http://token.actions.githubusercontent.com',
      'ftp://127.0.0.1',
      'not a url',
    ]) {
      expect(refused({ accountId: ACCOUNT, oidcProviders: [{ Url, ClientIDList: [] }] }).code).toBe(
        'InvalidInput',
      )
    }
  })

  it('refuses a query, fragment or port on an https URL', () => {
    for (const Url of [
      `${GITHUB}?x=1`,
      `${GITHUB}#f`,
      'https://token.actions.githubusercontent.com:8443',
    ]) {
      expect(refused({ accountId: ACCOUNT, oidcProviders: [{ Url, ClientIDList: [] }] }).code).toBe(
        'InvalidInput',
      )
    }
  })

  it('validates thumbprints as 40 hex characters, at most 5', () => {
    const e = refused({
      accountId: ACCOUNT,
      oidcProviders: [{ ...provider, ThumbprintList: ['abc'] }],
    })
    expect([e.code, e.message]).toEqual([
      'ValidationError',
      "1 validation error detected: Value 'abc' at 'thumbprintList.1.member' failed to satisfy constraint: Member must have length greater than or equal to 40",
    ])
    expect(
      refused({
        accountId: ACCOUNT,
        oidcProviders: [{ ...provider, ThumbprintList: ['z'.repeat(40)] }],
      }).code,
    ).toBe('InvalidInput')
    const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(40))
    expect(
      refused({ accountId: ACCOUNT, oidcProviders: [{ ...provider, ThumbprintList: six }] })
        .message,
    ).toContain(
      "at 'thumbprintList' failed to satisfy constraint: Member must have length less than or equal to 5",
    )
  })

  it('validates client IDs: each 1–255, at most 100', () => {
    expect(
      refused({ accountId: ACCOUNT, oidcProviders: [{ Url: GITHUB, ClientIDList: [''] }] }).message,
    ).toContain(
      "at 'clientIDList.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
    const many = Array.from({ length: 101 }, (_, i) => `aud-${i}`)
    expect(
      refused({ accountId: ACCOUNT, oidcProviders: [{ Url: GITHUB, ClientIDList: many }] }).code,
    ).toBe('ValidationError')
  })

  it('one provider per URL', () => {
    const e = refused({ accountId: ACCOUNT, oidcProviders: [provider, provider] })
    expect([e.code, e.status, e.message]).toEqual([
      'EntityAlreadyExists',
      409,
      `Provider with url ${GITHUB} already exists.`,
    ])
  })
})

describe('createAwsAccount: roles', () => {
  it('fills Path, MaxSessionDuration, Arn and an AROA role id', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: pinned }],
    })
    const role = account.roles[0]!
    expect(role).toMatchObject({
      RoleName: 'deploy',
      Path: '/',
      MaxSessionDuration: 3600,
      Arn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
      legacyRole: false,
    })
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/)
    expect(accountFromKeyId(role.RoleId)).toBe(ACCOUNT)
    expect(JSON.parse(role.AssumeRolePolicyDocument)).toEqual(pinned)
    expect(role.trustPolicy.statements).toHaveLength(1)
  })

  it('keeps the path in the role ARN and finds roles by exact ARN or by name', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      roles: [
        {
          RoleName: 'deploy',
          Path: '/ci/',
          AssumeRolePolicyDocument: pinned,
          MaxSessionDuration: 43200,
        },
      ],
    })
    expect(account.findRole(`arn:aws:iam::${ACCOUNT}:role/ci/deploy`)?.MaxSessionDuration).toBe(
      43200,
    )
    expect(account.findRole(`arn:aws:iam::${ACCOUNT}:role/deploy`)).toBeUndefined()
    expect(account.findRoleByName('DEPLOY')?.Path).toBe('/ci/')
  })

  it.each([
    [3599, 'Member must have value greater than or equal to 3600'],
    [43201, 'Member must have value less than or equal to 43200'],
  ])('MaxSessionDuration %i is refused', (max, constraint) => {
    const e = refused({
      accountId: ACCOUNT,
      roles: [{ RoleName: 'r', AssumeRolePolicyDocument: pinned, MaxSessionDuration: max }],
    })
    expect(e.message).toBe(
      `1 validation error detected: Value '${max}' at 'maxSessionDuration' failed to satisfy constraint: ${constraint}`,
    )
  })

  it('refuses bad role names and paths, and duplicate names regardless of case', () => {
    expect(
      refused({
        accountId: ACCOUNT,
        roles: [{ RoleName: 'a/b', AssumeRolePolicyDocument: pinned }],
      }).message,
    ).toContain(
      "Value 'a/b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    )
    expect(
      refused({
        accountId: ACCOUNT,
        roles: [{ RoleName: 'r', Path: 'ci', AssumeRolePolicyDocument: pinned }],
      }).message,
    ).toContain("at 'path'")
    const dup = refused({
      accountId: ACCOUNT,
      roles: [
        { RoleName: 'r', AssumeRolePolicyDocument: pinned },
        { RoleName: 'R', AssumeRolePolicyDocument: pinned },
      ],
    })
    expect([dup.code, dup.message]).toEqual([
      'EntityAlreadyExists',
      'Role with name R already exists.',
    ])
  })

  it('a trust policy IAM cannot parse is MalformedPolicyDocument', () => {
    const e = refused({
      accountId: ACCOUNT,
      roles: [{ RoleName: 'r', AssumeRolePolicyDocument: '{"Statement": [' }],
    })
    expect([e.code, e.status]).toEqual(['MalformedPolicyDocument', 400])
  })

  it("refuses a GitHub trust policy without sub, with AWS's guardrail message", () => {
    const e = refused({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [
        { RoleName: 'r', AssumeRolePolicyDocument: githubTrustPolicy({ accountId: ACCOUNT }) },
      ],
    })
    expect(e.code).toBe('MalformedPolicyDocument')
    expect(e.message).toBe(
      `Trust policy with trusted principal arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, token.actions.githubusercontent.com:sub or token.actions.githubusercontent.com:job_workflow_ref which is not scoped to all.`,
    )
  })

  it('a legacy role keeps such a policy: existing policies are not re-checked', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      roles: [
        {
          RoleName: 'legacy',
          AssumeRolePolicyDocument: githubTrustPolicy({ accountId: ACCOUNT }),
          legacyRole: true,
        },
      ],
    })
    expect(account.roles[0]!.legacyRole).toBe(true)
  })

  // "You cannot use the NotPrincipal element in … an IAM role trust policy"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
  it.each(['Allow', 'Deny'])('refuses a trust policy with NotPrincipal (%s)', (effect) => {
    const statement = {
      Effect: effect,
      NotPrincipal: { Federated: providerArnFor(ACCOUNT, 'https://gitlab.com') },
      Action: 'sts:AssumeRoleWithWebIdentity',
    }
    const policy = {
      Version: '2012-10-17',
      Statement: [(pinned as { Statement: object[] }).Statement[0], statement],
    }
    const e = refused({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [{ RoleName: 'r', AssumeRolePolicyDocument: policy }],
    })
    expect([e.code, e.status]).toEqual(['MalformedPolicyDocument', 400])
    expect(e.message).toMatch(/^Statement\[1\] uses NotPrincipal/)
  })

  // FACTS-ISSUERS.md §0.2: `"Action":"sts:*"` → "AssumeRole policy may only specify STS AssumeRole
  // actions." (observed 2026-09-11, https://github.com/radkawar/stackd/blob/main/iam/policy/testdata/oidc_trust_controls_github_aws.json),
  // before the GitHub guardrail; the same probe saw a mis-cased action name refused alike.
  it.each([
    ['sts:*'],
    ['STS:assumerolewithwebidentity'],
    [['sts:AssumeRoleWithWebIdentity', 's3:*']],
  ])('refuses a trust policy granting %j', (action) => {
    const statement = {
      Effect: 'Allow',
      Principal: {
        Federated: providerArnFor(ACCOUNT, 'https://token.actions.githubusercontent.com'),
      },
      Action: action,
    }
    const e = refused({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [
        {
          RoleName: 'r',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] },
        },
      ],
    })
    expect([e.code, e.status, e.message]).toEqual([
      'MalformedPolicyDocument',
      400,
      'AssumeRole policy may only specify STS AssumeRole actions.',
    ])
  })

  it('accepts the STS actions a trust policy may grant', () => {
    const statement = (pinned as { Statement: Record<string, unknown>[] }).Statement[0]!
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [
        {
          RoleName: 'r',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                ...statement,
                Action: [
                  'sts:AssumeRoleWithWebIdentity',
                  'sts:TagSession',
                  'sts:SetSourceIdentity',
                ],
              },
            ],
          },
        },
      ],
    })
    expect(account.roles).toHaveLength(1)
  })

  it('refuses an account id that is not twelve digits', () => {
    expect(refused({ accountId: '12345' }).code).toBe('InvalidInput')
  })

  it('createRole after creation applies the same rules', () => {
    const account = createAwsAccount({ accountId: ACCOUNT })
    account.createRole({ RoleName: 'later', AssumeRolePolicyDocument: pinned })
    expect(account.findRoleByName('later')).toBeDefined()
    expect(() =>
      account.createRole({
        RoleName: 'x',
        AssumeRolePolicyDocument: githubTrustPolicy({ accountId: ACCOUNT }),
      }),
    ).toThrow(IamError)
  })
})

describe('updateAssumeRolePolicy', () => {
  const notPrincipal = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    ],
  }

  it('replaces the trust policy, checked as a new write', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      oidcProviders: [provider],
      roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: pinned }],
    })
    const other = githubTrustPolicy({
      accountId: ACCOUNT,
      sub: 'repo:octo-org/other:ref:refs/heads/main',
    })
    const updated = account.updateAssumeRolePolicy('DEPLOY', other)
    expect(account.findRoleByName('deploy')).toBe(updated)
    expect(JSON.parse(updated.AssumeRolePolicyDocument)).toEqual(other)
    expect(updated.RoleId).toBe(account.roles[0]!.RoleId)
  })

  it('refuses NotPrincipal and the guardrail, even for a legacy role, and keeps the old policy', () => {
    const account = createAwsAccount({
      accountId: ACCOUNT,
      roles: [
        {
          RoleName: 'legacy',
          AssumeRolePolicyDocument: githubTrustPolicy({ accountId: ACCOUNT }),
          legacyRole: true,
        },
      ],
    })
    const before = account.roles[0]
    const np = (() => {
      try {
        account.updateAssumeRolePolicy('legacy', notPrincipal)
      } catch (e) {
        return e as IamError
      }
    })()
    expect([np?.code, np?.status]).toEqual(['MalformedPolicyDocument', 400])
    expect(np?.message).toMatch(/NotPrincipal/)
    expect(() =>
      account.updateAssumeRolePolicy('legacy', githubTrustPolicy({ accountId: ACCOUNT })),
    ).toThrow(/must evaluate, using StringEquals/)
    expect(account.roles[0]).toBe(before)
  })

  it('answers NoSuchEntity (404) for an unknown role', () => {
    const account = createAwsAccount({ accountId: ACCOUNT })
    try {
      account.updateAssumeRolePolicy('nobody', pinned)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(IamError)
      expect([(e as IamError).code, (e as IamError).status, (e as IamError).message]).toEqual([
        'NoSuchEntity',
        404,
        'The role with name nobody cannot be found.',
      ])
    }
  })
})
