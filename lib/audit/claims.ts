/**
 * What an attacker's GitHub token would carry: the claim set GitHub mints for a workflow run the
 * attacker controls (FACTS.md §1.3, §1.5; https://docs.github.com/en/actions/reference/security/oidc).
 *
 * The auditor lives on the AWS side and may not import lib/github (the trust boundary), yet it has
 * to reason about tokens from runs it invents. So it keeps this small, documented model of GitHub's
 * claims. It follows the same rules as `githubClaims` in lib/github for every claim AWS turns into
 * a condition key, and `lib/handshake/audit-proof.ts` re-mints every counterexample with the real
 * issuer and walks it through STS, so a drift between the two would fail the proof, not pass
 * silently.
 */
import type { AttackRun, AttackSubjectTemplate, ClaimSet } from './types.js'

/** github.com's issuer (FACTS.md §1.7). */
export const GITHUB_DOTCOM_ISSUER = 'https://token.actions.githubusercontent.com'

/** The default `iat` of attacker tokens (2026-10-08T18:31:15Z): fixed, so audits are reproducible. */
export const AUDIT_EPOCH_SECONDS = 1791484275

export interface AttackerClaimOptions {
  /** `iss`. Default github.com's issuer. */
  issuer?: string
  /** `aud`. Default `https://github.com/OWNER`, as the runner asks when no audience is given. */
  audience?: string
  /** The attacker's own repository `sub` template. */
  subjectTemplate?: AttackSubjectTemplate
  /** `iat` in epoch seconds. Default `AUDIT_EPOCH_SECONDS`. */
  issuedAt?: number
}

/**
 * The full claim set of a token GitHub would mint for `run`, in GitHub's key order.
 *
 * @example
 * const claims = attackerClaims(
 *   { owner: 'evil-org', repo: 'app', ownerId: '9001', repoId: '9002', actor: 'mallory',
 *     actorId: '9003', sha: 'e'.repeat(40), runId: '1', runNumber: '1', runAttempt: '1',
 *     checkRunId: '1' },
 *   { audience: 'sts.amazonaws.com' },
 * )
 * claims.sub // 'repo:evil-org/app:ref:refs/heads/main'
 */
export function attackerClaims(run: AttackRun, options: AttackerClaimOptions = {}): ClaimSet {
  const repository = `${run.owner}/${run.repo}`
  const event = run.event ?? 'push'
  const isPr = event === 'pull_request' || event === 'pull_request_target'
  const headRef = isPr ? (run.headRef ?? 'feature') : ''
  const baseRef = isPr ? (run.baseRef ?? 'main') : ''
  const ref = resolveRef(run, event, baseRef)
  const workflowFile = run.workflowFile ?? '.github/workflows/deploy.yml'
  const workflowName = run.workflowName ?? workflowFile.replace(/^.*\//, '').replace(/\.ya?ml$/, '')
  const workflowRef = `${repository}/${workflowFile}@${ref}`
  const reusable = run.reusableWorkflow
  const jobWorkflowRef = reusable
    ? `${reusable.repository}/${reusable.path}@${reusable.ref}`
    : workflowRef
  const jobWorkflowSha = reusable
    ? (reusable.sha ?? (/^[0-9a-f]{40}$/.test(reusable.ref) ? reusable.ref : run.sha))
    : run.sha
  const body: ClaimSet = {
    ...(run.environment === undefined
      ? {}
      : {
          environment: run.environment,
          environment_node_id: `EN_kwDO${fnv(`${run.repoId}:${run.environment}`)}`,
        }),
    aud: options.audience ?? `https://github.com/${run.owner}`,
    ref,
    sha: run.sha,
    repository,
    repository_owner: run.owner,
    repository_owner_id: run.ownerId,
    run_id: run.runId,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    repository_visibility: run.visibility ?? 'private',
    repository_id: run.repoId,
    actor_id: run.actorId,
    actor: run.actor,
    workflow: workflowName,
    head_ref: headRef,
    base_ref: baseRef,
    event_name: event,
    ref_protected: run.refProtected ? 'true' : 'false',
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    workflow_ref: workflowRef,
    workflow_sha: run.sha,
    job_workflow_ref: jobWorkflowRef,
    job_workflow_sha: jobWorkflowSha,
    runner_environment: run.runner ?? 'github-hosted',
    ...(run.enterprise === undefined
      ? {}
      : { enterprise: run.enterprise.slug, enterprise_id: run.enterprise.id }),
    check_run_id: run.checkRunId,
  }
  const sub = attackerSubject(body, run, options.subjectTemplate)
  const iat = options.issuedAt ?? AUDIT_EPOCH_SECONDS
  const times = { iss: options.issuer ?? GITHUB_DOTCOM_ISSUER, nbf: iat - 300, exp: iat + 300, iat }
  const jti = uuidLike(JSON.stringify({ sub, ...body, ...times }))
  return { jti, sub, ...body, ...times }
}

function resolveRef(run: AttackRun, event: string, baseRef: string): string {
  if (run.ref !== undefined) return run.ref
  // A pull_request run checks out the merge ref; pull_request_target runs on the base branch
  // (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request_target).
  if (event === 'pull_request') return `refs/pull/${run.pullRequestNumber ?? '1'}/merge`
  if (run.tag !== undefined) return `refs/tags/${run.tag}`
  return `refs/heads/${run.branch ?? (event === 'pull_request_target' ? baseRef : 'main')}`
}

/** `:` in a value is written `%3A`; `%` is left alone (FACTS.md §1.5). */
function escapeValue(value: unknown): string {
  return String(value ?? '').replaceAll(':', '%3A')
}

/**
 * The `sub` GitHub writes: environment, else `pull_request` for pull_request events, else the
 * ref; a custom template writes `key:value` pairs in order (`repo` = the repository, `context` =
 * the default tail); the immutable form writes `OWNER@OWNER_ID/REPO@REPO_ID`.
 *
 * @example
 * attackerSubject({ ref: 'refs/heads/main', event_name: 'push' }, run) // 'repo:o/r:ref:refs/heads/main'
 */
export function attackerSubject(
  claims: ClaimSet,
  run: Pick<AttackRun, 'owner' | 'repo' | 'ownerId' | 'repoId' | 'immutableSubject'>,
  template?: AttackSubjectTemplate,
): string {
  const repo = run.immutableSubject
    ? `${run.owner}@${run.ownerId}/${run.repo}@${run.repoId}`
    : `${run.owner}/${run.repo}`
  const context =
    claims.environment !== undefined
      ? `environment:${escapeValue(claims.environment)}`
      : claims.event_name === 'pull_request'
        ? 'pull_request'
        : `ref:${escapeValue(claims.ref)}`
  const keys = template && template.useDefault !== true ? template.includeClaimKeys : undefined
  if (!keys || keys.length === 0) return `repo:${repo}:${context}`
  return keys
    .map((key) =>
      key === 'repo'
        ? `repo:${repo}`
        : key === 'context'
          ? context
          : `${key}:${escapeValue(claims[key])}`,
    )
    .join(':')
}

/** FNV-1a, 32 bits, as 8 hex digits: only for reproducible-looking identifiers. */
function fnv(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

function uuidLike(seed: string): string {
  const hex = [0, 1, 2, 3].map((i) => fnv(`${i}:${seed}`)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
