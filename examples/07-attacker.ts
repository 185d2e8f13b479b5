/**
 * An attacker's token against a loose trust policy.
 *
 * One issuer serves all of github.com, so anyone can run a workflow in their own repository and get
 * a genuine, correctly signed token with `aud: sts.amazonaws.com`. Only the trust policy's
 * conditions tell your workflows apart from theirs. `repo:octo-org*` looks like "my organisation",
 * but `*` also matches `-evil/anything`.
 */
import {
  assumeRoleWithWebIdentity,
  createAwsAccount,
  createGitHubIssuer,
  createVirtualNetwork,
  decodeJwt,
  fixedClock,
  oidcProviderArn,
  seededRandom,
} from 'trustwalk'

const clock = fixedClock('2026-10-08T18:31:15Z')
const issuer = await createGitHubIssuer({ keys: 'demo', clock })
const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
const K = 'token.actions.githubusercontent.com'

function roleTrusting(sub: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn('123456789012', issuer.url) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${K}:sub`]: sub },
        },
      },
    ],
  }
}

// Two roles: one trusts "my organisation, any repo" (wrongly), one a single repository and branch.
const patterns = { loose: 'repo:octo-org*', tight: 'repo:octo-org/octo-repo:ref:refs/heads/main' }
const account = createAwsAccount({
  accountId: '123456789012',
  oidcProviders: [{ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }],
  roles: Object.entries(patterns).map(([RoleName, sub]) => ({
    RoleName,
    AssumeRolePolicyDocument: roleTrusting(sub),
  })),
})

// The attacker owns the organisation "octo-org-evil" and runs any workflow they like in it.
const attackerRun = { owner: 'octo-org-evil', repo: 'exfiltrate', branch: 'main' }
const attackerToken = await issuer.issueToken(attackerRun, { audience: 'sts.amazonaws.com' })
console.log(
  `The attacker's token is genuine; it says sub ${decodeJwt(attackerToken).payload.sub}\n`,
)

for (const [role, pattern] of Object.entries(patterns)) {
  const trace = await assumeRoleWithWebIdentity(
    account,
    {
      RoleArn: `arn:aws:iam::123456789012:role/${role}`,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: attackerToken,
    },
    { fetch: network.fetch, clock, random: seededRandom(`07-${role}`) },
  )
  const conditions = trace.steps.find((step) => step.id === 'conditions')
  console.log(`Role "${role}", StringLike ${K}:sub "${pattern}":`)
  for (const check of conditions?.checks ?? [])
    console.log(`  ${check.ok ? '✓' : '✗'} ${check.summary}`)
  console.log(
    trace.outcome.ok
      ? `  ATTACKER GETS CREDENTIALS: ${trace.outcome.response.AssumedRoleUser.Arn}\n`
      : `  denied: ${trace.outcome.error.code}: ${trace.outcome.error.message}\n`,
  )
}
