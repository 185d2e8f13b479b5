/**
 * Building blocks for the trust-policy corpus: GitHub's trust-policy shape, request contexts from
 * real-looking claims (FACTS.md §1.3), and the case type.
 */
import { oidcProviderArn } from '../../../../lib/aws/arn.js'
import { requestContextFromToken } from '../../../../lib/aws/policy/context.js'
import type { RequestContext } from '../../../../lib/aws/policy/context.js'
import type { Decision } from '../../../../lib/aws/policy/evaluation.js'

export const K = 'token.actions.githubusercontent.com'
export const ISS = `https://${K}`
export const ACCOUNT = '123456789012'
export const PROVIDER_ARN = oidcProviderArn(ACCOUNT, ISS)

export interface CorpusCase {
  name: string
  policy: object | string
  context: RequestContext
  expected: Decision
  /** The action asked for, when not sts:AssumeRoleWithWebIdentity. */
  action?: string
  /** The FACTS.md §6 misconfiguration pattern this case shows, if any. */
  pattern?: number
  /** Where the rule or example comes from. */
  source?: string
}

export type Statement = Record<string, unknown>

/** One Allow statement trusting GitHub's provider for AssumeRoleWithWebIdentity. */
export function allow(condition?: object, extra: Statement = {}): Statement {
  return {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition && { Condition: condition }),
    ...extra,
  }
}

/** The same as a Deny statement. */
export function deny(condition?: object, extra: Statement = {}): Statement {
  return allow(condition, { Effect: 'Deny', ...extra })
}

export function policy(...statements: Statement[]): object {
  return { Version: '2012-10-17', Statement: statements }
}

/** A policy with one Allow statement and this condition. */
export function trust(condition?: object, extra?: Statement): object {
  return policy(allow(condition, extra))
}

/** `{ operator: { key: values } }`. */
export function cond(operator: string, key: string, values: unknown): object {
  return { [operator]: { [key]: values } }
}

/** A push to main of octo-org/octo-repo (FACTS.md §1.3). */
export const PUSH_MAIN: Record<string, unknown> = {
  iss: ISS,
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  ref: 'refs/heads/main',
  ref_type: 'branch',
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  repository_owner_id: '65',
  repository_id: '74',
  actor: 'octocat',
  actor_id: '12',
  workflow: 'deploy',
  event_name: 'push',
  job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  runner_environment: 'github-hosted',
}

/** The context STS builds for a GitHub token: PUSH_MAIN with `claims` over it. */
export function github(
  claims: Record<string, unknown> = {},
  options: { issuer?: string; roleSessionName?: string } = {},
): RequestContext {
  const url = options.issuer ?? ISS
  return requestContextFromToken(
    { ...PUSH_MAIN, iss: url, ...claims },
    { Url: url, Arn: oidcProviderArn(ACCOUNT, url) },
    { roleSessionName: options.roleSessionName ?? 'GitHubActions' },
  )
}

/** A token from another owner's repository: anyone on github.com can mint one. */
export function attacker(claims: Record<string, unknown> = {}): RequestContext {
  return github({
    sub: 'repo:evil/x:ref:refs/heads/main',
    repository: 'evil/x',
    repository_owner: 'evil',
    repository_owner_id: '666',
    repository_id: '667',
    actor: 'mallory',
    job_workflow_ref: 'evil/x/.github/workflows/x.yml@refs/heads/main',
    ...claims,
  })
}

/** A raw context: the GitHub provider plus these keys. */
export function raw(keys: RequestContext = {}): RequestContext {
  return { 'aws:FederatedProvider': PROVIDER_ARN, ...keys }
}

/** A case testing one operator: the policy holds just `{ operator: { key: values } }`. */
export function op(
  name: string,
  operator: string,
  key: string,
  values: unknown,
  context: RequestContext,
  expected: Decision,
  source = OPERATORS_DOC,
): CorpusCase {
  return {
    name,
    policy: trust(cond(operator, key, values)),
    context: raw(context),
    expected,
    source,
  }
}

export const OPERATORS_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html'
export const MULTI_VALUE_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html'
export const SET_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html'
export const VARIABLES_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html'
export const PRINCIPAL_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'
export const ACTION_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html'
export const EVALUATION_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html'
export const GITHUB_AWS_DOC =
  'https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws'
