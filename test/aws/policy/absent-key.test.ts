import { describe, expect, it } from 'vitest'
import { absentKeyReason } from '../../../lib/aws/policy/absent-key.js'
import { ContextIndex, providerPrefixOf } from '../../../lib/aws/policy/context-index.js'

const K = 'token.actions.githubusercontent.com'
const index = (provider?: string) =>
  new ContextIndex(
    provider === undefined
      ? {}
      : { 'aws:FederatedProvider': `arn:aws:iam::123456789012:oidc-provider/${provider}` },
  )

describe('absentKeyReason', () => {
  it.each([
    [
      `${K}:repository_owner`,
      K,
      /^AWS never fills token\.actions\.githubusercontent\.com:repository_owner: it does not turn the token's repository_owner claim/,
    ],
    [`${K}:EVENT_NAME`, K, /AWS never fills .*event_name claim/],
    [`${K}:repo_property_team`, K, /AWS never fills/],
    [`${K}:environment`, K, /only when the job declares an environment/],
    [`${K}:enterprise_id`, K, /owned by an enterprise/],
    [`${K}:actor`, K, /The token has no actor claim/],
    [`${K}:email`, K, /The token has no email claim/],
    [
      `${K}:subject`,
      K,
      /not a condition key AWS fills .*did you mean token\.actions\.githubusercontent\.com:sub\?/,
    ],
    [
      `${K}:sub`,
      `${K}/acme`,
      /came through the provider token\.actions\.githubusercontent\.com\/acme, so its keys are named token\.actions\.githubusercontent\.com\/acme:sub/,
    ],
    [
      'gitlab.com:repository',
      'gitlab.com',
      /only for GitHub Actions issuers, and gitlab\.com is not one/,
    ],
    [`${K}:repository_owner`, undefined, /AWS never fills/],
    ['aws:RequestTag/team', K, /no session tag "team"/],
    ['aws:TagKeys', K, /no session tags/],
    ['sts:SourceIdentity', K, /no source identity/],
    ['sts:RoleSessionName', K, /no RoleSessionName/],
    ['aws:SourceIp', K, /only when asked/],
    ['aws:PrincipalTag/x', K, /not a key AWS fills for AssumeRoleWithWebIdentity/],
  ])('%s (provider %s)', (key, provider, reason) => {
    expect(absentKeyReason(key, index(provider))).toMatch(reason)
  })
})

describe('providerPrefixOf', () => {
  it('reads IAM OIDC provider ARNs and bare built-in hosts', () => {
    expect(providerPrefixOf(`arn:aws-cn:iam::123456789012:oidc-provider/${K}/acme`)).toBe(
      `${K}/acme`,
    )
    expect(providerPrefixOf('accounts.google.com')).toBe('accounts.google.com')
    expect(providerPrefixOf('arn:aws:iam::123456789012:saml-provider/x')).toBeUndefined()
  })
})
