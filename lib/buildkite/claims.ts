/**
 * The claim set Buildkite puts in a job's OIDC token, built from a `BuildkiteRun` (FACTS-ISSUERS.md
 * §4.1–4.3, https://buildkite.com/docs/agent/cli/reference/oidc).
 *
 * `sub` = `organization:<ORG>:pipeline:<PIPELINE>:ref:<REF>:commit:<SHA>:step:<STEP_KEY>`, `REF`
 * `refs/tags/<TAG>` when the build has a tag, else `refs/heads/<BRANCH>` (Buildkite's prose; its
 * own example token has a `build_tag` and still a `refs/heads/` ref — the sources disagree, Sim
 * choice: the prose); a step without a key ends in `:step:`. `--subject-claim` makes `sub` the bare
 * value of one id claim. `nbf` = `iat`; `exp` = `iat` + 5 minutes unless `--lifetime`.
 */
import { epochSeconds, systemClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { derivedSha, derivedUuid } from '../oidc-issuer/derive.js'
import type { CommonClaimOptions } from '../oidc-issuer/profile.js'
import { audienceValue, nonEmpty, oneOf, optionalString, seconds } from '../oidc-issuer/values.js'
import type { BuildkiteRun } from './run.js'

export const BUILDKITE_ISSUER = 'https://agent.buildkite.com'
/** The claim carrying AWS session tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html). */
export const AWS_TAGS_CLAIM = 'https://aws.amazon.com/tags'

/** Claims only present when the job asks with `--claim`. */
export const BUILDKITE_OPTIONAL_CLAIMS = [
  'organization_id',
  'pipeline_id',
  'build_id',
  'cluster_id',
  'cluster_name',
  'queue_id',
  'queue_key',
] as const

/** Claims `--subject-claim` may name. */
export const BUILDKITE_SUBJECT_CLAIMS = [
  'organization_id',
  'pipeline_id',
  'cluster_id',
  'queue_id',
  'build_id',
  'job_id',
  'agent_id',
] as const

/**
 * Build the exact claim set Buildkite issues for a job's token request.
 *
 * @example
 * buildkiteClaims({ organization: 'acme-inc', pipeline: 'app', stepKey: 'deploy' }, { audience: 'sts.amazonaws.com', clock }).sub
 * // 'organization:acme-inc:pipeline:app:ref:refs/heads/main:commit:…:step:deploy'
 */
export function buildkiteClaims(
  run: BuildkiteRun,
  options: CommonClaimOptions = {},
): Record<string, unknown> {
  const org = slug(run.organization, 'run.organization')
  const pipeline = slug(run.pipeline, 'run.pipeline')
  const request = run.tokenRequest ?? {}
  const issuer =
    options.issuer === undefined ? BUILDKITE_ISSUER : nonEmpty(options.issuer, 'options.issuer')
  const audience =
    options.audience === undefined
      ? `https://buildkite.com/${org}`
      : audienceValue(options.audience, 'options.audience')
  const lifetime = seconds(request.lifetime, 300, 'run.tokenRequest.lifetime', 0) || 300
  const branch = optionalString(run.branch, 'main', 'run.branch')
  const tag = run.tag === undefined ? undefined : nonEmpty(run.tag, 'run.tag')
  const ref = tag === undefined ? `refs/heads/${branch}` : `refs/tags/${tag}`
  const commit =
    run.commit === undefined
      ? derivedSha(`${org}/${pipeline}@${ref}`)
      : nonEmpty(run.commit, 'run.commit')
  const stepKey =
    run.stepKey === undefined || run.stepKey === null ? null : nonEmpty(run.stepKey, 'run.stepKey')
  const buildNumber = run.buildNumber ?? 1
  if (!Number.isSafeInteger(buildNumber) || buildNumber < 1) {
    throw new InvalidInputError('run.buildNumber: expected a whole number ≥ 1', 'run.buildNumber')
  }
  const seed = `${org}/${pipeline}#${buildNumber}`
  const ids: Record<string, string> = {
    organization_id: optionalString(
      run.organizationId,
      derivedUuid(`bk-org:${org}`),
      'run.organizationId',
    ),
    pipeline_id: optionalString(
      run.pipelineId,
      derivedUuid(`bk-pipeline:${org}/${pipeline}`),
      'run.pipelineId',
    ),
    build_id: optionalString(run.buildId, derivedUuid(`bk-build:${seed}`), 'run.buildId'),
    cluster_id: optionalString(run.clusterId, derivedUuid(`bk-cluster:${org}`), 'run.clusterId'),
    cluster_name: optionalString(run.clusterName, 'Default cluster', 'run.clusterName'),
    queue_id: optionalString(run.queueId, derivedUuid(`bk-queue:${org}`), 'run.queueId'),
    queue_key: optionalString(run.queueKey, 'default', 'run.queueKey'),
    job_id: optionalString(run.jobId, derivedUuid(`bk-job:${seed}:${stepKey ?? ''}`), 'run.jobId'),
    agent_id: optionalString(run.agentId, derivedUuid(`bk-agent:${seed}`), 'run.agentId'),
  }
  const requested = (request.claims ?? []).map((c, i) => {
    const tag = /^agent_tag:(.+)$/.exec(c)
    if (tag) {
      const value = run.agentTags?.[tag[1]!]
      if (typeof value !== 'string') {
        throw new InvalidInputError(
          `run.tokenRequest.claims[${i}]: the agent has no tag ${JSON.stringify(tag[1])} (run.agentTags)`,
          `run.tokenRequest.claims[${i}]`,
        )
      }
      ids[c] = value
      return c
    }
    if (!(BUILDKITE_OPTIONAL_CLAIMS as readonly string[]).includes(c)) {
      throw new InvalidInputError(
        `run.tokenRequest.claims[${i}]: --claim takes ${BUILDKITE_OPTIONAL_CLAIMS.join(', ')} or agent_tag:NAME`,
        `run.tokenRequest.claims[${i}]`,
      )
    }
    return c
  })
  let sub = `organization:${org}:pipeline:${pipeline}:ref:${ref}:commit:${commit}:step:${stepKey ?? ''}`
  if (request.subjectClaim !== undefined) {
    const c = oneOf(
      request.subjectClaim,
      BUILDKITE_SUBJECT_CLAIMS,
      'job_id',
      'run.tokenRequest.subjectClaim',
    )
    sub = ids[c]!
  }
  const iat = epochSeconds(options.clock ?? systemClock)
  const claims: Record<string, unknown> = {
    iss: issuer,
    sub,
    aud: audience,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    organization_slug: org,
    pipeline_slug: pipeline,
    build_number: buildNumber,
    build_branch: branch,
    ...(tag !== undefined && { build_tag: tag }),
    build_commit: commit,
    step_key: stepKey,
    job_id: ids.job_id,
    agent_id: ids.agent_id,
    build_source: optionalString(run.buildSource, 'webhook', 'run.buildSource'),
    runner_environment: oneOf(
      run.runnerEnvironment,
      ['buildkite-hosted', 'self-hosted'],
      'buildkite-hosted',
      'run.runnerEnvironment',
    ),
  }
  for (const c of requested) claims[c] = ids[c]
  if (request.awsSessionTags?.length) {
    // Numbers become strings and null becomes "" (FACTS-ISSUERS.md §4.2).
    const tags: Record<string, string[]> = {}
    for (const [i, c] of request.awsSessionTags.entries()) {
      const value = c in claims ? claims[c] : ids[c]
      if (value === undefined) {
        throw new InvalidInputError(
          `run.tokenRequest.awsSessionTags[${i}]: no claim ${c}`,
          `run.tokenRequest.awsSessionTags[${i}]`,
        )
      }
      tags[c] = [value === null ? '' : String(value)]
    }
    claims[AWS_TAGS_CLAIM] = { principal_tags: tags }
  }
  return claims
}

function slug(value: unknown, path: string): string {
  const s = nonEmpty(value, path)
  if (!/^[a-z0-9][a-z0-9-]*$/.test(s)) {
    throw new InvalidInputError(`${path}: expected a slug (lowercase letters, digits, -)`, path)
  }
  return s
}
