/**
 * The claim set CircleCI puts in a job's OIDC tokens, built from a `CircleCIRun`.
 *
 * Reference: https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 * (FACTS-ISSUERS.md §2.1–2.3). Issuer per organisation, `https://oidc.circleci.com/org/<ORG>`;
 * default `aud` the organisation UUID; `exp` one hour after `iat`; no `nbf` (none documented:
 * Unconfirmed, Sim choice). Claim names are namespaced (`oidc.circleci.com/project-id`);
 * `context-ids` is an array and `ssh-rerun` a boolean. Key order is trustwalk's (CircleCI prints
 * none).
 */
import { epochSeconds, systemClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { derivedUuid } from '../oidc-issuer/derive.js'
import type { CommonClaimOptions } from '../oidc-issuer/profile.js'
import { audienceValue, bool, nonEmpty, oneOf, optionalString } from '../oidc-issuer/values.js'
import type { CircleCIRun } from './run.js'
import { circleciSubject, type CircleCISubjectVersion } from './subject.js'

/** The host of CircleCI's issuers; the per-organisation issuer adds `/org/<ORG_UUID>`. */
export const CIRCLECI_ROOT_ISSUER = 'https://oidc.circleci.com'

/** CircleCI's claims namespace. */
export const CIRCLECI_CLAIM_PREFIX = 'oidc.circleci.com/'

/**
 * The issuer of an organisation's tokens.
 *
 * @example
 * circleciIssuerUrl('1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b') // 'https://oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b'
 */
export function circleciIssuerUrl(orgId: string): string {
  return `${CIRCLECI_ROOT_ISSUER}/org/${orgId}`
}

export interface CircleCIClaimOptions extends CommonClaimOptions {
  /** Which token: `$CIRCLE_OIDC_TOKEN` (`v1`) or `$CIRCLE_OIDC_TOKEN_V2` (`v2`, default). */
  subjectVersion?: CircleCISubjectVersion
}

/** The ids of a run, defaults filled in. */
export interface ResolvedCircleCIRun {
  orgId: string
  projectId: string
  userId: string
  vcsOrigin?: string
  vcsRef?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Fill in a run's ids and VCS facts.
 *
 * @example
 * resolveCircleCIRun({ org: 'acme' }).orgId // a UUID derived from 'acme'
 */
export function resolveCircleCIRun(run: CircleCIRun): ResolvedCircleCIRun {
  const org = optionalString(run.org, 'acme', 'run.org')
  const project = optionalString(run.project, 'app', 'run.project')
  const trigger = oneOf(run.trigger, ['vcs', 'webhook'], 'vcs', 'run.trigger')
  if (run.branch !== undefined && run.tag !== undefined) {
    throw new InvalidInputError(
      'run.tag: a pipeline runs on a branch or a tag, not both',
      'run.tag',
    )
  }
  const vcsRef =
    run.tag === undefined
      ? `refs/heads/${optionalString(run.branch, 'main', 'run.branch')}`
      : `refs/tags/${nonEmpty(run.tag, 'run.tag')}`
  return {
    orgId: uuid(run.orgId, `circleci-org:${org}`, 'run.orgId'),
    projectId: uuid(run.projectId, `circleci-project:${org}/${project}`, 'run.projectId'),
    userId: uuid(run.userId, `circleci-user:${org}`, 'run.userId'),
    ...(trigger === 'vcs' && {
      vcsOrigin: optionalString(run.vcsOrigin, `github.com/${org}/${project}`, 'run.vcsOrigin'),
      vcsRef,
    }),
  }
}

/**
 * Build the exact claim set CircleCI issues for a job.
 *
 * @example
 * const claims = circleciClaims({ org: 'acme', project: 'app' }, { clock })
 * claims['oidc.circleci.com/vcs-ref'] // 'refs/heads/main'
 */
export function circleciClaims(
  run: CircleCIRun,
  options: CircleCIClaimOptions = {},
): Record<string, unknown> {
  const r = resolveCircleCIRun(run)
  bool(run.forkPullRequest, false, 'run.forkPullRequest')
  bool(run.passSecretsToForks, false, 'run.passSecretsToForks')
  const version = oneOf(options.subjectVersion, ['v1', 'v2'], 'v2', 'options.subjectVersion')
  const issuer =
    options.issuer === undefined
      ? circleciIssuerUrl(r.orgId)
      : nonEmpty(options.issuer, 'options.issuer')
  const audience =
    options.audience === undefined ? r.orgId : audienceValue(options.audience, 'options.audience')
  const contextIds = (run.contextIds ?? []).map((id, i) => uuid(id, '', `run.contextIds[${i}]`))
  const iat = epochSeconds(options.clock ?? systemClock)
  const seed = `${r.projectId}:${r.vcsRef ?? 'webhook'}`
  const p = CIRCLECI_CLAIM_PREFIX
  return {
    iss: issuer,
    aud: audience,
    sub: circleciSubject(r, version),
    iat,
    exp: iat + 3600,
    [`${p}org-id`]: r.orgId,
    [`${p}project-id`]: r.projectId,
    [`${p}pipeline-definition-id`]: uuid(
      run.pipelineDefinitionId,
      `circleci-definition:${r.projectId}`,
      'run.pipelineDefinitionId',
    ),
    [`${p}pipeline-id`]: uuid(run.pipelineId, `circleci-pipeline:${seed}`, 'run.pipelineId'),
    [`${p}workflow-id`]: uuid(run.workflowId, `circleci-workflow:${seed}`, 'run.workflowId'),
    [`${p}job-id`]: uuid(run.jobId, `circleci-job:${seed}`, 'run.jobId'),
    ...(r.vcsOrigin !== undefined && {
      [`${p}vcs-origin`]: r.vcsOrigin,
      [`${p}vcs-ref`]: r.vcsRef,
    }),
    [`${p}context-ids`]: contextIds,
    [`${p}ssh-rerun`]: bool(run.sshRerun, false, 'run.sshRerun'),
  }
}

function uuid(value: unknown, seed: string, path: string): string {
  if (value === undefined) return derivedUuid(seed)
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new InvalidInputError(`${path}: expected a lowercase UUID`, path)
  }
  return value
}
