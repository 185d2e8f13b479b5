/**
 * The check of an OIDC-provider exercise (`"kind": "oidc-provider"` in check.json). Before any trust
 * policy is read, STS needs a provider whose URL is exactly the token's `iss` and whose client IDs
 * contain its `aud` — the two most common "InvalidIdentityToken" errors (FACTS.md §2, errors 5
 * and 6). Each listed run asks the real STS for the role through the learner's provider.
 */
import { createAwsAccount } from '../../aws/account.js'
import { assumeRoleWithWebIdentity } from '../../aws/sts/assume-role-with-web-identity.js'
import { seededRandom } from '../../aws/sts/random.js'
import { createGitHubIssuer } from '../../github/issuer.js'
import { createVirtualNetwork } from '../../core/network.js'
import {
  report,
  type CheckReport,
  type ExerciseCheck,
  type ExerciseCheckSpec,
  type RunCase,
} from '../exercise.js'
import { ACCOUNT_ID, AUDIENCE, clock, json } from '../world.js'

type ProviderSpec = Extract<ExerciseCheckSpec, { kind: 'oidc-provider' }>

async function assume(provider: unknown, role: ProviderSpec['role'], c: RunCase) {
  const account = createAwsAccount({
    accountId: ACCOUNT_ID,
    oidcProviders: [provider as never],
    // As the role's policy was written in the account: pretty JSON (positions in it stay stable).
    roles: [
      { RoleName: role.RoleName, AssumeRolePolicyDocument: json(role.AssumeRolePolicyDocument) },
    ],
  })
  const issuer = await createGitHubIssuer({ keys: 'demo', clock })
  const token = await issuer.issueToken(c.run, { audience: c.audience ?? AUDIENCE })
  const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
  return assumeRoleWithWebIdentity(
    account,
    {
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${role.RoleName}`,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: token,
    },
    { fetch: network.fetch, clock, random: seededRandom('workshop') },
  )
}

/**
 * Every check of an OIDC-provider exercise: IAM accepts the provider, and each run gets
 * credentials or not, as listed.
 *
 * @example
 * const result = await checkOidcProvider(providerText, spec)
 * result.checks.map((c) => c.id) // ['provider.valid', 'allow.main', 'deny.sigstore']
 */
export async function checkOidcProvider(text: string, spec: ProviderSpec): Promise<CheckReport> {
  let provider: unknown
  try {
    provider = JSON.parse(text)
  } catch (error) {
    return report([
      { id: 'provider.json', ok: false, label: 'The file is JSON', detail: String(error) },
    ])
  }
  const checks: ExerciseCheck[] = []
  for (const c of spec.runs) {
    try {
      const trace = await assume(provider, spec.role, c)
      const detail = trace.outcome.ok
        ? `STS issued credentials for ${trace.outcome.response.AssumedRoleUser.Arn}.`
        : `STS answered ${trace.outcome.error.code}: ${trace.outcome.error.message}`
      checks.push({
        id: c.id,
        ok: trace.outcome.ok === c.getsCredentials,
        label: c.label,
        detail,
      })
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
}
