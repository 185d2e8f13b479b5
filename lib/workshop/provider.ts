/**
 * Exercise: the IAM OIDC provider. Before any trust policy is read, STS needs a provider whose URL
 * is exactly the token's `iss` and whose client IDs contain its `aud` — the two most common
 * "InvalidIdentityToken" errors (FACTS.md §2, errors 5 and 6).
 */
import { createAwsAccount } from '../aws/account.js'
import { assumeRoleWithWebIdentity } from '../aws/sts/assume-role-with-web-identity.js'
import { seededRandom } from '../aws/sts/random.js'
import { createGitHubIssuer } from '../github/issuer.js'
import { createVirtualNetwork } from '../core/network.js'
import type { WorkflowRun } from '../github/run.js'
import { report, type Exercise, type ExerciseCheck } from './exercise.js'
import { ACCOUNT_ID, AUDIENCE, ISSUER, K, clock, json, octoRepo, trustPolicyText } from './world.js'

const ROLE_POLICY = trustPolicyText({
  StringEquals: {
    [`${K}:aud`]: AUDIENCE,
    [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  },
})

async function assume(provider: unknown, run: WorkflowRun, audience: string) {
  const account = createAwsAccount({
    accountId: ACCOUNT_ID,
    oidcProviders: [provider as never],
    roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: ROLE_POLICY }],
  })
  const issuer = await createGitHubIssuer({ keys: 'demo', clock })
  const token = await issuer.issueToken(run, { audience })
  const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
  return assumeRoleWithWebIdentity(
    account,
    {
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/deploy`,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: token,
    },
    { fetch: network.fetch, clock, random: seededRandom('workshop') },
  )
}

export const oidcProvider: Exercise = {
  id: 'oidc-provider',
  title: 'Fix the OIDC provider',
  level: 'warm-up',
  minutes: 6,
  brief: [
    'A push to main of octo-org/octo-repo runs configure-aws-credentials with its default audience, `sts.amazonaws.com`, and fails with `InvalidIdentityToken`. The role’s trust policy is fine; the account’s IAM OIDC provider is not.',
    'Fix `oidc-provider.json` (the input of IAM `CreateOpenIDConnectProvider`) so the job gets credentials.',
  ],
  fileName: 'oidc-provider.json',
  start: json({ Url: `${ISSUER}/`, ClientIDList: ['sigstore'] }),
  solution: json({ Url: ISSUER, ClientIDList: [AUDIENCE] }),
  hints: [
    'Run the check and read the STS message: it names the first thing that is wrong.',
    'STS looks for a provider whose `Url` is exactly the token’s `iss`, character for character — a trailing slash is a different URL.',
    '`ClientIDList` holds the audiences the provider accepts; GitHub jobs that use configure-aws-credentials ask for `sts.amazonaws.com`.',
  ],
  async check(text) {
    let provider: unknown
    try {
      provider = JSON.parse(text)
    } catch (error) {
      return report([
        { id: 'provider.json', ok: false, label: 'The file is JSON', detail: String(error) },
      ])
    }
    const cases: { id: string; label: string; run: WorkflowRun; audience: string; ok: boolean }[] =
      [
        {
          id: 'allow.main',
          label: 'A push to main gets credentials',
          run: octoRepo(),
          audience: AUDIENCE,
          ok: true,
        },
        {
          id: 'deny.sigstore',
          label: 'A token meant for Sigstore (aud sigstore) gets none',
          run: octoRepo(),
          audience: 'sigstore',
          ok: false,
        },
      ]
    const checks: ExerciseCheck[] = []
    for (const c of cases) {
      try {
        const trace = await assume(provider, c.run, c.audience)
        const detail = trace.outcome.ok
          ? `STS issued credentials for ${trace.outcome.response.AssumedRoleUser.Arn}.`
          : `STS answered ${trace.outcome.error.code}: ${trace.outcome.error.message}`
        checks.push({ id: c.id, ok: trace.outcome.ok === c.ok, label: c.label, detail })
      } catch (error) {
        const message =
          error instanceof Error
            ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
            : String(error)
        return report([
          {
            id: 'provider.valid',
            ok: false,
            label: 'IAM accepts the provider',
            detail: `CreateOpenIDConnectProvider refuses it: ${message}`,
          },
        ])
      }
    }
    return report([
      {
        id: 'provider.valid',
        ok: true,
        label: 'IAM accepts the provider',
        detail: 'CreateOpenIDConnectProvider would create it.',
      },
      ...checks,
    ])
  },
}
