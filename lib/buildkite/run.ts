/**
 * A typed description of one Buildkite job and the `buildkite-agent oidc request-token` call it
 * makes. `buildkiteClaims(run)` turns it into the exact claim set. Claims:
 * https://buildkite.com/docs/agent/cli/reference/oidc (FACTS-ISSUERS.md §4.2).
 */
export interface BuildkiteRun {
  /** Organisation slug (`organization_slug`). */
  organization: string
  /** Pipeline slug (`pipeline_slug`). */
  pipeline: string
  /** Build number (an integer in the token). Default 1. */
  buildNumber?: number
  /** Branch. Default `main`. */
  branch?: string
  /** Tag, when the build has one (`build_tag`; makes the `sub` ref `refs/tags/<tag>`). */
  tag?: string
  /** Commit SHA. Default: derived. */
  commit?: string
  /** The step's `key:`; `null` (default) when the step has none. */
  stepKey?: string | null
  /** `ui`, `api`, `webhook`, `trigger_job` or `schedule`. Default `webhook`. */
  buildSource?: string
  runnerEnvironment?: 'buildkite-hosted' | 'self-hosted'
  /** UUIDs; default derived. */
  jobId?: string
  agentId?: string
  organizationId?: string
  pipelineId?: string
  buildId?: string
  clusterId?: string
  clusterName?: string
  queueId?: string
  queueKey?: string
  /** The agent's tags (`queue=deploy` → `{ queue: 'deploy' }`), for `--claim agent_tag:NAME`. */
  agentTags?: Record<string, string>
  /** What the job's `buildkite-agent oidc request-token` asks for, besides `--audience`. */
  tokenRequest?: BuildkiteTokenRequest
}

/** Flags of `buildkite-agent oidc request-token` (https://buildkite.com/docs/agent/cli/reference/oidc). */
export interface BuildkiteTokenRequest {
  /** `--lifetime`: seconds until `exp`; default 300. */
  lifetime?: number
  /** `--claim`: optional claims to add (`organization_id`, `pipeline_id`, `cluster_id`, …, `agent_tag:NAME`). */
  claims?: string[]
  /** `--aws-session-tag`: claims to copy into `https://aws.amazon.com/tags`. */
  awsSessionTags?: string[]
  /** `--subject-claim`: make `sub` the bare value of this id claim. */
  subjectClaim?: string
}
