/**
 * Evaluate a trust policy: which workflow runs may assume the role.
 *
 * IAM never sees the token as such: it sees a request context, condition keys filled from the
 * verified claims. We build the context for three runs of the same repository (a push to main, a
 * push to a feature branch, a pull request) and evaluate a policy that pins `main`.
 */
import {
  evaluateTrustPolicy,
  fixedClock,
  githubClaims,
  oidcProviderArn,
  requestContextFromToken,
} from 'trustwalk'

const issuer = 'https://token.actions.githubusercontent.com'
const provider = { Url: issuer, Arn: oidcProviderArn('123456789012', issuer) }

const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: provider.Arn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      },
    },
  ],
}

const runs = {
  'push to main': { owner: 'octo-org', repo: 'octo-repo', branch: 'main' },
  'push to feature': { owner: 'octo-org', repo: 'octo-repo', branch: 'feature' },
  'pull request': {
    owner: 'octo-org',
    repo: 'octo-repo',
    event: 'pull_request',
    headRef: 'feature',
    baseRef: 'main',
  },
}

const options = { audience: 'sts.amazonaws.com', clock: fixedClock('2026-10-08T18:31:15Z') }
// The claims GitHub would sign for the run, as the plain JSON object STS decodes.
const mainClaims = { ...githubClaims(runs['push to main'], options) }
const mainContext = requestContextFromToken(mainClaims, provider)
console.log('The request context IAM evaluates for a push to main:')
for (const [key, value] of Object.entries(mainContext))
  console.log(`  ${key} = ${JSON.stringify(value)}`)

for (const [label, run] of Object.entries(runs)) {
  const claims = { ...githubClaims(run, options) }
  const evaluation = evaluateTrustPolicy(trustPolicy, requestContextFromToken(claims, provider))
  console.log(`\n${label}: sub ${claims.sub}`)
  console.log(`  → ${evaluation.decision}: ${evaluation.reason}`)
}
