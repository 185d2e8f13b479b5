/**
 * One-line explanations of every claim in a Buildkite OIDC token, and who can choose each value
 * (FACTS-ISSUERS.md §4.2, §4.5; https://buildkite.com/docs/agent/cli/reference/oidc).
 */
import type { ClaimControl } from '../oidc-issuer/profile.js'

export const BUILDKITE_CLAIM_DOCS: Readonly<Record<string, string>> = {
  iss: 'Issuer: https://agent.buildkite.com, shared by every Buildkite organisation.',
  sub: 'Subject: organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:KEY by default; the job can make it the bare value of one id with --subject-claim.',
  aud: 'Audience: https://buildkite.com/ORG unless the job passes --audience (AWS guides use sts.amazonaws.com).',
  iat: 'Issued-at time (seconds since 1970): when the job asked for the token.',
  nbf: 'Not-before time (seconds since 1970): the same as iat.',
  exp: 'Expiry time (seconds since 1970): 5 minutes after iat unless the job passes --lifetime.',
  organization_slug:
    'The organisation slug; renameable, first come first served. AWS maps it to agent.buildkite.com:organization_slug.',
  pipeline_slug: 'The pipeline slug; renameable. AWS maps it to agent.buildkite.com:pipeline_slug.',
  build_number: 'The build number (an integer).',
  build_branch:
    'The branch of the build — any pusher names it, and later steps can check out another. AWS maps it to agent.buildkite.com:build_branch.',
  build_tag: 'The tag of the build; present only when the build has one.',
  build_commit: 'The commit SHA of the build.',
  step_key: "The step's key: from the pipeline YAML, or null when the step has none.",
  job_id: 'The UUID of the job.',
  agent_id: 'The UUID of the agent running the job.',
  build_source: 'How the build started: ui, api, webhook, trigger_job or schedule.',
  runner_environment: 'buildkite-hosted or self-hosted.',
  organization_id:
    'The organisation UUID; only with --claim organization_id. AWS maps it to agent.buildkite.com:organization_id.',
  pipeline_id:
    'The pipeline UUID; only with --claim pipeline_id. AWS maps it to agent.buildkite.com:pipeline_id.',
  build_id: 'The build UUID; only with --claim build_id.',
  cluster_id:
    'The cluster UUID; only with --claim cluster_id. AWS maps it to agent.buildkite.com:cluster_id.',
  cluster_name:
    'The cluster name; only with --claim cluster_name. AWS maps it to agent.buildkite.com:cluster_name.',
  queue_id: 'The queue UUID; only with --claim queue_id.',
  queue_key: 'The queue key; only with --claim queue_key.',
  'https://aws.amazon.com/tags':
    'AWS session tags the job asked for with --aws-session-tag; the role needs sts:TagSession.',
}

export const BUILDKITE_CLAIM_CONTROL: Readonly<Record<string, ClaimControl>> = {
  aud: 'job-author',
  sub: 'job-author',
  exp: 'job-author',
  organization_slug: 'admin',
  pipeline_slug: 'admin',
  build_branch: 'job-author',
  build_tag: 'job-author',
  build_commit: 'job-author',
  step_key: 'job-author',
  build_source: 'job-author',
  runner_environment: 'job-author',
  job_id: 'platform',
  agent_id: 'platform',
  build_number: 'platform',
  // Present or absent at the job's choice (--claim).
  organization_id: 'job-author',
  pipeline_id: 'job-author',
  build_id: 'job-author',
  cluster_id: 'job-author',
  cluster_name: 'job-author',
  queue_id: 'job-author',
  queue_key: 'job-author',
  'https://aws.amazon.com/tags': 'job-author',
}

/**
 * The explanation for a Buildkite claim, including `agent_tag:NAME`; `undefined` otherwise.
 *
 * @example
 * explainBuildkiteClaim('step_key') // "The step's key: …"
 */
export function explainBuildkiteClaim(name: string): string | undefined {
  if (Object.hasOwn(BUILDKITE_CLAIM_DOCS, name)) return BUILDKITE_CLAIM_DOCS[name]
  if (/^agent_tag:./.test(name)) return 'An agent tag, added with --claim agent_tag:NAME.'
  return undefined
}
