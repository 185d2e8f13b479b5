/**
 * Assume a role in memory: STS's AssumeRoleWithWebIdentity, end to end.
 *
 * An AWS account with GitHub's OIDC provider and a `deploy` role, trustwalk's GitHub issuer, and
 * STS's Query API, all on one in-memory network. The job posts its token to STS exactly as the AWS
 * SDK would and gets back STS's real XML answer. Seeded randomness makes the credentials the same
 * on every run (they are fake, and only this page's STS accepts them).
 */
import {
  createAwsAccount,
  createGitHubIssuer,
  createVirtualNetwork,
  fixedClock,
  oidcProviderArn,
  seededRandom,
  stsHandler,
} from 'trustwalk'

const clock = fixedClock('2026-10-08T18:31:15Z')
const issuer = await createGitHubIssuer({ keys: 'demo', clock })

const account = createAwsAccount({
  accountId: '123456789012',
  oidcProviders: [{ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }],
  roles: [
    {
      RoleName: 'deploy',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: oidcProviderArn('123456789012', issuer.url) },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub':
                  'repo:octo-org/octo-repo:ref:refs/heads/main',
              },
            },
          },
        ],
      },
    },
  ],
})

const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
const sts = stsHandler(account, {
  fetch: network.fetch,
  clock,
  random: seededRandom('05-assume-role'),
})
network.route('https://sts.amazonaws.com', sts)

async function assumeRole(token: string): Promise<string> {
  const response = await network.fetch('https://sts.amazonaws.com/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::123456789012:role/deploy',
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: token,
    }),
  })
  return `HTTP ${response.status}\n${await response.text()}`
}

console.log('A push to main asks STS for credentials:')
console.log(
  await assumeRole(
    await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo' },
      { audience: 'sts.amazonaws.com' },
    ),
  ),
)

console.log('\nThe same repository, a feature branch:')
console.log(
  await assumeRole(
    await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo', branch: 'feature' },
      { audience: 'sts.amazonaws.com' },
    ),
  ),
)
