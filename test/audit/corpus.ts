/**
 * The auditor's proof corpus: misconfigured GitHub trust policies (FACTS.md §6, numbered as there),
 * their fixes, and tricky safe policies that naive scanners flag — each with the finding ids
 * trustwalk must report. `kind: 'safe'` policies must have no high or critical finding.
 */
import type { AuditOptions, FindingId } from '../../lib/audit/types.js'
import { resolveBitbucketRun } from '../../lib/bitbucket/claims.js'
import { resolveCircleCIRun } from '../../lib/circleci/claims.js'
import { issuerTrustPolicy } from '../../lib/handshake/issuer-scenarios.js'
import { getIssuerProfile } from '../../lib/issuers/index.js'

export interface CorpusEntry {
  name: string
  kind: 'pattern' | 'fix' | 'safe'
  /** FACTS.md §6 pattern number, or the list item, this entry covers. */
  covers?: string
  /** Set for another CI system's policy (FACTS-ISSUERS.md): safe ones have no medium finding either. */
  issuerKind?: 'gitlab' | 'circleci' | 'terraform' | 'buildkite' | 'bitbucket'
  /** The policy: an object, or JSON text (for duplicate keys). */
  policy: object | string
  options?: AuditOptions
  /** Exactly the finding ids expected (order-insensitive, each id once). */
  expect: FindingId[]
}

export const K = 'token.actions.githubusercontent.com'
export const ACCOUNT = '123456789012'
export const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${K}`

/** One Allow statement trusting `provider` with the given Condition (none when undefined). */
export function gh(condition?: object, provider = PROVIDER, extra: object = {}): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
        ...extra,
      },
    ],
  }
}

const aud = { [`${K}:aud`]: 'sts.amazonaws.com' }
const sub = (v: string | string[], op = 'StringLike'): object => ({ [op]: { [`${K}:sub`]: v } })
const subAud = (v: string | string[], op = 'StringLike'): object =>
  op === 'StringEquals'
    ? { StringEquals: { ...aud, [`${K}:sub`]: v } }
    : { StringEquals: aud, [op]: { [`${K}:sub`]: v } }
const MAIN = 'repo:acme/app:ref:refs/heads/main'
const pins = { [`${K}:repository_id`]: '456789', [`${K}:repository_owner_id`]: '123456' }

export const CORPUS: CorpusEntry[] = [
  // §6 #1 — aud only: any repository on GitHub.
  {
    name: 'aud-only',
    kind: 'pattern',
    covers: '§6 #1',
    policy: gh({ StringEquals: aud }),
    expect: ['audience-only', 'aws-guardrail-rejects'],
  },
  {
    name: 'no-condition',
    kind: 'pattern',
    covers: 'no sub/job_workflow_ref scoping',
    policy: gh(),
    expect: ['missing-subject', 'aws-guardrail-rejects'],
  },
  {
    name: 'only-actor',
    kind: 'pattern',
    covers: 'no sub scoping (attacker-set claim only)',
    policy: gh({ StringEquals: { ...aud, [`${K}:workflow`]: 'deploy' } }),
    expect: ['missing-subject', 'aws-guardrail-rejects'],
  },
  {
    name: 'only-repository-owner',
    kind: 'pattern',
    covers: 'keys AWS never fills (positive: dead statement)',
    policy: gh({ StringEquals: { ...aud, [`${K}:repository_owner`]: 'acme' } }),
    expect: ['never-populated-key', 'no-run-allowed', 'aws-guardrail-rejects'],
  },
  // §6 #2 — everything, respelled.
  {
    name: 'sub-star',
    kind: 'pattern',
    covers: '`*`',
    policy: gh(subAud('*')),
    expect: ['subject-wildcard', 'aws-guardrail-rejects'],
  },
  {
    name: 'sub-repo-star',
    kind: 'pattern',
    covers: '§6 #2 repo:*',
    policy: gh(subAud('repo:*')),
    expect: ['subject-wildcard', 'aws-guardrail-misses'],
  },
  {
    name: 'sub-repo-star-slash-star',
    kind: 'pattern',
    covers: '§6 #2 repo:*/*',
    policy: gh(subAud('repo:*/*')),
    expect: ['subject-wildcard', 'aws-guardrail-misses'],
  },
  {
    name: 'sub-any-owner-same-name',
    kind: 'pattern',
    covers: 'owner wildcard',
    policy: gh(subAud('repo:*/app:ref:refs/heads/main')),
    expect: ['subject-wildcard', 'aws-guardrail-misses'],
  },
  // §6 #3 — org-wide.
  {
    name: 'org-wide',
    kind: 'pattern',
    covers: '§6 #3',
    policy: gh(subAud('repo:acme/*')),
    expect: [
      'organization-wide',
      'name-based-subject',
      'pull-request-target',
      'aws-guardrail-misses',
    ],
  },
  {
    name: 'org-wide-repository-key',
    kind: 'pattern',
    covers: '§6 #3 via the repository key',
    policy: gh({ StringEquals: aud, StringLike: { [`${K}:repository`]: 'acme/*' } }),
    expect: ['organization-wide', 'name-based-subject', 'repository-wide', 'aws-guardrail-rejects'],
  },
  {
    name: 'org-wide-fix',
    kind: 'fix',
    covers: '§6 #3 fixed',
    policy: gh(subAud(MAIN, 'StringEquals')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  // §6 #4 — owner prefix.
  {
    name: 'owner-prefix',
    kind: 'pattern',
    covers: '§6 #4',
    policy: gh(subAud('repo:acme*')),
    expect: ['owner-prefix-wildcard', 'aws-guardrail-misses'],
  },
  {
    name: 'owner-prefix-fix',
    kind: 'fix',
    covers: '§6 #4 fixed (slash after the org, ids pinned)',
    policy: gh({
      StringEquals: { ...aud, ...pins },
      StringLike: { [`${K}:sub`]: 'repo:acme/app:ref:refs/heads/main' },
    }),
    expect: ['pull-request-target'],
  },
  // §6 #5 — repository-wide.
  {
    name: 'repo-wide',
    kind: 'pattern',
    covers: '§6 #5',
    policy: gh(subAud('repo:acme/app:*')),
    expect: ['repository-wide', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'repo-wide-only-repository-key',
    kind: 'pattern',
    covers: '§6 #5 (repository pinned, no ref)',
    policy: gh({ StringEquals: { ...aud, [`${K}:repository`]: 'acme/app' } }),
    expect: ['repository-wide', 'name-based-subject', 'aws-guardrail-rejects'],
  },
  // §6 #6 — pull requests.
  {
    name: 'pull-request',
    kind: 'pattern',
    covers: '§6 #6',
    policy: gh(subAud('repo:acme/app:pull_request', 'StringEquals')),
    expect: ['pull-request-subject', 'name-based-subject'],
  },
  {
    name: 'pull-request-intended',
    kind: 'safe',
    covers: '§6 #6 when a PR role is meant',
    policy: gh(subAud('repo:acme/app:pull_request', 'StringEquals')),
    options: { intended: { repository: 'acme/app', pullRequests: true } },
    expect: ['pull-request-subject', 'name-based-subject'],
  },
  {
    name: 'pull-request-target',
    kind: 'pattern',
    covers: 'pull_request_target exposure',
    policy: gh(subAud(MAIN, 'StringEquals')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'pull-request-target-fix',
    kind: 'fix',
    covers: 'pull_request_target exposure fixed by pinning the workflow',
    policy: gh({
      StringEquals: {
        ...aud,
        ...pins,
        [`${K}:sub`]: MAIN,
        [`${K}:job_workflow_ref`]: 'acme/app/.github/workflows/deploy.yml@refs/heads/main',
      },
    }),
    expect: [],
  },
  // §6 #7 — branch prefix.
  {
    name: 'branch-prefix',
    kind: 'pattern',
    covers: '§6 #7',
    policy: gh(subAud('repo:acme/app:ref:refs/heads/main*')),
    expect: ['branch-wildcard', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'any-branch',
    kind: 'pattern',
    covers: '§6 #7 refs/heads/*',
    policy: gh(subAud('repo:acme/app:ref:refs/heads/*')),
    expect: ['branch-wildcard', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'ref-key-wildcard',
    kind: 'pattern',
    covers: '§6 #7 via the ref key',
    policy: gh({
      StringEquals: { ...aud, [`${K}:repository`]: 'acme/app' },
      StringLike: { [`${K}:ref`]: 'refs/heads/*' },
    }),
    expect: [
      'branch-wildcard',
      'name-based-subject',
      'pull-request-target',
      'aws-guardrail-rejects',
    ],
  },
  // §6 #8 — one loose value in a list.
  {
    name: 'list-org',
    kind: 'pattern',
    covers: '§6 #8',
    policy: gh(subAud([MAIN, 'repo:acme/*'])),
    expect: [
      'loose-value-in-list',
      'name-based-subject',
      'pull-request-target',
      'aws-guardrail-misses',
    ],
  },
  {
    name: 'list-star-last',
    kind: 'pattern',
    covers: '§6 #8 ["repo:acme/x","*"] (guardrail reads the first)',
    policy: gh(subAud([MAIN, '*'])),
    expect: ['loose-value-in-list', 'aws-guardrail-misses'],
  },
  {
    name: 'list-star-first',
    kind: 'pattern',
    covers: '§6 #8 ["*","repo:acme/x"]',
    policy: gh(subAud(['*', MAIN])),
    expect: ['loose-value-in-list', 'aws-guardrail-rejects'],
  },
  {
    name: 'list-fix',
    kind: 'fix',
    covers: '§6 #8 fixed',
    policy: gh(subAud([MAIN, 'repo:acme/app:ref:refs/tags/v1'], 'StringEquals')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  // §6 #9 — audience as scope; Like on aud.
  {
    name: 'aud-as-scope',
    kind: 'pattern',
    covers: '§6 #9',
    policy: gh({ StringEquals: { [`${K}:aud`]: 'https://github.com/acme' } }),
    expect: ['audience-only', 'aws-guardrail-rejects'],
  },
  {
    name: 'aud-like',
    kind: 'pattern',
    covers: 'Like operators on aud',
    policy: gh({ StringLike: { [`${K}:aud`]: 'sts.*' }, StringEquals: { [`${K}:sub`]: MAIN } }),
    expect: ['like-operator-on-audience', 'name-based-subject', 'pull-request-target'],
  },
  // §6 #10 — missing key + fail-open operator.
  {
    name: 'negated-misspelled',
    kind: 'pattern',
    covers: '§6 #10 StringNotLike on a misspelled key',
    policy: gh({ StringEquals: aud, StringNotLike: { [`${K}:subject`]: 'repo:evil/*' } }),
    expect: ['negated-operator', 'unknown-condition-key', 'aws-guardrail-rejects'],
  },
  {
    name: 'negated-deny-list',
    kind: 'pattern',
    covers: 'negated operators: a deny-list',
    policy: gh({ StringEquals: aud, StringNotLike: { [`${K}:sub`]: 'repo:evil-org/*' } }),
    expect: ['negated-operator', 'aws-guardrail-rejects'],
  },
  {
    name: 'negated-never-filled',
    kind: 'pattern',
    covers: 'keys AWS never fills + negated operator',
    policy: gh({
      StringEquals: aud,
      StringLike: { [`${K}:sub`]: 'repo:acme/app:*' },
      StringNotEquals: { [`${K}:event_name`]: 'pull_request' },
    }),
    expect: [
      'negated-operator',
      'never-populated-key',
      'repository-wide',
      'name-based-subject',
      'pull-request-target',
    ],
  },
  {
    name: 'if-exists-environment',
    kind: 'pattern',
    covers: '§6 #10 IfExists',
    policy: gh({
      StringEquals: aud,
      StringLike: { [`${K}:sub`]: 'repo:acme/app:*' },
      StringEqualsIfExists: { [`${K}:environment`]: 'prod' },
    }),
    expect: ['if-exists-fail-open', 'repository-wide', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'if-exists-never-filled',
    kind: 'pattern',
    covers: 'IfExists on a key AWS never fills',
    policy: gh({ StringEquals: aud, StringEqualsIfExists: { [`${K}:repository_owner`]: 'acme' } }),
    expect: ['if-exists-fail-open', 'never-populated-key', 'aws-guardrail-rejects'],
  },
  {
    name: 'slug-issuer-wrong-prefix-negated',
    kind: 'pattern',
    covers: '§6 #10 key for another issuer (enterprise slug)',
    policy: gh(
      {
        StringEquals: { [`${K}/acme:aud`]: 'sts.amazonaws.com' },
        StringNotLike: { [`${K}:sub`]: 'repo:evil/*' },
      },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${K}/acme`,
    ),
    // IAM checks the slug issuer with its own keys (FACTS-ISSUERS.md §0.2): K:sub does not scope it.
    expect: ['aws-guardrail-rejects', 'negated-operator', 'unknown-condition-key'],
  },
  {
    name: 'slug-issuer-wrong-prefix',
    kind: 'safe',
    covers: 'key for another issuer (positive: dead statement)',
    policy: gh(
      { StringEquals: { [`${K}/acme:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: MAIN } },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${K}/acme`,
    ),
    expect: ['aws-guardrail-rejects', 'unknown-condition-key', 'no-run-allowed'],
  },
  {
    name: 'slug-issuer-fix',
    kind: 'fix',
    covers: 'keys with the slug prefix',
    policy: gh(
      { StringEquals: { [`${K}/acme:aud`]: 'sts.amazonaws.com', [`${K}/acme:sub`]: MAIN } },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${K}/acme`,
    ),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  // §6 #11 — ForAllValues.
  {
    name: 'for-all-values-never-filled',
    kind: 'pattern',
    covers: '§6 #11 ForAllValues fails open',
    policy: gh({
      StringEquals: aud,
      'ForAllValues:StringEquals': { [`${K}:repository_owner`]: 'acme' },
    }),
    expect: [
      'for-all-values-fail-open',
      'for-all-values-single-valued',
      'never-populated-key',
      'aws-guardrail-rejects',
    ],
  },
  {
    name: 'for-all-values-environment',
    kind: 'pattern',
    covers: '§6 #11 ForAllValues on an optional key',
    policy: gh({
      StringEquals: aud,
      StringLike: { [`${K}:sub`]: 'repo:acme/app:*' },
      'ForAllValues:StringEquals': { [`${K}:environment`]: 'prod' },
    }),
    expect: [
      'for-all-values-fail-open',
      'for-all-values-single-valued',
      'repository-wide',
      'name-based-subject',
      'pull-request-target',
    ],
  },
  {
    name: 'for-all-values-sub',
    kind: 'safe',
    covers: 'ForAllValues on sub (always present: does not open)',
    policy: gh({ StringEquals: aud, 'ForAllValues:StringLike': { [`${K}:sub`]: MAIN } }),
    // IAM's check counts ForAllValues:/ForAnyValue: operators (observed, FACTS-ISSUERS.md §0.2).
    expect: ['for-all-values-single-valued', 'name-based-subject', 'pull-request-target'],
  },
  // §6 #12 — duplicate keys.
  {
    name: 'duplicate-string-equals',
    kind: 'pattern',
    covers: '§6 #12',
    policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${K}:sub":"${MAIN}"},"StringEquals":{"${K}:aud":"sts.amazonaws.com"}}}]}`,
    expect: ['duplicate-key', 'audience-only', 'aws-guardrail-rejects'],
  },
  {
    name: 'duplicate-harmless',
    kind: 'safe',
    covers: '§6 #12 when both blocks are the same',
    policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${K}:sub":"${MAIN}"},"StringEquals":{"${K}:sub":"${MAIN}"}}}]}`,
    expect: ['duplicate-key', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'duplicate-fix',
    kind: 'fix',
    covers: '§6 #12 fixed',
    policy: gh(subAud(MAIN, 'StringEquals')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  // §6 #13 — environments.
  {
    name: 'unprotected-environment',
    kind: 'pattern',
    covers: '§6 #13',
    policy: gh(subAud('repo:acme/app:environment:prod', 'StringEquals')),
    expect: ['unprotected-environment', 'name-based-subject'],
  },
  {
    name: 'environment-wildcard',
    kind: 'pattern',
    covers: 'environment prefix',
    policy: gh(subAud('repo:acme/app:environment:prod*')),
    expect: ['environment-wildcard', 'unprotected-environment', 'name-based-subject'],
  },
  {
    name: 'environment-fix',
    kind: 'fix',
    covers: '§6 #13 fixed with the ref key',
    policy: gh({
      StringEquals: {
        ...aud,
        [`${K}:sub`]: 'repo:acme/app:environment:prod',
        [`${K}:ref`]: 'refs/heads/main',
      },
    }),
    expect: ['name-based-subject'],
  },
  // §6 #14 — recycled names.
  {
    name: 'name-recycling',
    kind: 'pattern',
    covers: '§6 #14',
    policy: gh(subAud(MAIN, 'StringEquals')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'name-recycling-fix-ids',
    kind: 'fix',
    covers: '§6 #14 fixed with ids',
    policy: gh({ StringEquals: { ...aud, ...pins, [`${K}:sub`]: MAIN } }),
    expect: ['pull-request-target'],
  },
  {
    name: 'name-recycling-fix-immutable',
    kind: 'fix',
    covers: '§6 #14 fixed with the immutable sub',
    policy: gh(subAud('repo:acme@123456/app@456789:ref:refs/heads/main', 'StringEquals')),
    expect: ['pull-request-target'],
  },
  // §6 #15 — attacker-set claims first.
  {
    name: 'custom-template-workflow-first',
    kind: 'pattern',
    covers: '§6 #15',
    policy: gh(subAud('workflow:deploy*')),
    expect: ['attacker-controlled-claim', 'aws-guardrail-misses'],
  },
  {
    name: 'custom-template-repo-first',
    kind: 'fix',
    covers: '§6 #15 fixed (repo first, exact)',
    policy: gh(subAud('repo:acme/app:ref:refs/heads/main:workflow:deploy', 'StringEquals')),
    expect: ['name-based-subject'],
  },
  // §1.5 — the immutable sub (repo:OWNER@ID/REPO@ID:…): ids left open by a wildcard.
  {
    name: 'immutable-any-owner',
    kind: 'pattern',
    covers: '§1.5 immutable sub: any owner’s repository of that name',
    policy: gh(subAud('repo:*@*/app@*:ref:refs/heads/main')),
    expect: ['subject-wildcard', 'aws-guardrail-misses'],
  },
  {
    name: 'immutable-recycled-ids',
    kind: 'pattern',
    covers: '§1.5 + §6 #14: the immutable form with its ids left open admits a recycled name',
    policy: gh(subAud('repo:acme@*/app@*:ref:refs/heads/main')),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'immutable-owner-id-pinned',
    kind: 'fix',
    covers: '§1.5: the owner id pinned, only the owner itself can re-create the repository',
    policy: gh(subAud('repo:acme@123456/app@*:ref:refs/heads/main')),
    expect: ['pull-request-target'],
  },
  // §1.5 — custom sub templates that do not name the repository.
  {
    name: 'template-owner-prefix',
    kind: 'pattern',
    covers: '§1.5 template ["repository_owner"]: an owner prefix admits acme-mallory',
    policy: gh(subAud('repository_owner:acme*')),
    expect: ['owner-prefix-wildcard', 'aws-guardrail-misses'],
  },
  {
    name: 'template-owner-wide',
    kind: 'pattern',
    covers: '§1.5 template ["repository_owner", "context"]: every repository of the owner',
    policy: gh(subAud('repository_owner:acme:*')),
    expect: [
      'organization-wide',
      'name-based-subject',
      'pull-request-target',
      'aws-guardrail-misses',
    ],
  },
  {
    name: 'template-context-only',
    kind: 'pattern',
    covers: '§1.5 template ["context"]: any repository on GitHub with that template',
    policy: gh(subAud('ref:refs/heads/*')),
    expect: ['attacker-controlled-claim', 'aws-guardrail-misses'],
  },
  {
    name: 'template-context-only-exact',
    kind: 'pattern',
    covers: '§1.5 template ["context"], exact: still any repository on GitHub',
    policy: gh(subAud('ref:refs/heads/main', 'StringEquals')),
    expect: ['attacker-controlled-claim', 'aws-guardrail-misses'],
  },
  {
    name: 'template-owner-id-repo-exact',
    kind: 'safe',
    covers: '§1.5 template ["repository_owner_id", "repo", "context"], exact',
    policy: gh(
      subAud('repository_owner_id:123456:repo:acme/app:ref:refs/heads/main', 'StringEquals'),
    ),
    expect: ['pull-request-target'],
  },
  // Issue 15: a value with more wildcards than the audit fills in every way.
  {
    name: 'too-many-wildcards',
    kind: 'pattern',
    covers: 'issue 15 #3: bounded work, with a too-complex finding saying what was checked',
    policy: gh(subAud(`repo:acme/app:ref:refs/heads/${'a*'.repeat(13)}`)),
    expect: ['branch-wildcard', 'name-based-subject', 'too-complex', 'pull-request-target'],
  },
  // §6 #16 — reusable workflows.
  {
    name: 'reusable-tag',
    kind: 'pattern',
    covers: '§6 #16',
    policy: gh({
      StringEquals: {
        ...aud,
        [`${K}:sub`]: MAIN,
        [`${K}:job_workflow_ref`]: 'acme/ci/.github/workflows/deploy.yml@refs/tags/v1',
      },
    }),
    expect: ['tag-pinned-reusable-workflow', 'name-based-subject'],
  },
  {
    name: 'reusable-any-caller',
    kind: 'pattern',
    covers: 'job_workflow_ref without the caller',
    policy: gh({
      StringEquals: {
        ...aud,
        [`${K}:job_workflow_ref`]:
          'acme/ci/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
      },
    }),
    expect: ['reusable-workflow-any-caller', 'aws-guardrail-misses'],
  },
  {
    name: 'reusable-owner-callers',
    kind: 'pattern',
    covers: 'job_workflow_ref pinned to the owner, not the caller (issue 12: not "any repository")',
    policy: gh({
      StringEquals: {
        ...aud,
        [`${K}:job_workflow_ref`]:
          'acme/ci/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
        [`${K}:repository_owner_id`]: '65',
      },
    }),
    expect: ['reusable-workflow-owner-callers', 'repository-wide'],
  },
  {
    name: 'reusable-fix',
    kind: 'fix',
    covers: '§6 #16 fixed (SHA pin and the caller)',
    policy: gh({
      StringEquals: {
        ...aud,
        ...pins,
        [`${K}:sub`]: MAIN,
        [`${K}:job_workflow_ref`]:
          'acme/ci/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567',
      },
    }),
    expect: [],
  },
  // Session tags.
  {
    name: 'tags-without-tag-session',
    kind: 'safe',
    covers: 'missing sts:TagSession when tags are used',
    policy: gh({
      StringEquals: { ...aud, [`${K}:sub`]: MAIN },
      StringEqualsIfExists: { 'aws:RequestTag/team': 'platform' },
    }),
    expect: ['missing-tag-session', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'tags-with-tag-session',
    kind: 'fix',
    covers: 'sts:TagSession allowed',
    policy: gh(
      {
        StringEquals: { ...aud, [`${K}:sub`]: MAIN },
        StringEqualsIfExists: { 'aws:RequestTag/team': 'platform' },
      },
      PROVIDER,
      { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] },
    ),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  // Tricky safe policies naive scanners flag.
  {
    name: 'string-equals-with-star',
    kind: 'safe',
    covers: 'Checkov passes repo:org/* — under StringEquals it is literal',
    policy: gh(subAud('repo:acme/*', 'StringEquals')),
    expect: ['wildcard-without-like', 'no-run-allowed'],
  },
  {
    name: 'string-equals-star-alone',
    kind: 'safe',
    covers: 'StringEquals "*" matches only a literal star',
    policy: gh(subAud('*', 'StringEquals')),
    expect: ['wildcard-without-like', 'no-run-allowed', 'aws-guardrail-rejects'],
  },
  {
    name: 'string-like-without-wildcards',
    kind: 'safe',
    covers: 'StringLike with exact values',
    policy: gh(subAud(MAIN)),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'ignore-case',
    kind: 'safe',
    covers: 'StringEqualsIgnoreCase (GitHub names ignore case anyway)',
    policy: gh({
      StringEquals: aud,
      StringEqualsIgnoreCase: { [`${K}:sub`]: 'repo:ACME/App:ref:refs/heads/main' },
    }),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'workflow-first-exact',
    kind: 'safe',
    covers: 'Checkov fails workflow:…:repo:… — exact, the repo part still binds',
    policy: gh(subAud('workflow:github-actions:repo:acme/app:ref:refs/heads/main', 'StringEquals')),
    expect: ['name-based-subject'],
  },
  {
    name: 'tag-wildcard',
    kind: 'safe',
    covers: 'release tags by pattern (medium, not high)',
    policy: gh(subAud('repo:acme/app:ref:refs/tags/v*')),
    expect: ['branch-wildcard', 'name-based-subject'],
  },
  {
    name: 'positive-plus-negated',
    kind: 'safe',
    covers: 'a negated operator on top of an exact positive one',
    policy: gh({
      StringEquals: { ...aud, [`${K}:sub`]: MAIN },
      StringNotLike: { [`${K}:sub`]: '*:pull_request' },
    }),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'null-check',
    kind: 'safe',
    covers: 'Null false on sub plus an exact sub',
    policy: gh({ StringEquals: { ...aud, [`${K}:sub`]: MAIN }, Null: { [`${K}:sub`]: 'false' } }),
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'deny-pull-requests',
    kind: 'safe',
    covers: 'a Deny statement closes PRs on a repo-wide Allow',
    policy: {
      Version: '2012-10-17',
      Statement: [
        (gh(subAud('repo:acme/app:*')) as { Statement: object[] }).Statement[0],
        {
          Effect: 'Deny',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { [`${K}:sub`]: 'repo:acme/app:pull_request' } },
        },
      ],
    },
    expect: ['repository-wide', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'environment-ref-ids',
    kind: 'safe',
    covers: 'the strictest: environment, ref and ids',
    policy: gh({
      StringEquals: {
        ...aud,
        ...pins,
        [`${K}:sub`]: 'repo:acme/app:environment:prod',
        [`${K}:ref`]: 'refs/heads/main',
      },
    }),
    expect: [],
  },
  {
    name: 'service-plus-github',
    kind: 'safe',
    covers: 'a service statement next to an exact GitHub one',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        (gh(subAud(MAIN, 'StringEquals')) as { Statement: object[] }).Statement[0],
      ],
    },
    expect: ['name-based-subject', 'pull-request-target'],
  },
  {
    name: 'not-github',
    kind: 'safe',
    covers: 'an EKS IRSA trust policy is not audited as GitHub',
    policy: gh(
      {
        StringEquals: {
          'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:default:app',
        },
      },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`,
    ),
    expect: [],
  },
  {
    name: 'invalid-sub-value',
    kind: 'safe',
    covers: 'Checkov fails sub = "invalid" — it matches nothing',
    policy: gh(subAud('invalid', 'StringEquals')),
    expect: ['no-run-allowed'],
  },
  {
    name: 'org-wide-intended',
    kind: 'safe',
    covers: 'org-wide when every repository is meant to deploy',
    policy: gh({
      StringEquals: { ...aud, [`${K}:repository_owner_id`]: '123456' },
      StringLike: { [`${K}:sub`]: 'repo:acme/*:ref:refs/heads/main' },
    }),
    options: {
      intended: { repository: 'acme/*', ref: 'refs/heads/main', repositoryOwnerId: '123456' },
    },
    expect: ['organization-wide', 'pull-request-target'],
  },
  {
    name: 'intended-ref-denied',
    kind: 'safe',
    covers: 'the intended run does not get in',
    policy: gh(subAud(MAIN, 'StringEquals')),
    options: { intended: { repository: 'acme/app', ref: 'refs/heads/release' } },
    expect: ['intended-run-denied', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'ghes-org-wide',
    kind: 'pattern',
    covers: 'GitHub Enterprise Server issuer, org-wide',
    policy: gh(
      {
        StringEquals: { 'ghes.example.com/_services/token:aud': 'sts.amazonaws.com' },
        StringLike: { 'ghes.example.com/_services/token:sub': 'repo:acme/*' },
      },
      `arn:aws:iam::${ACCOUNT}:oidc-provider/ghes.example.com/_services/token`,
    ),
    expect: ['organization-wide', 'name-based-subject', 'pull-request-target'],
  },
  {
    name: 'two-statements-one-loose',
    kind: 'pattern',
    covers: 'a second, looser statement',
    policy: {
      Version: '2012-10-17',
      Statement: [
        (gh(subAud(MAIN, 'StringEquals')) as { Statement: object[] }).Statement[0],
        (gh(subAud('repo:acme/*')) as { Statement: object[] }).Statement[0],
      ],
    },
    expect: [
      'organization-wide',
      'name-based-subject',
      'pull-request-target',
      'aws-guardrail-misses',
    ],
  },
  ...issuerEntries(),
]

/**
 * Policies trusting the other CI systems (FACTS-ISSUERS.md §1.4–§5.5): the known-risky shapes,
 * each with the findings whose counterexamples get credentials end to end, and the shapes the
 * platforms' AWS guides recommend, on which the auditor reports nothing at or above medium.
 */
function issuerEntries(): CorpusEntry[] {
  const gitlab = (equals: Record<string, string>, like?: Record<string, string>) =>
    issuerTrustPolicy({
      accountId: ACCOUNT,
      issuer: 'https://gitlab.com',
      equals,
      ...(like ? { like } : {}),
    })
  const gl = getIssuerProfile('gitlab').claims({ projectPath: 'acme/app' }, { audience: 'x' })
  const glIds = { namespace_id: String(gl.namespace_id), project_id: String(gl.project_id) }
  const sts = { aud: 'sts.amazonaws.com' }
  const tf = (equals: Record<string, string>, like?: Record<string, string>) =>
    issuerTrustPolicy({
      accountId: ACCOUNT,
      issuer: 'https://app.terraform.io',
      equals,
      ...(like ? { like } : {}),
    })
  const wif = { aud: 'aws.workload.identity' }
  const TF_APPLY = 'organization:acme:project:Default Project:workspace:prod:run_phase:apply'
  const cc = resolveCircleCIRun({ org: 'acme', project: 'app', branch: 'main' })
  const circleci = (equals: Record<string, string>, like?: Record<string, string>, root = false) =>
    issuerTrustPolicy({
      accountId: ACCOUNT,
      issuer: root ? 'https://oidc.circleci.com' : `https://oidc.circleci.com/org/${cc.orgId}`,
      equals,
      ...(like ? { like } : {}),
    })
  const bk = (equals: Record<string, string>, like?: Record<string, string>) =>
    issuerTrustPolicy({
      accountId: ACCOUNT,
      issuer: 'https://agent.buildkite.com',
      equals,
      ...(like ? { like } : {}),
    })
  const bbRun = { workspace: 'acme', repository: 'app', branch: 'main', deployment: 'production' }
  const bb = resolveBitbucketRun(bbRun)
  const bbProfile = getIssuerProfile('bitbucket')
  const bitbucket = (equals: Record<string, string>, like?: Record<string, string>) =>
    issuerTrustPolicy({
      accountId: ACCOUNT,
      issuer: bbProfile.issuerUrl(bbRun),
      equals,
      ...(like ? { like } : {}),
    })
  const bbAud = { aud: bbProfile.awsAudience(bbRun) }
  const e = (
    issuerKind: NonNullable<CorpusEntry['issuerKind']>,
    name: string,
    kind: CorpusEntry['kind'],
    covers: string,
    policy: object,
    expect: FindingId[],
  ): CorpusEntry => ({ name, kind, covers, issuerKind, policy, expect })
  return [
    // GitLab (§1.4 recommended, §1.5 misconfigurations).
    e(
      'gitlab',
      'gitlab-recommended',
      'safe',
      'FACTS-ISSUERS §1.4',
      gitlab({ ...sts, sub: 'project_path:acme/app:ref_type:branch:ref:main', ...glIds }),
      ['gitlab-unprotected-ref'],
    ),
    e(
      'gitlab',
      'gitlab-recommended-protected',
      'safe',
      'FACTS-ISSUERS §1.5 #4 fix',
      gitlab({
        ...sts,
        sub: 'project_path:acme/app:ref_type:branch:ref:main',
        ...glIds,
        ref_protected: 'true',
      }),
      [],
    ),
    e(
      'gitlab',
      'gitlab-immutable-sub',
      'safe',
      'FACTS-ISSUERS §1.3 immutable form',
      gitlab({
        ...sts,
        sub: `project_id:${glIds.project_id}:ref_type:branch:ref:main`,
        ref_protected: 'true',
      }),
      [],
    ),
    e('gitlab', 'gitlab-aud-only', 'pattern', 'FACTS-ISSUERS §1.5 #1, #6', gitlab(sts), [
      'gitlab-any-project',
      'aws-guardrail-rejects',
    ]),
    e(
      'gitlab',
      'gitlab-any-project-path',
      'pattern',
      'FACTS-ISSUERS §1.5 #1',
      gitlab(sts, { sub: 'project_path:*' }),
      ['gitlab-any-project', 'aws-guardrail-misses'],
    ),
    e(
      'gitlab',
      'gitlab-group-prefix',
      'pattern',
      'FACTS-ISSUERS §1.5 #2',
      gitlab(sts, { sub: 'project_path:acme*' }),
      ['gitlab-group-prefix', 'aws-guardrail-misses'],
    ),
    e(
      'gitlab',
      'gitlab-group-wildcard',
      'pattern',
      'FACTS-ISSUERS §1.5 #2',
      gitlab(sts, { sub: 'project_path:acme/*:ref_type:branch:ref:main' }),
      [
        'gitlab-group-wildcard',
        'gitlab-path-reuse',
        'gitlab-unprotected-ref',
        'aws-guardrail-misses',
      ],
    ),
    e(
      'gitlab',
      'gitlab-ref-type-wildcard',
      'pattern',
      'FACTS-ISSUERS §1.5 #4',
      gitlab({ ...sts, ...glIds }, { sub: 'project_path:acme/app:ref_type:*:ref:main' }),
      ['gitlab-ref-type-wildcard', 'gitlab-unprotected-ref'],
    ),
    e(
      'gitlab',
      'gitlab-ref-wildcard',
      'pattern',
      'FACTS-ISSUERS §1.5 #3, #4',
      gitlab({ ...sts, ...glIds }, { sub: 'project_path:acme/app:ref_type:branch:ref:*' }),
      ['gitlab-branch-wildcard', 'gitlab-merge-request', 'gitlab-unprotected-ref'],
    ),
    e(
      'gitlab',
      'gitlab-path-only',
      'pattern',
      'FACTS-ISSUERS §1.5 #5',
      gitlab({ ...sts, sub: 'project_path:acme/app:ref_type:branch:ref:main' }),
      ['gitlab-path-reuse', 'gitlab-unprotected-ref'],
    ),
    e(
      'gitlab',
      'gitlab-project-path-key',
      'pattern',
      'FACTS-ISSUERS §0.1, §1.5 #8',
      issuerTrustPolicy({
        accountId: ACCOUNT,
        issuer: 'https://gitlab.com',
        equals: sts,
        extra: { StringNotEquals: { 'gitlab.com:project_path': 'acme/legacy' } },
      }),
      ['gitlab-any-project', 'unknown-condition-key', 'aws-guardrail-rejects'],
    ),
    // HCP Terraform (§3.4, §3.5).
    e(
      'terraform',
      'terraform-recommended',
      'safe',
      'FACTS-ISSUERS §3.4',
      tf({ ...wif, sub: TF_APPLY }),
      [],
    ),
    e(
      'terraform',
      'terraform-plan-role',
      'safe',
      'FACTS-ISSUERS §3.4 separate plan role',
      tf({ ...wif, sub: TF_APPLY.replace(':apply', ':plan') }),
      [],
    ),
    e('terraform', 'terraform-aud-only', 'pattern', 'FACTS-ISSUERS §3.5 #6', tf(wif), [
      'terraform-any-organization',
      'aws-guardrail-rejects',
    ]),
    e(
      'terraform',
      'terraform-organization-prefix',
      'pattern',
      'FACTS-ISSUERS §3.5 #2',
      tf(wif, { sub: 'organization:acme*' }),
      ['terraform-organization-prefix', 'aws-guardrail-misses'],
    ),
    e(
      'terraform',
      'terraform-organization-wide',
      'pattern',
      'FACTS-ISSUERS §3.5 #1',
      tf(wif, { sub: 'organization:acme:*' }),
      [
        'terraform-organization-wide',
        'terraform-workspace-wildcard',
        'terraform-run-phase-wildcard',
        'aws-guardrail-misses',
      ],
    ),
    e(
      'terraform',
      'terraform-workspace-wildcard',
      'pattern',
      'FACTS-ISSUERS §3.5 #3',
      tf(wif, { sub: 'organization:acme:project:Default Project:workspace:prod*:run_phase:apply' }),
      ['terraform-workspace-wildcard'],
    ),
    e(
      'terraform',
      'terraform-run-phase-wildcard',
      'pattern',
      'FACTS-ISSUERS §3.5 #4',
      tf(wif, { sub: TF_APPLY.replace(':apply', ':*') }),
      ['terraform-run-phase-wildcard'],
    ),
    e(
      'terraform',
      'terraform-id-key',
      'pattern',
      'FACTS-ISSUERS §0.1 keys that do not exist',
      issuerTrustPolicy({
        accountId: ACCOUNT,
        issuer: 'https://app.terraform.io',
        equals: { ...wif, sub: TF_APPLY },
        extra: {
          StringNotEqualsIfExists: { 'app.terraform.io:terraform_workspace_id': 'ws-unused' },
        },
      }),
      ['unknown-condition-key'],
    ),
    // CircleCI (§2.4, §2.5).
    e(
      'circleci',
      'circleci-recommended',
      'safe',
      'FACTS-ISSUERS §2.4 Option 1',
      circleci({ aud: cc.orgId, 'oidc.circleci.com/project-id': cc.projectId }),
      ['circleci-ssh-rerun'],
    ),
    e(
      'circleci',
      'circleci-recommended-branch',
      'safe',
      'FACTS-ISSUERS §2.4 branch',
      circleci(
        { aud: cc.orgId, 'oidc.circleci.com/project-id': cc.projectId },
        {
          sub: `org/${cc.orgId}/project/*/user/*/vcs-origin/github.com/acme/*/vcs-ref/refs/heads/main`,
        },
      ),
      ['circleci-ssh-rerun'],
    ),
    e(
      'circleci',
      'circleci-organization-wide',
      'pattern',
      'FACTS-ISSUERS §2.5 #1',
      circleci({ aud: cc.orgId }),
      ['circleci-organization-wide', 'circleci-ssh-rerun'],
    ),
    e(
      'circleci',
      'circleci-v1-pattern',
      'pattern',
      'FACTS-ISSUERS §2.5 #2',
      circleci({ aud: cc.orgId }, { sub: `org/${cc.orgId}/project/${cc.projectId}/user/*` }),
      ['circleci-branch-wildcard', 'circleci-ssh-rerun'],
    ),
    e(
      'circleci',
      'circleci-root-issuer',
      'pattern',
      'FACTS-ISSUERS §2.5 #6',
      circleci({ aud: cc.orgId }, undefined, true),
      ['circleci-any-organization'],
    ),
    // Buildkite (§4.4, §4.5).
    e(
      'buildkite',
      'buildkite-recommended',
      'safe',
      'FACTS-ISSUERS §4.4 (session tags)',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/agent.buildkite.com` },
            Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'],
            Condition: {
              StringLike: { 'agent.buildkite.com:sub': 'organization:acme:*' },
              StringEquals: {
                'agent.buildkite.com:aud': 'sts.amazonaws.com',
                'aws:RequestTag/organization_slug': 'acme',
                'aws:RequestTag/pipeline_slug': 'app',
              },
            },
          },
        ],
      },
      [],
    ),
    e(
      'buildkite',
      'buildkite-pipeline-branch',
      'safe',
      'FACTS-ISSUERS §4.3',
      bk(sts, { sub: 'organization:acme:pipeline:app:ref:refs/heads/main:*' }),
      [],
    ),
    e(
      'buildkite',
      'buildkite-organization-wide',
      'pattern',
      'FACTS-ISSUERS §4.5 #3',
      bk(sts, { sub: 'organization:acme:*' }),
      ['buildkite-organization-wide', 'aws-guardrail-misses'],
    ),
    e(
      'buildkite',
      'buildkite-organization-prefix',
      'pattern',
      'FACTS-ISSUERS §4.5 #1',
      bk(sts, { sub: 'organization:acme*' }),
      ['buildkite-organization-prefix', 'aws-guardrail-misses'],
    ),
    e('buildkite', 'buildkite-aud-only', 'pattern', 'FACTS-ISSUERS §4.5 (shared issuer)', bk(sts), [
      'buildkite-any-organization',
      'aws-guardrail-rejects',
    ]),
    e(
      'buildkite',
      'buildkite-branch-wildcard',
      'pattern',
      'FACTS-ISSUERS §4.5 #5',
      bk(sts, { sub: 'organization:acme:pipeline:app:ref:refs/heads/main*' }),
      ['buildkite-branch-wildcard'],
    ),
    // Bitbucket (§5.4, §5.5).
    e(
      'bitbucket',
      'bitbucket-deployment',
      'safe',
      'FACTS-ISSUERS §5.4 deployment',
      bitbucket(bbAud, { sub: `${bb.repositoryUuid}:${bb.deploymentEnvironmentUuid}:*` }),
      [],
    ),
    e('bitbucket', 'bitbucket-aud-only', 'pattern', 'FACTS-ISSUERS §5.5 #1', bitbucket(bbAud), [
      'bitbucket-workspace-wide',
      'bitbucket-repository-wide',
    ]),
    e(
      'bitbucket',
      'bitbucket-environment-by-name',
      'pattern',
      'FACTS-ISSUERS §5.3, §5.5 #3',
      bitbucket(bbAud, { sub: `${bb.repositoryUuid}:production:*` }),
      ['bitbucket-environment-by-name', 'no-run-allowed'],
    ),
    e(
      'bitbucket',
      'bitbucket-custom-audience',
      'pattern',
      'FACTS-ISSUERS §5.5 #1, #4',
      bitbucket({ aud: 'sts.amazonaws.com' }),
      ['bitbucket-workspace-wide', 'bitbucket-repository-wide'],
    ),
    e(
      'bitbucket',
      'bitbucket-repository-wide',
      'pattern',
      'FACTS-ISSUERS §5.5 #2',
      bitbucket(bbAud, { sub: `${bb.repositoryUuid}:*` }),
      ['bitbucket-repository-wide'],
    ),
  ]
}
