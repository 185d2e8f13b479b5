/**
 * The catalogue of trust-policy findings: one rule per stable id, with a title, a one-line
 * summary (also the SARIF rule's description), the default severity and the references behind it.
 * Patterns and sources: FACTS.md §5–§6.
 */
import type { FindingId, Severity } from './types.js'

export interface FindingRule {
  id: FindingId
  /** Default severity; exploitable findings take the severity of what the counterexample reached. */
  severity: Severity
  title: string
  summary: string
  references: string[]
}

const R = {
  wifKeys:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  operators:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
  ifExists:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
  multiValue:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html',
  guardrail:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html',
  analyzer:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
  githubOidc: 'https://docs.github.com/en/actions/reference/security/oidc',
  githubAws:
    'https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws',
  datadog:
    'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/',
  tinder: 'https://github.com/TinderSec/oidc-scanner-aws',
  subvectors: 'https://github.com/Dashtid/subvectors',
  rezonate: 'https://github.com/Rezonate-io/github-oidc-checker',
  checkov:
    'https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/data/aws/GithubActionsOIDCTrustPolicy.py',
  paloAlto: 'https://github.com/PaloAltoNetworks/github-oidc-utils',
  audIssue: 'https://github.com/aws-actions/configure-aws-credentials/issues/306',
  cdkIssue: 'https://github.com/aripalo/aws-cdk-github-oidc/issues/42',
  docsForAll: 'https://github.com/github/docs/pull/17463',
  govuk: 'https://github.com/alphagov/govuk-infrastructure/pull/879',
  prTarget:
    'https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request_target',
  pwnRequest: 'https://securitylab.github.com/research/github-actions-preventing-pwn-requests',
  environments:
    'https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments',
  reusable:
    'https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-with-reusable-workflows',
  pinning:
    'https://docs.github.com/en/actions/reference/security/secure-use#using-third-party-actions',
  tags: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
  newKeys:
    'https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/',
  quotas: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
  // The other CI systems (FACTS-ISSUERS.md §1–§5).
  gitlabAws: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  gitlabIdTokens: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  gitlabForkMr: 'https://gitlab.com/gitlab-org/gitlab/-/issues/548165',
  gitlabReclaimed: 'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/255969',
  subjugation:
    'https://astrix.security/learn/blog/subjugation-hijacking-cloud-identities-by-recycling-namespaces-in-global-oidc-issuers/',
  terraformAws:
    'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration',
  terraformTokens:
    'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens',
  circleci: 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/',
  circleciSsh: 'https://discuss.circleci.com/t/restrict-aws-oidc-when-ssh-rerun-is-true/50863',
  buildkiteAws: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  buildkiteOidc: 'https://buildkite.com/docs/agent/cli/reference/oidc',
  bitbucketAws:
    'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/',
  bitbucketOidc:
    'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
} as const

const rules: FindingRule[] = [
  rule(
    'missing-subject',
    'critical',
    'No condition names the repository',
    'An Allow statement trusts the GitHub provider without scoping sub, job_workflow_ref or the repository, so any repository on GitHub can assume the role.',
    [R.datadog, R.tinder, R.guardrail, R.githubAws],
  ),
  rule(
    'audience-only',
    'critical',
    'Only the audience is checked',
    'The statement checks only aud. Every repository on GitHub can mint a token with any audience, so aud scopes nothing.',
    [R.datadog, R.audIssue, R.tinder, R.githubAws],
  ),
  rule(
    'subject-wildcard',
    'critical',
    'The subject pattern matches every repository',
    'A sub pattern such as "*", "repo:*" or "repo:*/*" matches tokens from every repository on GitHub.',
    [R.subvectors, R.guardrail, R.datadog],
  ),
  rule(
    'owner-prefix-wildcard',
    'critical',
    'The owner is matched by prefix',
    'In "repo:acme*" the * crosses "/", so an account named "acme-evil" matches too.',
    [R.subvectors, R.rezonate, R.operators],
  ),
  rule(
    'organization-wide',
    'high',
    'Every repository of the owner can assume the role',
    'A pattern such as "repo:acme/*" lets every repository of the owner, and every branch of each, assume the role.',
    [R.subvectors, R.checkov, R.githubAws],
  ),
  rule(
    'repository-wide',
    'medium',
    'Every branch, tag, environment and pull request of the repository',
    'A pattern such as "repo:acme/app:*" lets any ref of the repository assume the role, so anyone who can push a branch runs code with it.',
    [R.subvectors, R.githubOidc],
  ),
  rule(
    'branch-wildcard',
    'medium',
    'The branch is matched by a wildcard',
    'A ref pattern such as "refs/heads/main*" also matches "main-hotfix"; "refs/heads/*" matches every branch, "/" included.',
    [R.subvectors, R.operators],
  ),
  rule(
    'environment-wildcard',
    'medium',
    'The environment is matched by a wildcard',
    'An environment pattern such as "prod*" matches environments the owner never protected, e.g. "prod-test".',
    [R.githubOidc, R.environments],
  ),
  rule(
    'pull-request-subject',
    'medium',
    'Pull-request runs can assume the role',
    'The sub "repo:acme/app:pull_request" is what every pull-request run gets, running code nobody has reviewed yet.',
    [R.githubOidc, R.paloAlto],
  ),
  rule(
    'pull-request-target',
    'low',
    'pull_request_target runs get the same subject as the branch',
    'pull_request_target runs on the base branch and mint the branch sub; a workflow that checks out the pull request code hands the role to a fork.',
    [R.prTarget, R.pwnRequest],
  ),
  rule(
    'unprotected-environment',
    'low',
    'Any branch that names the environment gets the role',
    'The environment sub does not say which branch ran; unless the environment has protection rules, any branch that declares it can assume the role.',
    [R.environments, R.githubOidc],
  ),
  rule(
    'loose-value-in-list',
    'high',
    'One loose value in a list opens the role',
    "Values of one key are ORed: the loosest value decides, whatever the others say. AWS's guardrail and Checkov read only the first value.",
    [R.subvectors, R.multiValue, R.guardrail],
  ),
  rule(
    'negated-operator',
    'critical',
    'A negated operator allows everything it does not name',
    'StringNot… operators are true for every value they do not list, and true when the key is absent, so a deny-list lets everyone else in.',
    [R.operators, R.cdkIssue],
  ),
  rule(
    'if-exists-fail-open',
    'critical',
    'IfExists passes when the key is absent',
    '…IfExists is true when the key is missing from the request, so the condition checks nothing for tokens without that key.',
    [R.ifExists, R.analyzer],
  ),
  rule(
    'for-all-values-fail-open',
    'critical',
    'ForAllValues passes when the key is absent',
    'ForAllValues: is true for an empty set, so a missing key satisfies it and the condition checks nothing.',
    [R.multiValue, R.docsForAll],
  ),
  rule(
    'for-all-values-single-valued',
    'low',
    'ForAllValues on a single-valued key',
    'GitHub claims are single-valued; ForAllValues: on them is a set operator misused (Access Analyzer FORALLVALUES_WITH_SINGLE_VALUED_KEY) and fails open if the key is ever absent.',
    [R.analyzer, R.multiValue, R.docsForAll],
  ),
  rule(
    'never-populated-key',
    'low',
    'AWS never fills this condition key',
    'AWS does not turn this GitHub claim into a condition key, so the condition always sees it missing.',
    [R.wifKeys, R.newKeys],
  ),
  rule(
    'unknown-condition-key',
    'low',
    'Unknown condition key',
    "The key is not one AWS fills for this provider (a typo, or another issuer's prefix), so the condition always sees it missing.",
    [R.wifKeys, R.cdkIssue],
  ),
  rule(
    'duplicate-key',
    'medium',
    'Duplicate JSON key: the earlier block is ignored',
    'IAM keeps only the last of two equal JSON keys; the conditions in the earlier block are silently dropped.',
    [R.govuk],
  ),
  rule(
    'like-operator-on-audience',
    'low',
    'Wildcard operator on the audience',
    'aud is a single known string (sts.amazonaws.com); StringLike on it invites values nobody meant. Use StringEquals.',
    [R.analyzer, R.githubAws],
  ),
  rule(
    'wildcard-without-like',
    'info',
    'Wildcard in an exact-match operator',
    'StringEquals compares "*" literally, so this value matches no real token; either the condition is dead or StringLike was meant.',
    [R.analyzer, R.operators],
  ),
  rule(
    'tag-pinned-reusable-workflow',
    'medium',
    'Reusable workflow pinned to a movable ref',
    'A job_workflow_ref ending in a tag or branch follows whatever commit the ref points to; pin the reusable workflow by commit SHA.',
    [R.reusable, R.pinning],
  ),
  rule(
    'reusable-workflow-any-caller',
    'high',
    'Any repository calling the reusable workflow can assume the role',
    'job_workflow_ref names the reusable workflow but not the caller: every repository allowed to call it gets a matching token, with its own inputs.',
    [R.reusable, R.guardrail],
  ),
  rule(
    'reusable-workflow-owner-callers',
    'medium',
    'Every repository of the owner calling the reusable workflow can assume the role',
    "job_workflow_ref names the reusable workflow and the owner is pinned (repository_owner_id or the sub's owner), but not the calling repository: every repository of that owner allowed to call the workflow gets a matching token, with its own inputs; repositories of other owners do not. Pin the caller's sub or repository_id if only one repository should deploy.",
    [R.reusable],
  ),
  rule(
    'name-based-subject',
    'medium',
    'Repository named only by name',
    'Names can be recycled: a deleted or renamed owner or repository can be re-registered by someone else, whose tokens carry the same classic sub. Pin repository_id and repository_owner_id, or use the immutable sub.',
    [R.githubOidc, R.newKeys],
  ),
  rule(
    'attacker-controlled-claim',
    'critical',
    'The subject starts with a claim the attacker sets',
    'A custom sub template value such as "workflow:deploy*" starts with a claim any repository sets for itself; an attacker copies the template and the name.',
    [R.paloAlto, R.githubOidc],
  ),
  rule(
    'missing-tag-session',
    'low',
    'Session tags are read but sts:TagSession is not allowed',
    'Conditions on aws:RequestTag/aws:TagKeys need sts:TagSession in the statement; without it every tagged request is refused.',
    [R.tags],
  ),
  rule(
    'intended-run-denied',
    'info',
    'The intended run is denied',
    'The run described by the intended scope does not get the role.',
    [R.githubAws],
  ),
  rule(
    'no-run-allowed',
    'info',
    'No GitHub run trustwalk tried gets the role',
    'The policy denied every run trustwalk built from it, including the runs its own values describe; it may be unusable.',
    [R.githubAws],
  ),
  rule(
    'aws-guardrail-rejects',
    'info',
    "AWS's guardrail would reject this policy",
    'CreateRole and UpdateAssumeRolePolicy refuse a GitHub trust policy that does not scope sub or job_workflow_ref; existing roles are not re-checked.',
    [R.guardrail],
  ),
  rule(
    'aws-guardrail-misses',
    'info',
    "AWS's guardrail accepts this policy",
    "AWS's write-time guardrail accepts the policy although trustwalk found a critical or high risk; the guardrail reads patterns, not who can match them.",
    [R.guardrail, R.subvectors],
  ),
  rule(
    'too-complex',
    'low',
    'Too complex to audit exhaustively',
    'The policy has more statements, values or wildcards than trustwalk checks in one audit, so some attacker runs were not tried; IAM itself stores at most a few kilobytes of trust policy.',
    [R.quotas],
  ),
  // GitLab (FACTS-ISSUERS.md §1.5).
  rule(
    'gitlab-any-project',
    'critical',
    'Any GitLab project can assume the role',
    'The policy does not pin the project (an aud-only condition, or a project_path pattern such as "project_path:*"), so a pipeline in any project on the instance gets in; aud is chosen by the job.',
    [R.gitlabAws, R.gitlabIdTokens, R.guardrail],
  ),
  rule(
    'gitlab-group-prefix',
    'critical',
    'The group is matched by prefix',
    'In "project_path:acme*" the * also matches another group such as "acme-evil", which anyone can register. Pin the project exactly, with project_id and namespace_id.',
    [R.gitlabAws, R.operators],
  ),
  rule(
    'gitlab-group-wildcard',
    'high',
    'Every project of the group, subgroups included',
    'A pattern such as "project_path:acme/*" admits every project of the group and of its subgroups (* crosses /), each pushed to by its own developers.',
    [R.gitlabAws, R.gitlabIdTokens],
  ),
  rule(
    'gitlab-ref-type-wildcard',
    'medium',
    'A tag can stand for the branch',
    'With "ref_type:*" (or no ref_type), a tag named like the branch gets a matching sub; anyone who can push tags gets the role. Pin ref_type:branch.',
    [R.gitlabIdTokens, R.gitlabAws],
  ),
  rule(
    'gitlab-branch-wildcard',
    'medium',
    'The branch is matched by a wildcard',
    'The sub carries only the short ref name, so "ref:main*" or "ref:*" admits any branch a developer pushes. Pin the ref exactly, and ref_protected.',
    [R.gitlabIdTokens, R.operators],
  ),
  rule(
    'gitlab-merge-request',
    'medium',
    'Merge-request pipelines can assume the role',
    "A merge-request pipeline's sub names its source branch; a ref wildcard lets pipelines for unreviewed changes in (before GitLab 18.2.2, fork merge requests too).",
    [R.gitlabForkMr, R.gitlabIdTokens],
  ),
  rule(
    'gitlab-path-reuse',
    'medium',
    'The project is named only by its path',
    'A deleted or moved group or project path can be re-created by someone else, whose pipelines mint the same sub (GitLab 19.1 blocks this unless an admin turns it off). Pin gitlab.com:project_id and namespace_id, or lead the sub with project_id.',
    [R.subjugation, R.gitlabReclaimed, R.gitlabAws],
  ),
  rule(
    'gitlab-unprotected-ref',
    'low',
    'Protected refs are not required',
    'The policy does not check ref_protected: if the branch or tag is ever unprotected, any developer who pushes to it gets the role. Add gitlab.com:ref_protected "true" (or ref_protected in a custom sub).',
    [R.gitlabIdTokens, R.gitlabAws],
  ),
  // HCP Terraform (FACTS-ISSUERS.md §3.5).
  rule(
    'terraform-any-organization',
    'critical',
    'Any HCP Terraform organization can assume the role',
    "app.terraform.io is one issuer for every customer; without the organization in sub, any organization anyone registers gets in (the audience aws.workload.identity is everyone's default).",
    [R.terraformAws, R.terraformTokens, R.guardrail],
  ),
  rule(
    'terraform-organization-prefix',
    'critical',
    'The organization is matched by prefix',
    'In "organization:acme*" the * also matches another organization such as "acme-evil"; organization names are first come, first served. End the name with ":".',
    [R.terraformAws, R.operators],
  ),
  rule(
    'terraform-organization-wide',
    'high',
    'Every project and workspace of the organization',
    'A pattern such as "organization:acme:*" admits every project, workspace and run phase in the organization.',
    [R.terraformAws, R.terraformTokens],
  ),
  rule(
    'terraform-workspace-wildcard',
    'medium',
    'The workspace is matched by a wildcard',
    'A workspace pattern such as "workspace:prod-*" admits any workspace someone with workspace-creation rights names to match.',
    [R.terraformAws, R.operators],
  ),
  rule(
    'terraform-run-phase-wildcard',
    'medium',
    'Plan and apply share the role',
    'With "run_phase:*" the plan phase gets the apply role; plans run for speculative (pull-request) runs and execute providers and data sources from that code. Use separate plan and apply roles.',
    [R.terraformAws, R.terraformTokens],
  ),
  // CircleCI (FACTS-ISSUERS.md §2.5).
  rule(
    'circleci-any-organization',
    'critical',
    'Any CircleCI organization can assume the role',
    'The role trusts the root issuer oidc.circleci.com, where every organization mints tokens and may ask for any aud. Trust the per-organization issuer.',
    [R.circleci],
  ),
  rule(
    'circleci-organization-wide',
    'high',
    'Every project of the organization',
    'The policy pins the organization (issuer, aud) but not the project, so any project anyone in the organization follows gets in. Pin oidc.circleci.com/project-id.',
    [R.circleci],
  ),
  rule(
    'circleci-branch-wildcard',
    'medium',
    'The sub pattern does not hold the branch',
    'A sub pattern such as ".../user/*" written for the short (V1) sub also matches every V2 sub, whatever its vcs-ref; any pushed branch gets in. End the pattern with the exact vcs-ref.',
    [R.circleci, R.operators],
  ),
  rule(
    'circleci-ssh-rerun',
    'low',
    'An SSH re-run gets the live token',
    "Whoever may re-run a job with SSH gets a shell holding the job's token; oidc.circleci.com/ssh-rerun is neither in sub nor an AWS condition key, so the trust policy cannot refuse it. Restrict SSH re-runs in the project.",
    [R.circleci, R.circleciSsh],
  ),
  // Buildkite (FACTS-ISSUERS.md §4.5).
  rule(
    'buildkite-any-organization',
    'critical',
    'Any Buildkite organization can assume the role',
    'agent.buildkite.com is one issuer for every customer and the job picks aud; without the organization in sub any organization gets in.',
    [R.buildkiteAws, R.buildkiteOidc, R.guardrail],
  ),
  rule(
    'buildkite-organization-prefix',
    'critical',
    'The organization is matched by prefix',
    'In "organization:acme*" the * also matches another organization slug such as "acme-evil". Use "organization:acme:*".',
    [R.buildkiteAws, R.operators],
  ),
  rule(
    'buildkite-organization-wide',
    'high',
    'Every pipeline of the organization',
    'A sub such as "organization:acme:*" with nothing pinning the pipeline (pipeline in sub, agent.buildkite.com:pipeline_slug or an aws:RequestTag/pipeline_slug condition) admits every pipeline, branch and step of the organization.',
    [R.buildkiteAws],
  ),
  rule(
    'buildkite-branch-wildcard',
    'medium',
    'The branch is matched by a wildcard',
    'The policy names a branch, but a pattern lets another branch anyone pushes in; and a branch check does not prove the build runs that branch.',
    [R.buildkiteAws, R.operators],
  ),
  // Bitbucket (FACTS-ISSUERS.md §5.5).
  rule(
    'bitbucket-workspace-wide',
    'high',
    'Every repository of the workspace',
    'The workspace issuer and its default aud are the same for every repository; without the repository UUID in sub, any repository of the workspace gets in.',
    [R.bitbucketAws, R.bitbucketOidc],
  ),
  rule(
    'bitbucket-environment-by-name',
    'low',
    'A Bitbucket sub names something by name',
    'Bitbucket subs hold only braced UUIDs ({REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID}); a name such as "production" or "my-repo" never matches, so the statement lets nothing in. Copy the UUIDs from the repository and deployment settings.',
    [R.bitbucketOidc, R.bitbucketAws],
  ),
  rule(
    'bitbucket-repository-wide',
    'medium',
    'Every step, branch and pull request of the repository',
    'The step UUID changes every run, which pushes policies to "{REPO_UUID}:*" — and that admits every step of every branch and pull-request pipeline. Pin a deployment environment: "{REPO_UUID}:{ENVIRONMENT_UUID}:*", guarded by deployment permissions.',
    [R.bitbucketOidc, R.bitbucketAws],
  ),
]

function rule(
  id: FindingId,
  severity: Severity,
  title: string,
  summary: string,
  references: string[],
): FindingRule {
  return { id, severity, title, summary, references }
}

/** Every rule, by id. */
export const FINDING_RULES: ReadonlyMap<FindingId, FindingRule> = new Map(
  rules.map((r) => [r.id, r]),
)

/**
 * The rule behind a finding id.
 *
 * @example
 * findingRule('organization-wide').severity // 'high'
 */
export function findingRule(id: FindingId): FindingRule {
  const found = FINDING_RULES.get(id)
  if (!found) throw new Error(`unknown finding id ${id}`)
  return found
}

/** Reference URLs the auditor's explanations cite, by name. */
export const AUDIT_REFERENCES = R
