/** Corpus, part 3: principals, actions, Allow/Deny, session tags and source identity. */
import {
  ACCOUNT,
  ACTION_DOC,
  EVALUATION_DOC,
  K,
  PRINCIPAL_DOC,
  PROVIDER_ARN,
  allow,
  cond,
  deny,
  github,
  policy,
  trust,
} from './helpers.js'
import type { CorpusCase } from './helpers.js'

const SUB = `${K}:sub`
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const principal = (
  name: string,
  p: unknown,
  expected: CorpusCase['expected'],
  context = github(),
): CorpusCase => ({
  name,
  policy: trust(undefined, { Principal: p }),
  context,
  expected,
  source: PRINCIPAL_DOC,
})
const action = (
  name: string,
  a: unknown,
  expected: CorpusCase['expected'],
  key = 'Action',
): CorpusCase => {
  const s = allow()
  delete s.Action
  return {
    name,
    policy: policy({ ...s, [key]: a }),
    context: github(),
    expected,
    source: ACTION_DOC,
  }
}

export const PRINCIPAL_CASES: CorpusCase[] = [
  principal('Federated: this provider', { Federated: PROVIDER_ARN }, 'Allow'),
  principal(
    'Federated: the same provider in another account',
    { Federated: PROVIDER_ARN.replace(ACCOUNT, '210987654321') },
    'ImplicitDeny',
  ),
  principal(
    'Federated: the provider of an enterprise slug issuer is another provider',
    { Federated: `${PROVIDER_ARN}/octo-ent` },
    'ImplicitDeny',
  ),
  principal(
    'Federated: an array naming this provider',
    { Federated: ['arn:aws:iam::123456789012:oidc-provider/gitlab.com', PROVIDER_ARN] },
    'Allow',
  ),
  principal('Federated: "*"', { Federated: '*' }, 'Allow'),
  principal('Principal: "*"', '*', 'Allow'),
  principal('AWS "*" is the same as "*"', { AWS: '*' }, 'Allow'),
  principal(
    'AWS: an account does not name a web-identity caller',
    { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    'ImplicitDeny',
  ),
  principal(
    'Service: a service does not name a web-identity caller',
    { Service: 'sts.amazonaws.com' },
    'ImplicitDeny',
  ),
  principal(
    'Federated: ARNs compare exactly (case)',
    { Federated: PROVIDER_ARN.replace('oidc-provider', 'OIDC-provider') },
    'ImplicitDeny',
  ),
  principal(
    'Federated: no partial wildcards in principals',
    { Federated: 'arn:aws:iam::*:oidc-provider/*' },
    'ImplicitDeny',
  ),
  principal(
    'Federated: no aws:FederatedProvider in the context',
    { Federated: PROVIDER_ARN },
    'ImplicitDeny',
    { [SUB]: MAIN },
  ),
  {
    name: 'NotPrincipal: another provider',
    policy: trust(undefined, {
      Principal: undefined,
      NotPrincipal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.com' },
    }),
    context: github(),
    expected: 'Allow',
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  },
  {
    name: 'NotPrincipal: this provider',
    policy: trust(undefined, { Principal: undefined, NotPrincipal: { Federated: PROVIDER_ARN } }),
    context: github(),
    expected: 'ImplicitDeny',
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
  },
]

export const ACTION_CASES: CorpusCase[] = [
  action('Action: exact', 'sts:AssumeRoleWithWebIdentity', 'Allow'),
  action('Action: case-insensitive', 'STS:assumerolewithwebidentity', 'Allow'),
  action('Action: sts:*', 'sts:*', 'Allow'),
  action('Action: *', '*', 'Allow'),
  action('Action: sts:AssumeRole is another action', 'sts:AssumeRole', 'ImplicitDeny'),
  action('Action: a trailing wildcard', 'sts:AssumeRole*', 'Allow'),
  action('Action: a ? wildcard', 'sts:AssumeRoleWith?ebIdentity', 'Allow'),
  action('Action: a list', ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'], 'Allow'),
  action('Action: another service', 's3:*', 'ImplicitDeny'),
  action('NotAction: another action', 'sts:AssumeRole', 'Allow', 'NotAction'),
  action('NotAction: sts:* excludes it', 'sts:*', 'ImplicitDeny', 'NotAction'),
]

const TAGGED = {
  'https://aws.amazon.com/tags': {
    principal_tags: { team: ['platform'] },
    transitive_tag_keys: ['team'],
  },
}
const TAG_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html'

export const STATEMENT_CASES: CorpusCase[] = [
  {
    name: 'no statement with conditions: allowed',
    policy: trust(),
    context: github(),
    expected: 'Allow',
    source: EVALUATION_DOC,
  },
  {
    name: 'Allow and a matching Deny: explicit deny',
    policy: policy(allow(), deny(cond('StringEquals', `${K}:actor`, 'octocat'))),
    context: github(),
    expected: 'ExplicitDeny',
    source: EVALUATION_DOC,
  },
  {
    name: 'Allow and a Deny that does not match',
    policy: policy(allow(), deny(cond('StringEquals', `${K}:actor`, 'mallory'))),
    context: github(),
    expected: 'Allow',
    source: EVALUATION_DOC,
  },
  {
    name: 'a Deny alone that matches',
    policy: policy(deny()),
    context: github(),
    expected: 'ExplicitDeny',
    source: EVALUATION_DOC,
  },
  {
    name: 'a Deny alone that does not match: still no Allow',
    policy: policy(deny(cond('StringEquals', SUB, 'x'))),
    context: github(),
    expected: 'ImplicitDeny',
    source: EVALUATION_DOC,
  },
  {
    name: 'Deny everything but main, for a pull request',
    policy: policy(
      allow(cond('StringLike', SUB, 'repo:octo-org/octo-repo:*')),
      deny(cond('StringNotEquals', SUB, MAIN)),
    ),
    context: github({ sub: 'repo:octo-org/octo-repo:pull_request' }),
    expected: 'ExplicitDeny',
    source: EVALUATION_DOC,
  },
  {
    name: 'Deny everything but main, for main',
    policy: policy(
      allow(cond('StringLike', SUB, 'repo:octo-org/octo-repo:*')),
      deny(cond('StringNotEquals', SUB, MAIN)),
    ),
    context: github(),
    expected: 'Allow',
    source: EVALUATION_DOC,
  },
  {
    name: 'statements OR: the second one allows',
    policy: policy(allow(cond('StringEquals', SUB, 'x')), allow(cond('StringEquals', SUB, MAIN))),
    context: github(),
    expected: 'Allow',
    source: EVALUATION_DOC,
  },
  {
    name: 'a Deny on another action does not deny this one',
    policy: policy(allow(), deny(undefined, { Action: 'sts:TagSession' })),
    context: github(),
    expected: 'Allow',
    source: EVALUATION_DOC,
  },
  {
    name: 'session tags need sts:TagSession too (missing)',
    policy: trust(),
    context: github(TAGGED),
    expected: 'ImplicitDeny',
    source: TAG_DOC,
  },
  {
    name: 'session tags with sts:TagSession allowed',
    policy: trust(undefined, { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }),
    context: github(TAGGED),
    expected: 'Allow',
    source: TAG_DOC,
  },
  {
    name: 'session tags with sts:* allowed',
    policy: trust(undefined, { Action: 'sts:*' }),
    context: github(TAGGED),
    expected: 'Allow',
    source: TAG_DOC,
  },
  {
    name: 'session tags and a Deny on sts:TagSession',
    policy: policy(
      allow(undefined, { Action: 'sts:*' }),
      deny(undefined, { Action: 'sts:TagSession' }),
    ),
    context: github(TAGGED),
    expected: 'ExplicitDeny',
    source: TAG_DOC,
  },
  {
    name: 'a condition on a requested tag (match)',
    policy: trust(cond('StringEquals', 'aws:RequestTag/team', 'platform'), { Action: 'sts:*' }),
    context: github(TAGGED),
    expected: 'Allow',
    source: TAG_DOC,
  },
  {
    name: 'a condition on a requested tag (other value)',
    policy: trust(cond('StringEquals', 'aws:RequestTag/team', 'data'), { Action: 'sts:*' }),
    context: github(TAGGED),
    expected: 'ImplicitDeny',
    source: TAG_DOC,
  },
  {
    name: 'a condition on transitive tag keys',
    policy: trust(cond('ForAllValues:StringEquals', 'sts:TransitiveTagKeys', ['team', 'cost']), {
      Action: 'sts:*',
    }),
    context: github(TAGGED),
    expected: 'Allow',
    source: TAG_DOC,
  },
  {
    name: 'a source identity needs sts:SetSourceIdentity (missing)',
    policy: trust(),
    context: github({ 'https://aws.amazon.com/source_identity': 'octocat' }),
    expected: 'ImplicitDeny',
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
  },
  {
    name: 'a source identity with sts:SetSourceIdentity allowed',
    policy: trust(undefined, {
      Action: ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'],
    }),
    context: github({ 'https://aws.amazon.com/source_identity': 'octocat' }),
    expected: 'Allow',
  },
  {
    name: 'asking for sts:TagSession directly',
    policy: trust(undefined, { Action: 'sts:TagSession' }),
    context: github(),
    expected: 'Allow',
    action: 'sts:TagSession',
  },
  {
    name: 'asking for sts:AssumeRole from a web-identity policy',
    policy: trust(),
    context: github(),
    expected: 'ImplicitDeny',
    action: 'sts:AssumeRole',
  },
]
