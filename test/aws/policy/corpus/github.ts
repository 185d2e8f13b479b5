/**
 * Corpus, part 4: GitHub's documented trust policies, the GitHub-specific keys, and every
 * misconfiguration pattern of FACTS.md §6 — showing what the misconfigured policy really admits.
 */
import { GITHUB_AWS_DOC, ISS, K, attacker, cond, github, trust } from './helpers.js'
import type { CorpusCase } from './helpers.js'

const SUB = `${K}:sub`
const AUD = `${K}:aud`
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const DOC = { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } }
const DATADOG =
  'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/'
const pr = {
  sub: 'repo:octo-org/octo-repo:pull_request',
  ref: 'refs/pull/1/merge',
  event_name: 'pull_request',
}
const branch = (b: string) => ({
  sub: `repo:octo-org/octo-repo:ref:refs/heads/${b}`,
  ref: `refs/heads/${b}`,
})
const sibling = {
  sub: 'repo:octo-org/other:ref:refs/heads/main',
  repository: 'octo-org/other',
  repository_id: '99',
}
const like = (pattern: string | string[]) => trust(cond('StringLike', SUB, pattern))

export const GITHUB_DOC_CASES: CorpusCase[] = [
  {
    name: "GitHub's example policy: a push to main",
    policy: trust(DOC),
    context: github(),
    expected: 'Allow',
    source: GITHUB_AWS_DOC,
  },
  {
    name: "GitHub's example policy: a pull request",
    policy: trust(DOC),
    context: github(pr),
    expected: 'ImplicitDeny',
    source: GITHUB_AWS_DOC,
  },
  {
    name: "GitHub's example policy: another repository",
    policy: trust(DOC),
    context: attacker(),
    expected: 'ImplicitDeny',
    source: GITHUB_AWS_DOC,
  },
  {
    name: "GitHub's example policy: another audience",
    policy: trust(DOC),
    context: github({ aud: 'https://github.com/octo-org' }),
    expected: 'ImplicitDeny',
    source: GITHUB_AWS_DOC,
  },
  {
    name: "GitHub's example policy: a job with an environment has an environment sub",
    policy: trust(DOC),
    context: github({ sub: 'repo:octo-org/octo-repo:environment:prod', environment: 'prod' }),
    expected: 'ImplicitDeny',
    source: 'https://github.com/github/docs/issues/28292',
  },
  {
    name: "GitHub's StringLike repo:octo-org/octo-repo:* example",
    policy: trust({
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: 'repo:octo-org/octo-repo:*' },
    }),
    context: github(pr),
    expected: 'Allow',
    source: GITHUB_AWS_DOC,
  },
  {
    name: 'GitHub key: repository_id',
    policy: trust(cond('StringEquals', `${K}:repository_id`, '74')),
    context: github(),
    expected: 'Allow',
    source:
      'https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/',
  },
  {
    name: 'GitHub key: ref',
    policy: trust(cond('StringEquals', `${K}:ref`, 'refs/heads/main')),
    context: github(pr),
    expected: 'ImplicitDeny',
  },
  {
    name: 'GitHub key: environment',
    policy: trust(cond('StringEquals', `${K}:environment`, 'production')),
    context: github({ environment: 'production' }),
    expected: 'Allow',
  },
  {
    name: 'GitHub key: environment, job without one',
    policy: trust(cond('StringEquals', `${K}:environment`, 'production')),
    context: github(),
    expected: 'ImplicitDeny',
  },
  {
    name: 'GitHub key: actor_id and repository_owner_id together',
    policy: trust(cond('StringEquals', `${K}:repository_owner_id`, '65')),
    context: github(),
    expected: 'Allow',
  },
  {
    name: 'GitHub key on a GitHub Enterprise Server issuer is never filled',
    policy: trust(
      cond('StringEquals', 'github.example.com/_services/token:repository', 'octo-org/octo-repo'),
      {
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/github.example.com/_services/token',
        },
      },
    ),
    context: github({}, { issuer: 'https://github.example.com/_services/token' }),
    expected: 'ImplicitDeny',
  },
  {
    name: 'repository_owner is never filled: StringEquals denies',
    policy: trust(cond('StringEquals', `${K}:repository_owner`, 'octo-org')),
    context: github(),
    expected: 'ImplicitDeny',
  },
  {
    name: 'event_name is never filled: StringNotEquals passes anything',
    policy: trust(cond('StringNotEquals', `${K}:event_name`, 'pull_request')),
    context: github(pr),
    expected: 'Allow',
  },
  {
    name: 'the immutable sub form, pinned by owner id',
    policy: like('repo:octo-org@65/*'),
    context: github({ sub: 'repo:octo-org@65/octo-repo@74:ref:refs/heads/main' }),
    expected: 'Allow',
  },
  {
    name: 'the immutable sub form is not matched by the classic pattern',
    policy: like('repo:octo-org/octo-repo:*'),
    context: github({ sub: 'repo:octo-org@65/octo-repo@74:ref:refs/heads/main' }),
    expected: 'ImplicitDeny',
  },
]

const p = (pattern: number, name: string, c: Omit<CorpusCase, 'name' | 'pattern'>): CorpusCase => ({
  name: `§6 #${pattern} ${name}`,
  pattern,
  ...c,
})

export const MISCONFIGURATION_CASES: CorpusCase[] = [
  p(1, 'aud only: any repository on github.com gets in', {
    policy: trust(cond('StringEquals', AUD, 'sts.amazonaws.com')),
    context: attacker(),
    expected: 'Allow',
    source: DATADOG,
  }),
  p(1, 'aud only, fixed with an exact sub', {
    policy: trust(DOC),
    context: attacker(),
    expected: 'ImplicitDeny',
    source: DATADOG,
  }),
  p(2, 'repo:* admits everyone', {
    policy: like('repo:*'),
    context: attacker(),
    expected: 'Allow',
  }),
  p(2, 'repo:*/* admits everyone', {
    policy: like('repo:*/*'),
    context: attacker(),
    expected: 'Allow',
  }),
  p(3, 'org-wide: a sibling repository gets in', {
    policy: like('repo:octo-org/*'),
    context: github(sibling),
    expected: 'Allow',
  }),
  p(3, 'org-wide: another org does not', {
    policy: like('repo:octo-org/*'),
    context: attacker(),
    expected: 'ImplicitDeny',
  }),
  p(4, 'org prefix without /: octo-org-evil gets in', {
    policy: like('repo:octo-org*'),
    context: attacker({ sub: 'repo:octo-org-evil/x:ref:refs/heads/main' }),
    expected: 'Allow',
  }),
  p(4, 'org prefix fixed with /', {
    policy: like('repo:octo-org/*'),
    context: attacker({ sub: 'repo:octo-org-evil/x:ref:refs/heads/main' }),
    expected: 'ImplicitDeny',
  }),
  p(4, 'fixed with repository_owner_id', {
    policy: trust({
      StringLike: { [SUB]: 'repo:octo-org*' },
      StringEquals: { [`${K}:repository_owner_id`]: '65' },
    }),
    context: attacker({ sub: 'repo:octo-org-evil/x:ref:refs/heads/main' }),
    expected: 'ImplicitDeny',
  }),
  p(5, 'repo-wide: any branch', {
    policy: like('repo:octo-org/octo-repo:*'),
    context: github(branch('feature/x')),
    expected: 'Allow',
  }),
  p(5, 'repo-wide: any environment', {
    policy: like('repo:octo-org/octo-repo:*'),
    context: github({ sub: 'repo:octo-org/octo-repo:environment:dev' }),
    expected: 'Allow',
  }),
  p(6, 'pull requests: any pull request', {
    policy: trust(cond('StringEquals', SUB, 'repo:octo-org/octo-repo:pull_request')),
    context: github(pr),
    expected: 'Allow',
  }),
  p(7, 'branch prefix: main-hotfix', {
    policy: like('repo:octo-org/octo-repo:ref:refs/heads/main*'),
    context: github(branch('main-hotfix')),
    expected: 'Allow',
  }),
  p(7, 'refs/heads/* spans feature/x', {
    policy: like('repo:octo-org/octo-repo:ref:refs/heads/*'),
    context: github(branch('feature/x')),
    expected: 'Allow',
  }),
  p(7, 'fixed with the exact ref', {
    policy: trust(cond('StringEquals', SUB, MAIN)),
    context: github(branch('main-hotfix')),
    expected: 'ImplicitDeny',
  }),
  p(8, 'OR-list poisoning: the loosest value wins', {
    policy: like([MAIN, 'repo:octo-org/*']),
    context: github(sibling),
    expected: 'Allow',
  }),
  p(9, 'scoping by aud: the caller picks the audience', {
    policy: trust(cond('StringEquals', AUD, 'https://github.com/octo-org')),
    context: attacker({ aud: 'https://github.com/octo-org' }),
    expected: 'Allow',
    source: 'https://github.com/aws-actions/configure-aws-credentials/issues/306',
  }),
  p(10, 'a misspelled key under StringNotLike fails open', {
    policy: trust(cond('StringNotLike', `${K}:subject`, 'repo:evil/*')),
    context: attacker(),
    expected: 'Allow',
    source: 'https://github.com/aripalo/aws-cdk-github-oidc/issues/42',
  }),
  p(10, 'a misspelled key under StringLike just denies', {
    policy: trust(cond('StringLike', `${K}:subject`, 'repo:octo-org/*')),
    context: github(),
    expected: 'ImplicitDeny',
  }),
  p(10, 'StringLikeIfExists on environment: a job without one passes', {
    policy: trust({
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLikeIfExists: { [`${K}:environment`]: 'prod' },
    }),
    context: attacker(),
    expected: 'Allow',
  }),
  p(10, 'the github.com key on a slug issuer just denies', {
    policy: trust(cond('StringEquals', SUB, MAIN), {
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${K}/octo-ent` },
    }),
    context: github({}, { issuer: `${ISS}/octo-ent` }),
    expected: 'ImplicitDeny',
  }),
  p(10, 'the github.com key on a slug issuer under StringNotEquals fails open', {
    policy: trust(cond('StringNotEquals', SUB, 'repo:evil/x:ref:refs/heads/main'), {
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${K}/octo-ent` },
    }),
    context: github({ sub: 'repo:evil/x:ref:refs/heads/main' }, { issuer: `${ISS}/octo-ent` }),
    expected: 'Allow',
  }),
  p(11, 'ForAllValues on a misspelled single-valued key passes anyone', {
    policy: trust(cond('ForAllValues:StringEquals', `${K}:sub_claim`, MAIN)),
    context: attacker(),
    expected: 'Allow',
    source: 'https://github.com/github/docs/pull/17463',
  }),
  p(11, 'ForAllValues on sub still compares a present sub', {
    policy: trust(cond('ForAllValues:StringEquals', SUB, MAIN)),
    context: attacker(),
    expected: 'ImplicitDeny',
  }),
  p(12, 'a duplicated StringEquals drops the sub condition', {
    policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/${K}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB}":"${MAIN}"},"StringEquals":{"${AUD}":"sts.amazonaws.com"}}}]}`,
    context: attacker(),
    expected: 'Allow',
    source: 'https://github.com/alphagov/govuk-infrastructure/pull/879',
  }),
  p(13, 'unprotected environment: any branch that declares it', {
    policy: trust(cond('StringEquals', SUB, 'repo:octo-org/octo-repo:environment:prod')),
    context: github({
      sub: 'repo:octo-org/octo-repo:environment:prod',
      environment: 'prod',
      ref: 'refs/heads/feature/x',
    }),
    expected: 'Allow',
  }),
  p(13, 'fixed by also pinning the ref', {
    policy: trust({
      StringEquals: {
        [SUB]: 'repo:octo-org/octo-repo:environment:prod',
        [`${K}:ref`]: 'refs/heads/main',
      },
    }),
    context: github({
      sub: 'repo:octo-org/octo-repo:environment:prod',
      environment: 'prod',
      ref: 'refs/heads/feature/x',
    }),
    expected: 'ImplicitDeny',
  }),
  p(14, 'name recycling: a re-created repository mints the same sub', {
    policy: trust(cond('StringEquals', SUB, MAIN)),
    context: github({ repository_id: '9999', repository_owner_id: '8888', actor: 'mallory' }),
    expected: 'Allow',
  }),
  p(14, 'fixed with repository_id', {
    policy: trust({ StringEquals: { [SUB]: MAIN, [`${K}:repository_id`]: '74' } }),
    context: github({ repository_id: '9999' }),
    expected: 'ImplicitDeny',
  }),
  p(15, 'an attacker-set claim first in a custom sub', {
    policy: like('workflow:deploy*'),
    context: attacker({ sub: 'workflow:deploy-evil:repo:evil/x' }),
    expected: 'Allow',
    source: 'https://github.com/PaloAltoNetworks/github-oidc-utils',
  }),
  p(16, 'a tag-pinned reusable workflow: whatever the tag points to', {
    policy: trust(
      cond(
        'StringEquals',
        `${K}:job_workflow_ref`,
        'octo-org/ci/.github/workflows/d.yml@refs/tags/v1',
      ),
    ),
    context: attacker({ job_workflow_ref: 'octo-org/ci/.github/workflows/d.yml@refs/tags/v1' }),
    expected: 'Allow',
  }),
  p(16, 'a sha-pinned reusable workflow', {
    policy: trust(
      cond(
        'StringEquals',
        `${K}:job_workflow_ref`,
        'octo-org/ci/.github/workflows/d.yml@0123456789abcdef0123456789abcdef01234567',
      ),
    ),
    context: attacker({ job_workflow_ref: 'octo-org/ci/.github/workflows/d.yml@refs/tags/v1' }),
    expected: 'ImplicitDeny',
  }),
]
