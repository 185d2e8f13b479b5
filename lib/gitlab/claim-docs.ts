/**
 * One-line explanations of every claim in a GitLab ID token, and who can choose each value — for
 * `trustwalk decode`, `explain` and the site's token inspector.
 *
 * Source: https://docs.gitlab.com/ci/secrets/id_token_authentication/ (FACTS-ISSUERS.md §1.2, §1.5).
 */
import type { ClaimControl } from '../oidc-issuer/profile.js'

export const GITLAB_CLAIM_DOCS_SOURCE =
  'https://docs.gitlab.com/ci/secrets/id_token_authentication/'

/** Claim name → one plain sentence. */
export const GITLAB_CLAIM_DOCS: Readonly<Record<string, string>> = {
  iss: 'Issuer: the GitLab instance URL (https://gitlab.com, or your self-managed host); AWS looks up the IAM OIDC provider with exactly this URL.',
  sub: 'Subject: project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME by default; projects can change its components, and lead with project_id to survive renames.',
  aud: 'Audience: whatever the job names under id_tokens: in .gitlab-ci.yml — any job can ask for any value, so it is never a boundary on its own.',
  exp: "Expiry time (seconds since 1970): the job's timeout after iat, 5 minutes when the job has none.",
  nbf: 'Not-before time (seconds since 1970): a few seconds before iat.',
  iat: 'Issued-at time (seconds since 1970): GitLab mints the token when the job starts.',
  jti: 'Token id, unique to this token.',
  project_id:
    'The numeric id of the project the token names (a string); survives renames and transfers. AWS maps it to gitlab.com:project_id.',
  project_path:
    'The project as group/subgroup/project; a deleted path can be re-created by someone else.',
  namespace_id:
    "The numeric id of the project's group or user namespace (a string); changes when the project is transferred. AWS maps it to gitlab.com:namespace_id.",
  namespace_path: 'The group or user namespace the project lives in.',
  job_project_id: 'The numeric id of the project the job actually runs in (GitLab 18.4+).',
  job_project_path:
    'The path of the project the job actually runs in; differs from project_path for merge-request pipelines from forks.',
  job_namespace_id: 'The numeric id of the namespace of the project the job runs in.',
  job_namespace_path: 'The namespace of the project the job runs in.',
  user_id: 'The numeric id of the user who triggered the job. AWS maps it to gitlab.com:user_id.',
  user_login:
    'The username of the user who triggered the job; users can change it. AWS maps it to gitlab.com:user_login.',
  user_email:
    'The email address of that user; users can change it. AWS maps it to gitlab.com:user_email.',
  user_access_level:
    "That user's role in the project, e.g. developer, maintainer or owner. AWS maps it to gitlab.com:user_access_level.",
  user_identities:
    'External identities of the user (opt-in per user): a list of {provider, extern_uid}.',
  pipeline_id: 'The id of the pipeline (a numeric string).',
  pipeline_source:
    'How the pipeline started: push, merge_request_event, schedule, web, api… — chosen by whoever triggers it. AWS maps it to gitlab.com:pipeline_source.',
  job_id: 'The id of the job (a numeric string).',
  ref: 'The short branch or tag name, e.g. main — for merge-request pipelines the source branch, which any pusher names.',
  ref_type: 'Whether ref is a branch or a tag.',
  ref_path: 'The full ref, e.g. refs/heads/main or refs/tags/v1.',
  ref_protected:
    'Whether the ref is protected, as "true" or "false". AWS maps it to gitlab.com:ref_protected.',
  groups_direct: 'Groups the user belongs to directly (up to 200), when enabled.',
  environment: 'The environment the job deploys to — a name the job author writes in the YAML.',
  environment_protected: 'Whether that environment is protected, as "true" or "false".',
  deployment_tier: 'The environment tier: production, staging, testing, development or other.',
  environment_action:
    'What the job does to the environment: start, prepare, stop, verify or access.',
  runner_id: 'The id of the runner that runs the job (an integer).',
  runner_environment:
    "gitlab-hosted or self-hosted. AWS maps it to gitlab.com:runner_environment (AWS lists the key; GitLab's own docs do not).",
  sha: 'The commit SHA the job runs on.',
  ci_config_ref_uri:
    'Where the pipeline configuration came from: host/group/project//.gitlab-ci.yml@ref; null when the config lives in another project.',
  ci_config_sha: 'The commit SHA of that configuration.',
  project_visibility: 'The project visibility: public, internal or private.',
  job_source: 'Where the job came from (GitLab 18.9+).',
  job_config: 'For policy jobs: the URL and SHA of the policy configuration.',
}

/**
 * Who can choose each claim (FACTS-ISSUERS.md §1.2, §1.5): paths, refs, environments and `aud` are
 * in a job author's hands; `project_path` also in an outsider's, through a fork's merge-request
 * pipeline on GitLab before 18.2.2 and through recycled paths.
 */
export const GITLAB_CLAIM_CONTROL: Readonly<Record<string, ClaimControl>> = {
  aud: 'job-author',
  sub: 'job-author',
  ref: 'job-author',
  ref_path: 'job-author',
  ref_type: 'job-author',
  environment: 'job-author',
  environment_action: 'job-author',
  pipeline_source: 'job-author',
  user_login: 'job-author',
  user_email: 'job-author',
  project_path: 'outsider',
  namespace_path: 'outsider',
  project_id: 'platform',
  namespace_id: 'platform',
  job_project_id: 'platform',
  job_project_path: 'admin',
  job_namespace_id: 'platform',
  job_namespace_path: 'admin',
  user_id: 'platform',
  user_access_level: 'admin',
  ref_protected: 'admin',
  environment_protected: 'admin',
  deployment_tier: 'job-author',
  project_visibility: 'admin',
  runner_id: 'platform',
  runner_environment: 'job-author',
  sha: 'job-author',
  pipeline_id: 'platform',
  job_id: 'platform',
}

/**
 * The explanation for a GitLab claim; `undefined` for a claim GitLab does not issue.
 *
 * @example
 * explainGitLabClaim('project_id') // 'The numeric id of the project …'
 */
export function explainGitLabClaim(name: string): string | undefined {
  return Object.hasOwn(GITLAB_CLAIM_DOCS, name) ? GITLAB_CLAIM_DOCS[name] : undefined
}
