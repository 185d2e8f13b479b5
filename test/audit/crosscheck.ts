/**
 * trustwalk's audit next to the two checks practitioners already run:
 *
 * - AWS's write-time guardrail, as observed in Aug 2026 (FACTS.md §5,
 *   https://github.com/Dashtid/subvectors/tree/main/observations): `guardrail` is the observed
 *   verdict, only for the observed cases.
 * - Checkov CKV_AWS_358, from its documented test examples
 *   (https://github.com/bridgecrewio/checkov/blob/main/tests/terraform/checks/data/aws/example_GithubActionsOIDCTrustPolicy/main.tf,
 *   named as there) and, marked `derived`, from the check's code
 *   (https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/data/aws/GithubActionsOIDCTrustPolicy.py:
 *   it reads only the first value of a condition, and passes `repo:org/*`). Its examples use
 *   `aws_iam_policy_document` blocks; here they are written as the IAM JSON the AWS provider emits.
 *
 * `trustwalk` is the severity of the most severe finding (`none` when there is none) and one id
 * found at that severity; `why` says why trustwalk deliberately disagrees with a check, wherever it
 * does (a check "agrees" when it fails exactly the policies trustwalk finds critical or high).
 */
import type { FindingId, Severity } from '../../lib/audit/types.js'
import { K, gh } from './corpus.js'

export interface CrossCheckRow {
  name: string
  policy: object
  guardrail?: 'accepted' | 'rejected'
  checkov?: { verdict: 'PASSED' | 'FAILED'; example?: string; derived?: true }
  trustwalk: { top: Severity | 'none'; id?: FindingId }
  /** Required wherever trustwalk's risk verdict (critical/high or not) disagrees with a check. */
  why?: string
}

const aud = { [`${K}:aud`]: 'sts.amazonaws.com' }
const eq = (v: string | string[]) => gh({ StringEquals: { ...aud, [`${K}:sub`]: v } })
const like = (v: string | string[]) => gh({ StringEquals: aud, StringLike: { [`${K}:sub`]: v } })

export const CROSS_CHECK: CrossCheckRow[] = [
  {
    name: 'no sub (aud only)',
    policy: gh({ StringEquals: aud }),
    guardrail: 'rejected',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'audience-only' },
  },
  {
    name: 'no condition',
    policy: gh(),
    checkov: { verdict: 'FAILED', example: 'fail1' },
    trustwalk: { top: 'critical', id: 'missing-subject' },
  },
  {
    name: 'sub "*" (StringLike)',
    policy: like('*'),
    guardrail: 'rejected',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'subject-wildcard' },
  },
  {
    name: '["*", "repo:acme/x"]',
    policy: like(['*', 'repo:acme/x:ref:refs/heads/main']),
    guardrail: 'rejected',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'loose-value-in-list' },
  },
  {
    name: 'only the repository key',
    policy: gh({ StringEquals: { ...aud, [`${K}:repository`]: 'acme/x' } }),
    guardrail: 'rejected',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'medium', id: 'repository-wide' },
    why: 'AWS fills the repository key since 2026-02: it pins the repository (any branch). Both checks only look at sub; trustwalk evaluates the key and finds a repository-wide, not an any-repository, risk.',
  },
  {
    name: 'repo:*',
    policy: like('repo:*'),
    guardrail: 'accepted',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'subject-wildcard' },
    why: 'The guardrail accepts repo:*, yet it matches every repository on GitHub: trustwalk proves it with a token from another account.',
  },
  {
    name: 'repo:*/*',
    policy: like('repo:*/*'),
    guardrail: 'accepted',
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'subject-wildcard' },
    why: 'The guardrail accepts repo:*/*, the same as repo:* spelled longer.',
  },
  {
    name: '["repo:acme/x", "*"]',
    policy: like(['repo:acme/x:ref:refs/heads/main', '*']),
    guardrail: 'accepted',
    checkov: { verdict: 'PASSED', derived: true },
    trustwalk: { top: 'critical', id: 'loose-value-in-list' },
    why: 'Both checks read only the first value; IAM ORs all values, so "*" lets every repository in.',
  },
  {
    name: 'job_workflow_ref pattern',
    policy: gh({
      StringEquals: aud,
      StringLike: {
        [`${K}:job_workflow_ref`]: 'acme/ci/.github/workflows/deploy.yml@refs/heads/*',
      },
    }),
    guardrail: 'accepted',
    trustwalk: { top: 'high', id: 'reusable-workflow-any-caller' },
    why: 'A job_workflow_ref condition names the reusable workflow, not who calls it: any repository allowed to call it gets a matching token. The guardrail counts it as scoping.',
  },
  {
    name: 'pass_aud_first: repo:org/our-repo-name:*',
    policy: like('repo:org/our-repo-name:*'),
    checkov: { verdict: 'PASSED', example: 'pass_aud_first' },
    trustwalk: { top: 'medium', id: 'repository-wide' },
  },
  {
    name: 'pass2: repo:myOrg/myRepo:*',
    policy: gh({ StringEquals: aud, StringLike: { [`${K}:sub`]: 'repo:myOrg/myRepo:*' } }),
    checkov: { verdict: 'PASSED', example: 'pass2' },
    trustwalk: { top: 'medium', id: 'repository-wide' },
  },
  {
    name: 'pass3: exact branch',
    policy: eq('repo:myOrg/myRepo:ref:refs/heads/MyBranch'),
    checkov: { verdict: 'PASSED', example: 'pass3' },
    trustwalk: { top: 'medium', id: 'name-based-subject' },
  },
  {
    name: 'fail2: sub = "invalid"',
    policy: gh({ StringEquals: { [`${K}:sub`]: 'invalid' } }),
    checkov: { verdict: 'FAILED', example: 'fail2' },
    trustwalk: { top: 'info', id: 'no-run-allowed' },
    why: 'No token has sub "invalid": the policy lets nobody in. Broken, not open — trustwalk reports it as info.',
  },
  {
    name: 'fail-wildcard: StringEquals "*"',
    policy: gh({ StringEquals: { [`${K}:sub`]: '*' } }),
    guardrail: 'rejected',
    checkov: { verdict: 'FAILED', example: 'fail-wildcard' },
    trustwalk: { top: 'info', id: 'aws-guardrail-rejects' },
    why: 'Under StringEquals "*" is a literal star that no token carries: nobody gets in. AWS would still refuse to create it.',
  },
  {
    name: 'fail-abusable: workflow first, exact',
    policy: gh({
      StringEquals: {
        [`${K}:sub`]: 'workflow:github-actions:repo:myOrg/myRepo:ref:refs/heads/MyBranch',
      },
    }),
    checkov: { verdict: 'FAILED', example: 'fail-abusable' },
    trustwalk: { top: 'medium', id: 'name-based-subject' },
    why: 'An attacker can set the workflow name but not the repository part that follows; with StringEquals the whole value must match. Only a wildcard after an attacker-set claim opens it (see workflow:deploy*).',
  },
  {
    name: 'workflow first, wildcard',
    policy: like('workflow:deploy*'),
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'attacker-controlled-claim' },
  },
  {
    name: 'fail-wildcard-assertion: StringEquals repo:*',
    policy: gh({ StringEquals: { [`${K}:sub`]: 'repo:*' } }),
    checkov: { verdict: 'FAILED', example: 'fail-wildcard-assertion' },
    trustwalk: { top: 'info', id: 'no-run-allowed' },
    why: 'Under StringEquals "repo:*" is literal: nobody gets in. With StringLike it would be critical, which trustwalk reports (row repo:*).',
  },
  {
    name: 'fail-misused-repo: StringEquals repo:myOrg*',
    policy: gh({ StringEquals: { [`${K}:sub`]: 'repo:myOrg*' } }),
    checkov: { verdict: 'FAILED', example: 'fail-misused-repo' },
    trustwalk: { top: 'info', id: 'no-run-allowed' },
    why: 'Literal under StringEquals: nobody gets in. The StringLike form is the owner-prefix hole (row repo:acme*).',
  },
  {
    name: 'owner prefix repo:acme* (StringLike)',
    policy: like('repo:acme*'),
    checkov: { verdict: 'FAILED', derived: true },
    trustwalk: { top: 'critical', id: 'owner-prefix-wildcard' },
  },
  {
    name: 'pass-org-only: StringEquals repo:myOrg/*',
    policy: gh({ StringEquals: { [`${K}:sub`]: 'repo:myOrg/*' } }),
    checkov: { verdict: 'PASSED', example: 'pass-org-only' },
    trustwalk: { top: 'info', id: 'no-run-allowed' },
  },
  {
    name: 'org-wide repo:acme/* (StringLike)',
    policy: like('repo:acme/*'),
    checkov: { verdict: 'PASSED', derived: true },
    trustwalk: { top: 'high', id: 'organization-wide' },
    why: 'Every repository of the owner, every branch of each, can assume the role; Checkov passes it by design and AWS calls it the minimum. trustwalk reports it high unless the intended scope says the whole organisation.',
  },
  {
    name: 'pass-gh-org: slug prefix on the github.com provider',
    policy: gh({
      StringEquals: {
        ...aud,
        [`${K}/github-org:sub`]: 'repo:myOrg/myRepo:ref:refs/heads/MyBranch',
      },
    }),
    checkov: { verdict: 'PASSED', example: 'pass-gh-org' },
    trustwalk: { top: 'low', id: 'unknown-condition-key' },
  },
  {
    name: 'first value strict, second org-wide',
    policy: like(['repo:acme/x:ref:refs/heads/main', 'repo:acme/*']),
    checkov: { verdict: 'PASSED', derived: true },
    trustwalk: { top: 'high', id: 'loose-value-in-list' },
    why: 'Both checks read the first value only; the second lets every repository of the owner in.',
  },
  {
    name: 'negated deny-list',
    policy: gh({ StringEquals: aud, StringNotLike: { [`${K}:sub`]: 'repo:evil/*' } }),
    checkov: { verdict: 'PASSED', derived: true },
    trustwalk: { top: 'critical', id: 'negated-operator' },
    why: 'Checkov reads the sub value but not the operator: StringNotLike "repo:evil/*" passes as if it named a repository, yet it lets every other repository in.',
  },
]
