import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fixedClock } from '../../lib/core/clock.js'
import { SESSION_TAGS_CLAIM } from '../../lib/aws/policy/context.js'
import { evaluateClaims } from '../../lib/explain/evaluate-claims.js'
import { explainClaims, type ExplainClaimsInput } from '../../lib/explain/explain-claims.js'
import {
  DIAGNOSES,
  NO_CREDENTIALS,
  NO_TOKEN_TEXT,
  diagnose,
  diagnoseExplanation,
  diagnosesForKnownError,
  type Diagnosis,
} from '../../lib/explain/diagnoses.js'
import { diagnosisLines } from '../../lib/explain/diagnosis-text.js'
import { KNOWN_ERRORS } from '../../lib/explain/known-errors.js'
import { getScenario } from '../../lib/handshake/scenarios.js'
import type { Scenario } from '../../lib/handshake/scenario.js'
import { walk } from '../../lib/handshake/walk.js'
import { getIssuerScenario, issuerTrustPolicy } from '../../lib/handshake/issuer-scenarios.js'
import type { IssuerScenario } from '../../lib/handshake/scenario.js'

const read = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../examples/explain/${file}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>
const POLICY = read('policy.json')
const MAIN = read('claims-main.json')
const IMMUTABLE = read('claims-immutable.json')
const K = 'token.actions.githubusercontent.com'
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${K}`
const MAIN_SUB = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const ID_SUB = 'repo:octo-org@68182552/octo-repo@608268327:ref:refs/heads/main'
const ENV_SUB = 'repo:octo-org/octo-repo:environment:prod'

function policyWith(
  condition: Record<string, Record<string, unknown>>,
  options: { federated?: string; action?: string | string[] } = {},
) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: options.federated ?? PROVIDER },
        Action: options.action ?? 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  }
}

/** Explain the claims against the policy (the real STS path), then diagnose what explain saw. */
async function explained(
  policy: object,
  claims: Record<string, unknown>,
  extra: Partial<ExplainClaimsInput> = {},
): Promise<Diagnosis[]> {
  const e = await explainClaims({ policy, claims, ...extra })
  return diagnoseExplanation(e, policy)
}

async function walked(scenario: Scenario): Promise<Diagnosis[]> {
  return diagnose(await walk(scenario), {
    oidcProviders: scenario.account.oidcProviders ?? [],
    accountId: scenario.account.accountId,
  })
}

const seen = new Set<string>()
function expectDiagnosis(found: Diagnosis[], id: string): Diagnosis {
  const d = found.find((x) => x.id === id)
  expect(d, `diagnosis ${id} in [${found.map((x) => x.id).join(', ')}]`).toBeDefined()
  expect(found[0]!.id).toBe(id)
  expect(d!.source).toMatch(/^https:\/\//)
  expect(diagnosisLines(d!)).toContain(`Source: ${d!.source}`)
  seen.add(id)
  return d!
}

describe('diagnose: the sub', () => {
  it('names the immutable-subject mismatch and proves both fixes by re-evaluating', async () => {
    const found = await explained(POLICY, IMMUTABLE)
    // explainClaims returns the same diagnoses itself, and its "what to change" names the form.
    const e = await explainClaims({ policy: POLICY, claims: IMMUTABLE })
    expect(e.diagnoses).toEqual(found)
    expect(e.whatToChange[0]).toContain(
      'This repository uses immutable subjects (repo:OWNER@OWNER_ID/REPO@REPO_ID',
    )
    const d = expectDiagnosis(found, 'sub-name-form-vs-id-form')
    expect(d.title).toBe(
      'This repository uses immutable subjects; your policy is written in the name form',
    )
    const [idForm, migration] = d.proofs!
    expect(idForm!.form).toBe('id-form')
    expect(idForm!.condition).toEqual({ StringEquals: { [`${K}:sub`]: ID_SUB } })
    expect(idForm!.decision).toBe('Allow')
    expect(idForm!.nameFormDecision).toBe('ImplicitDeny')
    expect(idForm!.otherRepositoryDecision).toBe('ImplicitDeny')
    expect(migration!.form).toBe('migration')
    // Both forms of the same repository and ref, with the same operator — no wildcard.
    expect(migration!.condition).toEqual({ StringEquals: { [`${K}:sub`]: [MAIN_SUB, ID_SUB] } })
    expect(JSON.stringify(migration!.condition)).not.toMatch(/[*?]/)
    expect(migration!.decision).toBe('Allow')
    expect(migration!.nameFormDecision).toBe('Allow')
    expect(migration!.otherRepositoryDecision).toBe('ImplicitDeny')
    // The proof is the real thing: the fixed policy lets the ID-form claims through STS.
    const rerun = await explainClaims({ policy: JSON.parse(migration!.policy), claims: IMMUTABLE })
    expect(rerun.trace.outcome.ok).toBe(true)
    const forMain = await explainClaims({ policy: JSON.parse(migration!.policy), claims: MAIN })
    expect(forMain.trace.outcome.ok).toBe(true)
  })

  it('names it in the immutable-subject walk, with the same proofs', async () => {
    const d = expectDiagnosis(
      await walked(getScenario('immutable-subject')),
      'sub-name-form-vs-id-form',
    )
    expect(
      d.proofs!.map((p) => [p.decision, p.nameFormDecision, p.otherRepositoryDecision]),
    ).toEqual([
      ['Allow', 'ImplicitDeny', 'ImplicitDeny'],
      ['Allow', 'Allow', 'ImplicitDeny'],
    ])
  })

  it('proves the fixes from the policy step alone, as the site’s explainer calls it', () => {
    const result = evaluateClaims(POLICY, IMMUTABLE)
    if (!result.ok) throw result.error
    const [d] = diagnose(undefined, {
      claims: IMMUTABLE,
      evaluation: result.evaluation,
      policy: POLICY,
      requestContext: result.requestContext,
    })
    expect(d!.id).toBe('sub-name-form-vs-id-form')
    expect(d!.proofs!.map((p) => [p.form, p.decision, p.nameFormDecision])).toEqual([
      ['id-form', 'Allow', 'ImplicitDeny'],
      ['migration', 'Allow', 'Allow'],
    ])
  })

  it('names an ID-form policy meeting a name-form token', async () => {
    const policy = policyWith({ StringEquals: { [`${K}:sub`]: ID_SUB } })
    expectDiagnosis(await explained(policy, MAIN), 'sub-id-form-vs-name-form')
  })

  it('names an owner or repository differing only in case', async () => {
    const policy = policyWith({
      StringEquals: { [`${K}:sub`]: 'repo:Octo-Org/octo-repo:ref:refs/heads/main' },
    })
    expectDiagnosis(await explained(policy, MAIN), 'sub-owner-repo-case')
  })

  it('names a job with environment: against a branch policy (walk)', async () => {
    const d = expectDiagnosis(await walked(getScenario('environment-subject')), 'sub-environment')
    expect(d.explanation).toContain(':environment:')
  })

  it('names a pull_request run (walk)', async () => {
    const d = expectDiagnosis(await walked(getScenario('pull-request')), 'sub-pull-request')
    expect(d.fix).toContain('on the branch the policy names')
  })

  it('advises a pull_request run by what the policy names: its environment, not a branch', async () => {
    const policy = policyWith({
      StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: ENV_SUB },
    })
    const claims = { ...MAIN, sub: 'repo:octo-org/octo-repo:pull_request' }
    const d = (await explained(policy, claims)).find((x) => x.id === 'sub-pull-request')!
    expect(d.fix).toContain('with environment: prod, the environment the policy names')
    expect(d.fix).not.toMatch(/branch/)
  })

  it('names a job without environment: against an environment policy', async () => {
    const policy = policyWith({
      StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: ENV_SUB },
    })
    const d = expectDiagnosis(await explained(policy, MAIN), 'sub-no-environment')
    expect(d.explanation).toContain(MAIN_SUB)
    expect(d.fix).toContain('Add environment: prod to the job')
    expect(`${d.explanation} ${d.fix}`).not.toMatch(/branch the policy names/)
  })

  it('names a tag run against a branch policy', async () => {
    const claims = {
      ...MAIN,
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v1.0.0',
      ref: 'refs/tags/v1.0.0',
      ref_type: 'tag',
    }
    expectDiagnosis(await explained(POLICY, claims), 'sub-tag-vs-branch')
  })

  it('names another branch', async () => {
    const claims = { ...MAIN, sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' }
    expectDiagnosis(await explained(POLICY, claims), 'sub-other-branch')
  })
})

describe('diagnose: the provider', () => {
  it('names the old vstoken issuer host (walk)', async () => {
    const d = expectDiagnosis(await walked(getScenario('unknown-provider')), 'provider-issuer-host')
    expect(d.explanation).toContain('vstoken.actions.githubusercontent.com')
  })

  it('names a trailing slash in the provider URL', async () => {
    const scenario = getScenario('happy-path')
    const account = {
      ...scenario.account,
      oidcProviders: [{ Url: `https://${K}/`, ClientIDList: ['sts.amazonaws.com'] }],
    }
    expectDiagnosis(await walked({ ...scenario, account }), 'provider-url-trailing-slash')
  })

  it('names a provider ARN in another account', async () => {
    const found = await explained(POLICY, MAIN, { accountId: '210987654321' })
    expectDiagnosis(found, 'provider-other-account')
  })

  it('names a missing provider', async () => {
    const policy = policyWith(
      { StringEquals: { [`${K}:sub`]: MAIN_SUB } },
      { federated: 'cognito-identity.amazonaws.com' },
    )
    const found = await explained(policy, MAIN)
    expectDiagnosis(found, 'provider-missing')
  })
})

describe('diagnose: the audience', () => {
  it('names the default audience https://github.com/OWNER (walk)', async () => {
    const d = expectDiagnosis(await walked(getScenario('wrong-audience')), 'audience-default')
    expect(d.explanation).toContain('https://github.com/octo-org')
  })

  it("names an aud that is not one of the provider's client IDs", async () => {
    const found = await explained(POLICY, { ...MAIN, aud: 'sigstore' })
    expectDiagnosis(found, 'audience-not-client-id')
  })
})

describe('diagnose: conditions AWS cannot satisfy', () => {
  it('names a condition on a claim AWS never maps', async () => {
    const policy = policyWith({
      StringEquals: { [`${K}:sub`]: MAIN_SUB, [`${K}:repository_owner`]: 'octo-org' },
    })
    const d = expectDiagnosis(await explained(policy, MAIN), 'condition-unmapped-claim')
    expect(d.explanation).toContain('repository_owner')
  })

  it('names a trailing slash in a condition key', async () => {
    const policy = policyWith({ StringEquals: { [`${K}/:sub`]: MAIN_SUB } })
    const d = expectDiagnosis(await explained(policy, MAIN), 'condition-key-trailing-slash')
    expect(d.fix).toBe(`Write ${K}:sub.`)
  })

  it('names ForAllValues: on sub, even when the run is allowed (the hole is the absent key)', async () => {
    const policy = policyWith({ 'ForAllValues:StringEquals': { [`${K}:sub`]: MAIN_SUB } })
    const e = await explainClaims({ policy, claims: MAIN })
    expect(e.trace.outcome.ok).toBe(true)
    const d = expectDiagnosis(diagnoseExplanation(e, policy), 'forallvalues-sub')
    expect(d.fix).toBe(`Drop the qualifier: StringEquals on ${K}:sub.`)
  })
})

describe('diagnose: the token and the session', () => {
  it('names an expired token (walk)', async () => {
    expectDiagnosis(await walked(getScenario('expired-token')), 'token-expired')
  })

  it('names a token that is not valid yet', async () => {
    const nbf = MAIN.nbf as number
    const found = await explained(POLICY, MAIN, { clock: fixedClock((nbf - 3600) * 1000) })
    expectDiagnosis(found, 'token-not-yet-valid')
  })

  it('names DurationSeconds above MaxSessionDuration (walk)', async () => {
    expectDiagnosis(await walked(getScenario('duration-too-long')), 'duration-above-max')
  })

  it('names session tags without sts:TagSession', async () => {
    const claims = { ...MAIN, [SESSION_TAGS_CLAIM]: { principal_tags: { team: ['deploy'] } } }
    expectDiagnosis(await explained(POLICY, claims), 'tag-session-not-allowed')
  })
})

describe('diagnose: no token at all', () => {
  it('names a job without id-token: write, quoting configure-aws-credentials', () => {
    const d = expectDiagnosis(
      diagnose(undefined, { job: { env: {}, event: 'push' } }),
      'no-id-token-permission',
    )
    expect(d.explanation).toContain(NO_TOKEN_TEXT)
    expect(d.explanation).toContain(NO_CREDENTIALS)
  })

  it('names a pull request from a fork', () => {
    const found = diagnose(undefined, {
      job: {
        env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined },
        event: 'pull_request',
        fromFork: true,
      },
    })
    expectDiagnosis(found, 'fork-pull-request')
    expect(found.map((d) => d.id)).not.toContain('no-id-token-permission')
  })

  it('finds nothing for a job that has the runner variables', () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
    expect(diagnose(undefined, { job: { env } })).toEqual([])
  })
})

describe('diagnose: the other CI systems', () => {
  async function walkedIssuer(scenario: IssuerScenario): Promise<Diagnosis[]> {
    return diagnose(await walk(scenario), {
      oidcProviders: scenario.account.oidcProviders ?? [],
      accountId: scenario.account.accountId,
    })
  }

  it("names the CircleCI organisation when a token comes from another org's issuer", async () => {
    const found = await walkedIssuer(getIssuerScenario('circleci-other-organisation'))
    const d = expectDiagnosis(found, 'circleci-org-mismatch')
    expect(d.explanation).toMatch(/its own issuer URL, so STS finds no provider for this one/)
    expect(found.map((x) => x.id)).not.toContain('provider-missing')
  })

  it("names the CircleCI organisation when the policy's keys carry another org's prefix", async () => {
    const found = await walkedIssuer(getIssuerScenario('circleci-keys-of-another-org'))
    expectDiagnosis(found, 'circleci-org-mismatch')
    expect(found[0]!.fix).toMatch(
      /oidc\.circleci\.com\/org\/[0-9a-f-]{36}:oidc\.circleci\.com\/project-id/,
    )
  })

  it('explains that a self-managed GitLab instance gets no gitlab.com keys', async () => {
    const iss = 'https://gitlab.example.com'
    const base = getIssuerScenario('gitlab-happy-path')
    const scenario: IssuerScenario = {
      ...base,
      name: 'gitlab-self-managed',
      issuer: iss,
      account: {
        accountId: '123456789012',
        oidcProviders: [{ Url: iss, ClientIDList: ['sts.amazonaws.com'] }],
        roles: [
          {
            RoleName: 'deploy',
            AssumeRolePolicyDocument: issuerTrustPolicy({
              accountId: '123456789012',
              issuer: iss,
              equals: {
                aud: 'sts.amazonaws.com',
                sub: 'project_path:acme/app:ref_type:branch:ref:main',
                project_id: '39989407',
              },
            }),
          },
        ],
      },
      roleName: 'deploy',
    }
    const trace = await walk(scenario)
    expect(trace.outcome.ok).toBe(false)
    const d = expectDiagnosis(await walkedIssuer(scenario), 'gitlab-self-managed-keys')
    expect(d.explanation).toMatch(/project_id only for https:\/\/gitlab\.com/)
    // The same policy on gitlab.com: the key is filled, nothing to diagnose.
    expect(await walkedIssuer(getIssuerScenario('gitlab-happy-path'))).toEqual([])
  })

  it('names the run phase when a Terraform plan meets an apply role', async () => {
    const found = await walkedIssuer(getIssuerScenario('terraform-plan-phase'))
    const d = expectDiagnosis(found, 'terraform-plan-phase')
    expect(d.fix).toMatch(/TFC_AWS_PLAN_ROLE_ARN/)
    expect(await walkedIssuer(getIssuerScenario('terraform-happy-path'))).toEqual([])
  })
})

describe('the catalogue', () => {
  it('finds nothing when STS issues credentials', async () => {
    expect(await walked(getScenario('happy-path'))).toEqual([])
    expect(await explained(POLICY, MAIN)).toEqual([])
  })

  it('links every diagnosis to known errors that exist', () => {
    const ids = new Set(KNOWN_ERRORS.map((e) => e.id))
    for (const rule of DIAGNOSES) for (const k of rule.knownErrors) expect(ids).toContain(k)
    expect(diagnosesForKnownError('audience').map((r) => r.id)).toEqual([
      'audience-default',
      'audience-not-client-id',
    ])
  })

  it('has an end-to-end case above for every diagnosis', () => {
    // Runs last in the file: every expectDiagnosis above recorded its id.
    expect([...seen].sort()).toEqual(DIAGNOSES.map((r) => r.id).sort())
  })
})
