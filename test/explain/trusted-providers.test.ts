import { describe, expect, it } from 'vitest'
import { PolicyDocumentError } from '../../lib/aws/policy/policy-error.js'
import { trustedProviderFor, trustedProviders } from '../../lib/explain/trusted-providers.js'

const GITHUB = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
const GITLAB = 'arn:aws:iam::123456789012:oidc-provider/gitlab.com'
const OTHER_ACCOUNT = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com'

function policyWith(...principals: object[]): object {
  return {
    Version: '2012-10-17',
    Statement: principals.map((Principal) => ({
      Effect: 'Allow',
      Principal,
      Action: 'sts:AssumeRoleWithWebIdentity',
    })),
  }
}

describe('trustedProviders', () => {
  it('finds none in a policy without Federated OIDC principals', () => {
    expect(trustedProviders(policyWith({ AWS: 'arn:aws:iam::123456789012:root' }))).toEqual([])
    expect(trustedProviders(policyWith({ Federated: '*' }))).toEqual([])
    expect(trustedProviders(policyWith({ Federated: 'cognito-identity.amazonaws.com' }))).toEqual(
      [],
    )
    expect(
      trustedProviders(policyWith({ Federated: 'arn:aws:iam::123456789012:saml-provider/okta' })),
    ).toEqual([])
  })

  it('reads one provider named as a string', () => {
    expect(trustedProviders(policyWith({ Federated: GITHUB }))).toEqual([
      {
        arn: GITHUB,
        accountId: '123456789012',
        hostPath: 'token.actions.githubusercontent.com',
        url: 'https://token.actions.githubusercontent.com',
      },
    ])
  })

  it('reads every provider of a Federated array, in order, each once', () => {
    const found = trustedProviders(
      policyWith({ Federated: [GITHUB, GITLAB] }, { Federated: [GITLAB, OTHER_ACCOUNT] }),
    )
    expect(found.map((p) => p.arn)).toEqual([GITHUB, GITLAB, OTHER_ACCOUNT])
    expect(found.map((p) => p.accountId)).toEqual(['123456789012', '123456789012', '210987654321'])
  })

  it('keeps a provider path and reads a loopback provider as plain http (the emulators)', () => {
    const found = trustedProviders(
      policyWith({
        Federated: [
          'arn:aws:iam::123456789012:oidc-provider/ghes.example.com/_services/token',
          'arn:aws:iam::123456789012:oidc-provider/127.0.0.1:4010',
        ],
      }),
    )
    expect(found.map((p) => p.url)).toEqual([
      'https://ghes.example.com/_services/token',
      'http://127.0.0.1:4010',
    ])
  })

  it('leaves out ARNs that name no one provider: wildcards, no twelve-digit account', () => {
    expect(
      trustedProviders(
        policyWith({
          Federated: [
            'arn:aws:iam::123456789012:oidc-provider/*',
            'arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com',
            'arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com',
            'arn:aws:iam::123456789012:oidc-provider/',
          ],
        }),
      ),
    ).toEqual([])
  })

  it('does not count a provider named only in NotPrincipal, nor text elsewhere in the policy', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: GITLAB, // an ARN in a Sid is not a principal (a regex over the text would find it)
          Effect: 'Deny',
          NotPrincipal: { Federated: GITLAB },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
        {
          Effect: 'Allow',
          Principal: { Federated: GITHUB },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'aws:FederatedProvider': GITLAB } },
        },
      ],
    }
    expect(trustedProviders(policy).map((p) => p.arn)).toEqual([GITHUB])
  })

  it('reads policy text, and throws PolicyDocumentError for a policy IAM would refuse', () => {
    expect(trustedProviders(JSON.stringify(policyWith({ Federated: GITHUB })))).toHaveLength(1)
    expect(() => trustedProviders('{"Version": "2012-10-17", "Statement": [')).toThrow(
      PolicyDocumentError,
    )
    expect(() => trustedProviders('')).toThrow(PolicyDocumentError)
    expect(() => trustedProviders({ Version: '2012-10-17' })).toThrow(PolicyDocumentError)
  })
})

describe('trustedProviderFor', () => {
  const policy = policyWith({ Federated: [OTHER_ACCOUNT, GITHUB, GITLAB] })

  it('finds the provider for an issuer, in any account or in the one asked for', () => {
    const iss = 'https://token.actions.githubusercontent.com'
    expect(trustedProviderFor(policy, iss)?.arn).toBe(OTHER_ACCOUNT)
    expect(trustedProviderFor(policy, iss, '123456789012')?.arn).toBe(GITHUB)
    expect(trustedProviderFor(policy, 'https://gitlab.com')?.arn).toBe(GITLAB)
  })

  it('finds none for an issuer the policy does not name (a trailing slash is another URL)', () => {
    expect(trustedProviderFor(policy, 'https://token.actions.githubusercontent.com/')).toBe(
      undefined,
    )
    expect(trustedProviderFor(policy, 'https://app.circleci.com')).toBe(undefined)
  })
})
