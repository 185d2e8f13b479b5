/**
 * The named scenarios the site, the examples and `trustwalk walk` share: the happy path, and the
 * ways real setups fail (FACTS.md §2 "Top user-reported errors", §6) or are quietly unsafe.
 */
import {
  DEMO_ACCOUNT_ID as ACCOUNT_ID,
  DEMO_OWNER,
  DEMO_REPO,
  DEMO_ROLE_NAME,
  STS_AUDIENCE,
} from '../core/demo.js'
import { InvalidInputError } from '../core/errors.js'
import { GITHUB_ISSUER as ISSUER } from '../github/claims.js'
import { githubTrustPolicy, type Scenario } from './scenario.js'

const MAIN_SUB = `repo:${DEMO_OWNER}/${DEMO_REPO}:ref:refs/heads/main`
const RUN = { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'main' } as const
const ATTACKER_RUN = { owner: 'evil-org', repo: 'evil-repo', branch: 'main' } as const

/** One account: GitHub's provider for `sts.amazonaws.com`, and a role `deploy` for main only. */
function account(
  policy: object = githubTrustPolicy({ accountId: ACCOUNT_ID, sub: MAIN_SUB }),
  extra: object = {},
) {
  return {
    accountId: ACCOUNT_ID,
    oidcProviders: [{ Url: ISSUER, ClientIDList: [STS_AUDIENCE] }],
    roles: [{ RoleName: DEMO_ROLE_NAME, AssumeRolePolicyDocument: policy, ...extra }],
  }
}

const base = { account: account(), run: RUN, audience: STS_AUDIENCE, roleName: DEMO_ROLE_NAME }

/** Every built-in scenario, in teaching order. */
export const SCENARIOS: readonly Scenario[] = deepFreeze([
  {
    name: 'happy-path',
    title: 'A push to main assumes the deploy role',
    description:
      'The workflow on main asks for a token with audience sts.amazonaws.com; the role trusts exactly that repository and branch, so STS hands out credentials.',
    ...base,
    expect: { ok: true },
  },
  {
    name: 'wrong-audience',
    title: 'No audience requested: "Incorrect token audience"',
    description:
      'The job asked for a token without an audience, so GitHub used https://github.com/octo-org. The IAM provider only lists sts.amazonaws.com, so STS refuses the token before reading the trust policy.',
    ...base,
    audience: null,
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.aud-in-client-ids' },
  },
  {
    name: 'pull-request',
    title: 'A pull request against a branch-only policy',
    description:
      'On pull_request events the sub is repo:octo-org/octo-repo:pull_request, not the branch. A policy that pins refs/heads/main denies it: "Not authorized to perform sts:AssumeRoleWithWebIdentity".',
    ...base,
    run: {
      owner: DEMO_OWNER,
      repo: DEMO_REPO,
      event: 'pull_request',
      ref: 'refs/pull/7/merge',
      headRef: 'feature',
      baseRef: 'main',
    },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  },
  {
    name: 'environment-subject',
    title: 'A job with an environment has another sub',
    description:
      'When the job declares environment: production, GitHub writes repo:octo-org/octo-repo:environment:production as sub, whatever the branch. The main-branch policy no longer matches.',
    ...base,
    run: { ...RUN, environment: 'production' },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  },
  {
    name: 'immutable-subject',
    title: 'An ID-form sub meets a name-form policy',
    description:
      'A repository created on or after July 15, 2026 (or one that opted in) gets subjects with immutable ids, repo:octo-org@68182552/octo-repo@608268327:ref:refs/heads/main (https://docs.github.com/en/actions/reference/security/oidc). The policy still names repo:octo-org/octo-repo:…, the name form, so it no longer matches: write the ID form, or accept both forms of the same repository and ref while migrating.',
    ...base,
    run: { ...RUN, immutableSubject: true },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  },
  {
    name: 'expired-token',
    title: 'The token has expired',
    description:
      'GitHub tokens live five minutes; STS allows five more minutes of clock skew. Called ten minutes after exp, STS answers ExpiredTokenException.',
    ...base,
    perturbations: { expireBySeconds: 600 },
    expect: { ok: false, error: 'ExpiredTokenException', failedCheck: 'verify.exp' },
  },
  {
    name: 'rotated-key-still-published',
    title: 'GitHub rotates its key, the old one still published',
    description:
      'Keys rotate, but an issuer keeps publishing the old key until its tokens have expired. STS picks the key by kid, so the token still verifies.',
    ...base,
    perturbations: { rotateKeys: 'keep-old' },
    expect: { ok: true },
  },
  {
    name: 'rotated-key',
    title: 'A token signed by a retired key',
    description:
      "The token names a kid the issuer's JWKS no longer publishes, so STS cannot find a key to verify it.",
    ...base,
    perturbations: { rotateKeys: 'retire-old' },
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.kid-in-jwks' },
  },
  {
    name: 'tampered-signature',
    title: 'A token changed after signing',
    description:
      'One character of the signature changed on the way; the RS256 signature no longer verifies.',
    ...base,
    perturbations: { tamper: 'signature' },
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.signature' },
  },
  {
    name: 'attacker-no-sub',
    title: 'An attacker’s repository vs a policy without sub',
    description:
      'This legacy role trusts any token with audience sts.amazonaws.com. A workflow in evil-org/evil-repo gets such a token too, and STS lets it in. AWS now refuses to create such a policy (the guardrail), but existing policies are not re-checked, so the role still exists.',
    ...base,
    account: account(githubTrustPolicy({ accountId: ACCOUNT_ID }), { legacyRole: true }),
    perturbations: { tokenFrom: ATTACKER_RUN },
    expect: { ok: true },
  },
  {
    name: 'attacker-pinned-sub',
    title: 'The same attacker vs a policy that pins sub',
    description:
      "Pinning sub to the repository and branch is what keeps other GitHub users out: the attacker's token says repo:evil-org/evil-repo, and the policy denies it.",
    ...base,
    perturbations: { tokenFrom: ATTACKER_RUN },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  },
  {
    name: 'unknown-provider',
    title: 'The 2021 beta issuer: "No OpenIDConnect provider found"',
    description:
      'Tokens from https://vstoken.actions.githubusercontent.com name another issuer than the account’s provider; STS matches the provider URL exactly.',
    ...base,
    issuer: 'https://vstoken.actions.githubusercontent.com',
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.provider-for-iss' },
  },
  {
    name: 'duration-too-long',
    title: 'Asking for two hours from a one-hour role',
    description:
      'DurationSeconds 7200 is within the API’s 900–43200, but above the role’s MaxSessionDuration of 3600.',
    ...base,
    durationSeconds: 7200,
    expect: { ok: false, error: 'ValidationError', failedCheck: 'credentials.duration-within-max' },
  },
  {
    name: 'unknown-role',
    title: 'A role that does not exist',
    description:
      'STS answers an unknown role exactly as a trust policy that says no, so nobody can probe which roles exist.',
    ...base,
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/no-such-role`,
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.role-exists' },
  },
  {
    name: 'bad-session-name',
    title: 'A session name with a character STS refuses',
    description:
      'RoleSessionName allows letters, digits and +=,.@_- only; a name built from a bot actor such as dependabot[bot] is refused before anything else.',
    ...base,
    sessionName: 'dependabot[bot]',
    expect: { ok: false, error: 'ValidationError', failedCheck: 'issue.role-session-name' },
  },
] satisfies Scenario[])

/** The scenario `trustwalk serve` and `startEmulators()` use when given none. */
export const DEFAULT_SCENARIO_NAME = 'happy-path'

/**
 * A built-in scenario by name (a deep copy, safe to change). Throws `InvalidInputError` listing the
 * names when there is no such scenario.
 *
 * @example
 * getScenario('wrong-audience').audience // null
 */
export function getScenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name)
  if (!found) {
    throw new InvalidInputError(
      `No scenario named ${JSON.stringify(name)}; choose one of ${SCENARIOS.map((s) => s.name).join(', ')}.`,
      'name',
    )
  }
  return structuredClone(found)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
