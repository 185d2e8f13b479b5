/**
 * The named scenarios of the other CI systems: for each, the happy path its AWS guide describes
 * and the ways it typically fails (FACTS-ISSUERS.md §1.5, §2.5, §3.5, §4.5, §5.5). Each is a plain
 * `IssuerScenario`, walked by `walk()` with that platform's issuer emulator.
 */
import { resolveBitbucketRun } from '../bitbucket/claims.js'
import { CIRCLECI_ROOT_ISSUER, resolveCircleCIRun } from '../circleci/claims.js'
import { DEMO_ACCOUNT_ID as ACCOUNT_ID, DEMO_ROLE_NAME, STS_AUDIENCE } from '../core/demo.js'
import { InvalidInputError } from '../core/errors.js'
import { getIssuerProfile } from '../issuers/index.js'
import type { IssuerScenario } from './scenario.js'

type Kind = IssuerScenario['issuerKind']

/**
 * A trust policy for another CI issuer: the provider (host and path, as IAM names it) as
 * `Federated` principal and the given conditions.
 *
 * @example
 * issuerTrustPolicy({ accountId: '123456789012', issuer: 'https://gitlab.com', equals: { sub: 'project_path:acme/app:ref_type:branch:ref:main' } })
 */
export function issuerTrustPolicy(options: {
  accountId: string
  issuer: string
  /** `StringEquals`, keys without the provider prefix (`sub`, `project_id`, …). */
  equals?: Record<string, string | string[]>
  /** `StringLike`, keys without the provider prefix. */
  like?: Record<string, string | string[]>
  /** Extra condition blocks, keys as written. */
  extra?: Record<string, Record<string, string | string[]>>
  actions?: string[]
}): object {
  const p = options.issuer.replace(/^https?:\/\//, '')
  const prefix = (block: Record<string, string | string[]> = {}) =>
    Object.fromEntries(Object.entries(block).map(([k, v]) => [`${p}:${k}`, v]))
  const condition: Record<string, Record<string, string | string[]>> = {}
  if (options.equals) condition.StringEquals = prefix(options.equals)
  if (options.like) condition.StringLike = prefix(options.like)
  for (const [op, block] of Object.entries(options.extra ?? {}))
    condition[op] = { ...condition[op], ...block }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${options.accountId}:oidc-provider/${p}` },
        Action: options.actions ?? 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  }
}

/** The statements of a policy built by `issuerTrustPolicy`. */
function statements(policy: object): object[] {
  return (policy as { Statement: object[] }).Statement
}

function scenario(
  kind: Kind,
  run: object,
  policy: Omit<Parameters<typeof issuerTrustPolicy>[0], 'accountId' | 'issuer'>,
  rest: Partial<IssuerScenario> & { name: string; title: string; description: string },
): IssuerScenario {
  const profile = getIssuerProfile(kind)
  const issuer = profile.issuerUrl(run)
  return {
    issuerKind: kind,
    run,
    account: {
      accountId: ACCOUNT_ID,
      oidcProviders: [{ Url: issuer, ClientIDList: [profile.awsAudience(run)] }],
      roles: [
        {
          RoleName: DEMO_ROLE_NAME,
          AssumeRolePolicyDocument: issuerTrustPolicy({ accountId: ACCOUNT_ID, issuer, ...policy }),
        },
      ],
    },
    roleName: DEMO_ROLE_NAME,
    ...rest,
  }
}

// GitLab (FACTS-ISSUERS.md §1.4): the guide's policy pins sub, namespace_id and project_id.
const GL_RUN = { projectPath: 'acme/app', branch: 'main', refProtected: true }
const GL_CLAIMS = getIssuerProfile('gitlab').claims(GL_RUN)
const GL_POLICY = {
  equals: {
    aud: STS_AUDIENCE,
    sub: 'project_path:acme/app:ref_type:branch:ref:main',
    namespace_id: String(GL_CLAIMS.namespace_id),
    project_id: String(GL_CLAIMS.project_id),
  },
}

// CircleCI (§2.4): aud = the organisation, plus the project-id key.
const CC_RUN = { org: 'acme', project: 'app', branch: 'main' }
const CC = resolveCircleCIRun(CC_RUN)
const CC_POLICY = { equals: { aud: CC.orgId, 'oidc.circleci.com/project-id': CC.projectId } }

// HCP Terraform (§3.4): the exact workspace and phase.
const TF_RUN = { organization: 'acme', workspace: 'prod', phase: 'apply' as const }
const TF_POLICY = {
  equals: {
    aud: 'aws.workload.identity',
    sub: 'organization:acme:project:Default Project:workspace:prod:run_phase:apply',
  },
}

// Buildkite (§4.4): the org's subjects, aud sts.amazonaws.com.
const BK_RUN = { organization: 'acme', pipeline: 'app', branch: 'main', stepKey: 'deploy' }
const BK_POLICY = {
  equals: { aud: STS_AUDIENCE },
  like: { sub: 'organization:acme:pipeline:app:ref:refs/heads/main:*' },
}

// Bitbucket (§5.4): the workspace ARI and the repository's production environment.
const BB_RUN = { workspace: 'acme', repository: 'app', branch: 'main', deployment: 'production' }
const BB = resolveBitbucketRun(BB_RUN)
const BB_AUD = getIssuerProfile('bitbucket').awsAudience(BB_RUN)
const BB_POLICY = {
  equals: { aud: BB_AUD },
  like: { sub: `${BB.repositoryUuid}:${BB.deploymentEnvironmentUuid}:*` },
}

/** Every built-in scenario of the other CI systems, by issuer, happy path first. */
export const ISSUER_SCENARIOS: readonly IssuerScenario[] = [
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-happy-path',
    title: 'GitLab: a pipeline on main assumes the deploy role',
    description:
      'The job names aud sts.amazonaws.com under id_tokens:; the role pins the project path, branch, project_id and namespace_id, so STS hands out credentials.',
    expect: { ok: true },
  }),
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-wrong-audience',
    title: 'GitLab: the job asks for its instance URL as audience',
    description:
      'The job asked for aud https://gitlab.com (the audience older GitLab guides used), but the IAM provider lists only sts.amazonaws.com: "Incorrect token audience".',
    audience: 'https://gitlab.com',
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.aud-in-client-ids' },
  }),
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-tag-named-main',
    title: 'GitLab: a tag named main against a branch policy',
    description:
      'A tag called main gets sub …:ref_type:tag:ref:main. The policy pins ref_type:branch, so STS denies it; a policy with ref_type:* would have let it in.',
    run: { ...GL_RUN, tag: 'main', branch: undefined },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  }),
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-recycled-path',
    title: 'GitLab: someone re-creates acme/app',
    description:
      'The project was deleted and another account re-created the path: same sub, new project_id and namespace_id. The pinned ids deny it.',
    perturbations: { tokenFrom: { ...GL_RUN, projectId: 99999991, namespaceId: 99991 } },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  }),
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-fork-mr',
    title: "GitLab: a fork's merge-request pipeline named main",
    description:
      "A developer's fork has a branch called main and runs it as a merge-request pipeline in acme/app. Since GitLab 18.2.2 the token names the fork (project_path:mallory/app…), so the policy denies it.",
    run: {
      ...GL_RUN,
      refProtected: false,
      forkProjectPath: 'mallory/app',
      pipelineSource: 'merge_request_event',
    },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  }),
  scenario('gitlab', GL_RUN, GL_POLICY, {
    name: 'gitlab-fork-mr-before-18-2-2',
    title: 'GitLab before 18.2.2: the same fork pipeline gets credentials',
    description:
      'On GitLab before 18.2.2 (gitlab.com until the fix; self-managed instances not yet upgraded) the fork\'s MR pipeline got acme/app\'s own sub and ids — HackerOne #3137660. Every condition matches; only gitlab.com:ref_protected = "true" would have stopped it.',
    run: {
      ...GL_RUN,
      refProtected: false,
      forkProjectPath: 'mallory/app',
      pipelineSource: 'merge_request_event',
      gitlabVersion: '18.2.1',
    },
    expect: { ok: true },
  }),
  {
    ...scenario('gitlab', GL_RUN, GL_POLICY, {
      name: 'gitlab-policy-mixing-issuers',
      title: 'GitLab and GitHub in one trust policy',
      description:
        "The role trusts both GitHub Actions and gitlab.com, one statement each. STS evaluates every statement against the GitLab token's request context; only the GitLab statement's principal is the token's provider, and it allows.",
      expect: { ok: true },
    }),
    account: {
      accountId: ACCOUNT_ID,
      oidcProviders: [
        { Url: 'https://token.actions.githubusercontent.com', ClientIDList: [STS_AUDIENCE] },
        { Url: 'https://gitlab.com', ClientIDList: [STS_AUDIENCE] },
      ],
      roles: [
        {
          RoleName: DEMO_ROLE_NAME,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              ...statements(
                issuerTrustPolicy({
                  accountId: ACCOUNT_ID,
                  issuer: 'https://token.actions.githubusercontent.com',
                  equals: { aud: STS_AUDIENCE, sub: 'repo:acme/app:ref:refs/heads/main' },
                }),
              ),
              ...statements(
                issuerTrustPolicy({
                  accountId: ACCOUNT_ID,
                  issuer: 'https://gitlab.com',
                  ...GL_POLICY,
                }),
              ),
            ],
          },
        },
      ],
    },
  },
  scenario(
    'gitlab',
    GL_RUN,
    {
      ...GL_POLICY,
      extra: { StringEquals: { 'token.actions.githubusercontent.com:repository': 'acme/app' } },
    },
    {
      name: 'gitlab-policy-with-github-keys',
      title: 'A GitLab statement with a key copied from a GitHub policy',
      description:
        'The statement trusts gitlab.com but also tests token.actions.githubusercontent.com:repository. A GitLab token never fills a key of another provider, so StringEquals finds no value and denies.',
      expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
    },
  ),
  scenario('circleci', CC_RUN, CC_POLICY, {
    name: 'circleci-happy-path',
    title: "CircleCI: the project's job assumes the deploy role",
    description:
      "The per-organisation issuer, aud = the organisation UUID, and the project-id key AWS maps: CircleCI's recommended policy.",
    expect: { ok: true },
  }),
  scenario('circleci', CC_RUN, CC_POLICY, {
    name: 'circleci-other-project',
    title: 'CircleCI: another project of the same organisation',
    description:
      "Same issuer, same aud: only the project-id condition tells the projects apart, and it denies the other project's token.",
    perturbations: { tokenFrom: { ...CC_RUN, project: 'website' } },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  }),
  scenario('circleci', CC_RUN, CC_POLICY, {
    name: 'circleci-other-organisation',
    title: 'CircleCI: a token from another organisation',
    description:
      "Another organisation's token carries its own issuer URL (…/org/<its UUID>). The account has no provider for it, so STS refuses the token outright.",
    perturbations: { tokenFrom: { org: 'evil', project: 'app' } },
    expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.provider-for-iss' },
  }),
  {
    ...scenario('circleci', CC_RUN, CC_POLICY, {
      name: 'circleci-root-issuer-any-org',
      title: 'CircleCI: an aud-only role on the root issuer takes any organisation',
      description:
        "The role trusts https://oidc.circleci.com (the root issuer of circleci run oidc get --root-issuer) and checks only aud. Another organisation's job asks for a token with aud set to this organisation's UUID — CircleCI lets any job choose aud — and gets credentials. No write-time check stops this policy (FACTS-ISSUERS.md §2.5 #6, unconfirmed).",
      issuer: CIRCLECI_ROOT_ISSUER,
      perturbations: { tokenFrom: { org: 'evil', project: 'app' } },
      expect: { ok: true },
    }),
    account: {
      accountId: ACCOUNT_ID,
      oidcProviders: [{ Url: CIRCLECI_ROOT_ISSUER, ClientIDList: [CC.orgId] }],
      roles: [
        {
          RoleName: DEMO_ROLE_NAME,
          AssumeRolePolicyDocument: issuerTrustPolicy({
            accountId: ACCOUNT_ID,
            issuer: CIRCLECI_ROOT_ISSUER,
            equals: { aud: CC.orgId },
          }),
        },
      ],
    },
  },
  scenario('terraform', TF_RUN, TF_POLICY, {
    name: 'terraform-happy-path',
    title: 'HCP Terraform: an apply run assumes the deploy role',
    description:
      'The role pins aud aws.workload.identity and the exact organisation, project, workspace and run phase.',
    expect: { ok: true },
  }),
  scenario('terraform', TF_RUN, TF_POLICY, {
    name: 'terraform-plan-phase',
    title: 'HCP Terraform: a plan (or speculative plan) against the apply role',
    description:
      'Plan tokens end in run_phase:plan; the apply role denies them. Give plans their own read-only role instead of run_phase:*.',
    run: { ...TF_RUN, phase: 'plan' },
    expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
  }),
  scenario('buildkite', BK_RUN, BK_POLICY, {
    name: 'buildkite-happy-path',
    title: 'Buildkite: a main build assumes the deploy role',
    description:
      'The step runs buildkite-agent oidc request-token --audience sts.amazonaws.com; the role trusts the pipeline on main.',
    expect: { ok: true },
  }),
  scenario(
    'buildkite',
    BK_RUN,
    {
      ...BK_POLICY,
      equals: { ...BK_POLICY.equals, organization_id: '0184990a-0000-4000-8000-000000000001' },
    },
    {
      name: 'buildkite-claim-not-requested',
      title: 'Buildkite: a policy on organization_id without --claim',
      description:
        'agent.buildkite.com:organization_id is filled only when the job asks for the claim with --claim organization_id; without it the key is missing and StringEquals denies.',
      expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
    },
  ),
  scenario('bitbucket', BB_RUN, BB_POLICY, {
    name: 'bitbucket-happy-path',
    title: 'Bitbucket: a production deployment step assumes the deploy role',
    description:
      'aud is the workspace ARI; sub is {repository}:{environment}:{step}, and the step UUID changes every run, so the policy ends in a wildcard after the environment.',
    expect: { ok: true },
  }),
  scenario(
    'bitbucket',
    BB_RUN,
    {
      equals: {
        aud: BB_AUD,
        sub: `${BB.repositoryUuid}:${BB.deploymentEnvironmentUuid}:${BB.stepUuid}`,
      },
    },
    {
      name: 'bitbucket-pinned-step',
      title: 'Bitbucket: a policy pinning the full sub works once',
      description:
        'The policy was written from a token of an earlier run. The next run has a new step UUID, so the exact sub no longer matches.',
      run: { ...BB_RUN, stepName: 'deploy-again' },
      expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
    },
  ),
  // Bad input (issue 13): a token from an issuer the account has no provider for, a policy naming
  // another tenant's keys, claims of one issuer under another's provider.
  {
    ...scenario('gitlab', GL_RUN, GL_POLICY, {
      name: 'gitlab-no-provider',
      title: 'GitLab: the account only trusts GitHub',
      description:
        "The account has an IAM OIDC provider for GitHub Actions only. STS looks up the provider by the token's iss, https://gitlab.com, finds none and refuses the token before reading any policy.",
      expect: { ok: false, error: 'InvalidIdentityToken', failedCheck: 'verify.provider-for-iss' },
    }),
    account: {
      accountId: ACCOUNT_ID,
      oidcProviders: [
        { Url: 'https://token.actions.githubusercontent.com', ClientIDList: [STS_AUDIENCE] },
      ],
      roles: [
        {
          RoleName: DEMO_ROLE_NAME,
          AssumeRolePolicyDocument: issuerTrustPolicy({
            accountId: ACCOUNT_ID,
            issuer: 'https://token.actions.githubusercontent.com',
            equals: { aud: STS_AUDIENCE, sub: 'repo:acme/app:ref:refs/heads/main' },
          }),
        },
      ],
    },
  },
  scenario(
    'circleci',
    CC_RUN,
    {
      equals: { aud: CC.orgId },
      extra: {
        StringEquals: {
          [`oidc.circleci.com/org/${resolveCircleCIRun({ org: 'other' }).orgId}:oidc.circleci.com/project-id`]:
            CC.projectId,
        },
      },
    },
    {
      name: 'circleci-keys-of-another-org',
      title: "CircleCI: the policy's keys name another organisation",
      description:
        "The condition keys carry the issuer path, so a policy copied from another organisation tests …/org/<other>:oidc.circleci.com/project-id — a key this token's provider never fills. StringEquals on a missing key denies.",
      expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
    },
  ),
  {
    ...scenario('gitlab', GL_RUN, GL_POLICY, {
      name: 'gitlab-claims-under-github-provider',
      title: "GitLab-shaped claims under GitHub's issuer",
      description:
        "A token with GitLab's claims but GitHub's iss reaches a role trusting GitHub. The GitHub keys AWS fills come from whatever claims share their names (ref is main, not refs/heads/main) and the sub is GitLab's, so a GitHub policy denies it.",
      issuer: 'https://token.actions.githubusercontent.com',
      expect: { ok: false, error: 'AccessDenied', failedCheck: 'conditions.trust-policy' },
    }),
    account: {
      accountId: ACCOUNT_ID,
      oidcProviders: [
        { Url: 'https://token.actions.githubusercontent.com', ClientIDList: [STS_AUDIENCE] },
      ],
      roles: [
        {
          RoleName: DEMO_ROLE_NAME,
          AssumeRolePolicyDocument: issuerTrustPolicy({
            accountId: ACCOUNT_ID,
            issuer: 'https://token.actions.githubusercontent.com',
            equals: { aud: STS_AUDIENCE, sub: 'repo:acme/app:ref:refs/heads/main' },
          }),
        },
      ],
    },
  },
]

/**
 * A built-in scenario of another CI system by name (a deep copy). Throws `InvalidInputError`
 * listing the names otherwise.
 *
 * @example
 * getIssuerScenario('gitlab-happy-path').issuerKind // 'gitlab'
 */
export function getIssuerScenario(name: string): IssuerScenario {
  const found = ISSUER_SCENARIOS.find((s) => s.name === name)
  if (!found) {
    throw new InvalidInputError(
      `No scenario named ${JSON.stringify(name)}; choose one of ${ISSUER_SCENARIOS.map((s) => s.name).join(', ')}.`,
      'name',
    )
  }
  return structuredClone(found)
}
