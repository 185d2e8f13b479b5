/**
 * One-line explanations of every claim in a CircleCI OIDC token, and who can choose each value.
 *
 * Source: https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/
 * (FACTS-ISSUERS.md §2.2, §2.5).
 */
import type { ClaimControl } from '../oidc-issuer/profile.js'

export const CIRCLECI_CLAIM_DOCS_SOURCE =
  'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/'

/** Claim name → one plain sentence. */
export const CIRCLECI_CLAIM_DOCS: Readonly<Record<string, string>> = {
  iss: "Issuer: https://oidc.circleci.com/org/ORG_ID, one per organisation; AWS's provider URL and condition-key prefix keep that path.",
  sub: 'Subject: org/ORG/project/PROJECT/user/USER (CIRCLE_OIDC_TOKEN), plus /vcs-origin/REPO/vcs-ref/REF in CIRCLE_OIDC_TOKEN_V2 — all UUIDs except the repository and ref.',
  aud: "Audience: the organisation's UUID by default; a job can ask for another with circleci run oidc get --claims.",
  iat: 'Issued-at time (seconds since 1970): shortly before the job starts.',
  exp: 'Expiry time (seconds since 1970): one hour after iat.',
  'oidc.circleci.com/org-id': "The organisation's UUID.",
  'oidc.circleci.com/project-id':
    "The project's UUID; never changes. AWS maps it to the key PROVIDER:oidc.circleci.com/project-id.",
  'oidc.circleci.com/pipeline-definition-id': "The UUID of the project's pipeline definition.",
  'oidc.circleci.com/pipeline-id': 'The UUID of the pipeline.',
  'oidc.circleci.com/workflow-id': 'The UUID of the workflow.',
  'oidc.circleci.com/job-id': 'The UUID of the job.',
  'oidc.circleci.com/vcs-origin':
    'The repository, e.g. github.com/acme/app; absent for custom-webhook triggers. Fork PR builds must be checked against it.',
  'oidc.circleci.com/vcs-ref':
    'The git ref, e.g. refs/heads/main — any pusher names branches; absent for custom-webhook triggers.',
  'oidc.circleci.com/context-ids': 'The UUIDs of the contexts the job uses (a list).',
  'oidc.circleci.com/ssh-rerun':
    'true when the job was started with "Rerun job with SSH": a person has a shell holding this token. AWS cannot test it.',
}

/** Who can choose each claim (FACTS-ISSUERS.md §2.5). */
export const CIRCLECI_CLAIM_CONTROL: Readonly<Record<string, ClaimControl>> = {
  aud: 'job-author',
  sub: 'job-author',
  'oidc.circleci.com/org-id': 'platform',
  'oidc.circleci.com/project-id': 'platform',
  'oidc.circleci.com/pipeline-definition-id': 'platform',
  'oidc.circleci.com/pipeline-id': 'platform',
  'oidc.circleci.com/workflow-id': 'platform',
  'oidc.circleci.com/job-id': 'platform',
  // Fork PR builds (with "Pass secrets to builds from forked pull requests") run in the project.
  'oidc.circleci.com/vcs-origin': 'outsider',
  'oidc.circleci.com/vcs-ref': 'job-author',
  'oidc.circleci.com/context-ids': 'job-author',
  'oidc.circleci.com/ssh-rerun': 'job-author',
}

/**
 * The explanation for a CircleCI claim; `undefined` for a claim CircleCI does not issue.
 *
 * @example
 * explainCircleCIClaim('oidc.circleci.com/ssh-rerun') // 'true when the job was started with …'
 */
export function explainCircleCIClaim(name: string): string | undefined {
  return Object.hasOwn(CIRCLECI_CLAIM_DOCS, name) ? CIRCLECI_CLAIM_DOCS[name] : undefined
}
