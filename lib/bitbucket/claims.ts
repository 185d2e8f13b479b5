/**
 * The claim set Bitbucket Pipelines puts in a step's OIDC token (FACTS-ISSUERS.md §5.1–5.3; sources
 * https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
 * and Teleport's verifier).
 *
 * - Issuer per workspace: `https://api.bitbucket.org/2.0/workspaces/<WS>/pipelines-config/identity/oidc`.
 * - `aud`: `ari:cloud:bitbucket::workspace/<WORKSPACE_UUID>` (no braces), or with custom audiences
 *   the list itself, always an array (Unconfirmed whether the workspace ARI stays: Sim choice, the
 *   custom list only).
 * - `sub`: `{repositoryUuid}:{stepUuid}`, deployment steps `{repositoryUuid}:{envUuid}:{stepUuid}`
 *   (secondary sources: Unconfirmed, Sim choice). Braces are part of the value.
 * - Lifetime unknown: Sim choice 3600 s (the only figure seen, an emulator's). No `nbf`, no `jti`.
 */
import { epochSeconds, systemClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { derivedUuid } from '../oidc-issuer/derive.js'
import type { CommonClaimOptions } from '../oidc-issuer/profile.js'
import { audienceValue, nonEmpty, optionalString } from '../oidc-issuer/values.js'
import type { BitbucketRun } from './run.js'

/**
 * The issuer of a workspace's tokens.
 *
 * @example
 * bitbucketIssuerUrl('acme') // 'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc'
 */
export function bitbucketIssuerUrl(workspace: string): string {
  return `https://api.bitbucket.org/2.0/workspaces/${workspace}/pipelines-config/identity/oidc`
}

/**
 * The default audience: the workspace's Atlassian resource identifier.
 *
 * @example
 * bitbucketAudience('{922e118c-f34f-4226-a897-0e0afbec553d}') // 'ari:cloud:bitbucket::workspace/922e118c-f34f-4226-a897-0e0afbec553d'
 */
export function bitbucketAudience(workspaceUuid: string): string {
  return `ari:cloud:bitbucket::workspace/${workspaceUuid.replace(/^\{|\}$/g, '')}`
}

export interface BitbucketClaimOptions extends CommonClaimOptions {
  /** `exp − iat`; Sim choice 3600. */
  lifetimeSeconds?: number
}

const BRACED = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/

/** The run's UUIDs, defaults filled in. */
export function resolveBitbucketRun(run: BitbucketRun): {
  workspaceUuid: string
  repositoryUuid: string
  pipelineUuid: string
  stepUuid: string
  deploymentEnvironmentUuid?: string
} {
  const ws = slug(run.workspace, 'run.workspace')
  const repo = optionalString(run.repository, 'app', 'run.repository')
  const branch = optionalString(run.branch, 'main', 'run.branch')
  const pipelineUuid = braced(
    run.pipelineUuid,
    `bb-pipeline:${ws}/${repo}@${branch}`,
    'run.pipelineUuid',
  )
  const deployment =
    run.deployment === undefined ? undefined : nonEmpty(run.deployment, 'run.deployment')
  return {
    workspaceUuid: braced(run.workspaceUuid, `bb-workspace:${ws}`, 'run.workspaceUuid'),
    repositoryUuid: braced(run.repositoryUuid, `bb-repo:${ws}/${repo}`, 'run.repositoryUuid'),
    pipelineUuid,
    stepUuid: braced(
      run.stepUuid,
      `bb-step:${pipelineUuid}:${optionalString(run.stepName, 'deploy', 'run.stepName')}`,
      'run.stepUuid',
    ),
    ...(deployment !== undefined || run.deploymentEnvironmentUuid !== undefined
      ? {
          deploymentEnvironmentUuid: braced(
            run.deploymentEnvironmentUuid,
            `bb-env:${ws}/${repo}:${deployment ?? ''}`,
            'run.deploymentEnvironmentUuid',
          ),
        }
      : {}),
  }
}

/**
 * Build the exact claim set for a step.
 *
 * @example
 * bitbucketClaims({ workspace: 'acme', deployment: 'production' }, { clock }).sub // '{repo}:{env}:{step}'
 */
export function bitbucketClaims(
  run: BitbucketRun,
  options: BitbucketClaimOptions = {},
): Record<string, unknown> {
  const ids = resolveBitbucketRun(run)
  const issuer =
    options.issuer === undefined
      ? bitbucketIssuerUrl(run.workspace)
      : nonEmpty(options.issuer, 'options.issuer')
  let audience: string | string[]
  if (options.audience !== undefined) audience = audienceValue(options.audience, 'options.audience')
  else if (run.audiences !== undefined) {
    const list = audienceValue(run.audiences, 'run.audiences')
    const all = Array.isArray(list) ? list : [list]
    if (all.length > 10)
      throw new InvalidInputError('run.audiences: at most 10 audiences', 'run.audiences')
    all.forEach((a, i) => {
      if (a.length > 150)
        throw new InvalidInputError(
          `run.audiences[${i}]: at most 150 characters`,
          `run.audiences[${i}]`,
        )
    })
    // Custom audiences make aud an array even for one value (BCLOUD-24028).
    audience = all
  } else audience = bitbucketAudience(ids.workspaceUuid)
  const lifetime = options.lifetimeSeconds ?? 3600
  const iat = epochSeconds(options.clock ?? systemClock)
  const sub =
    ids.deploymentEnvironmentUuid === undefined
      ? `${ids.repositoryUuid}:${ids.stepUuid}`
      : `${ids.repositoryUuid}:${ids.deploymentEnvironmentUuid}:${ids.stepUuid}`
  return {
    iss: issuer,
    aud: audience,
    sub,
    iat,
    exp: iat + lifetime,
    workspaceUuid: ids.workspaceUuid,
    repositoryUuid: ids.repositoryUuid,
    pipelineUuid: ids.pipelineUuid,
    stepUuid: ids.stepUuid,
    ...(ids.deploymentEnvironmentUuid !== undefined && {
      deploymentEnvironmentUuid: ids.deploymentEnvironmentUuid,
    }),
    branchName: optionalString(run.branch, 'main', 'run.branch'),
  }
}

function braced(value: unknown, seed: string, path: string): string {
  if (value === undefined) return `{${derivedUuid(seed)}}`
  if (typeof value !== 'string' || !BRACED.test(value)) {
    throw new InvalidInputError(`${path}: expected a UUID in braces, {…}`, path)
  }
  return value
}

function slug(value: unknown, path: string): string {
  const s = nonEmpty(value, path)
  if (!/^[A-Za-z0-9_.-]+$/.test(s))
    throw new InvalidInputError(`${path}: expected a workspace slug`, path)
  return s
}
