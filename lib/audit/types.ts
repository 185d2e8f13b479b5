/**
 * The shapes the trust-policy auditor returns: findings, their locations and fixes, and the
 * counterexample runs that prove them. Plain data, so the CLI can print them as JSON and the site
 * can render them.
 */
import type { Clock } from '../core/clock.js'
import type { SubjectTemplate } from '../github/subject.js'

/** How bad a finding is, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info'

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']

/**
 * 0 for `critical` … 4 for `info`, so `severityRank(a) <= severityRank(b)` reads "a is at least
 * as severe as b".
 *
 * @example
 * severityRank('high') < severityRank('medium') // true
 */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** Where a finding points: a JSON path, plus line and column when the text is known. */
export interface FindingLocation {
  /** E.g. `Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"][1]`. */
  path: string
  line?: number
  column?: number
}

/**
 * A GitHub Actions workflow run as an attacker would set it up: a `WorkflowRun` (lib/github/run.ts)
 * with every id written out, so the audit, its report and the proof through `walk()` all mint the
 * same claims with `githubClaims`.
 */
export interface AttackRun {
  owner: string
  repo: string
  ownerId: string
  repoId: string
  branch?: string
  tag?: string
  ref?: string
  refProtected?: boolean
  event?: string
  pullRequestNumber?: string
  headRef?: string
  baseRef?: string
  environment?: string
  actor: string
  actorId: string
  workflowFile?: string
  workflowName?: string
  sha: string
  reusableWorkflow?: { repository: string; path: string; ref: string; sha?: string }
  runner?: 'github-hosted' | 'self-hosted'
  visibility?: 'public' | 'private' | 'internal'
  enterprise?: { slug: string; id: string }
  runId: string
  runNumber: string
  runAttempt: string
  checkRunId: string
  /** Repository custom properties in the token (`repo_property_*`), as in `WorkflowRun`. */
  customProperties?: Record<string, string>
  immutableSubject?: boolean
}

/**
 * A repository's `sub` customisation (REST `use_default` / `include_claim_keys`): GitHub's own
 * `SubjectTemplate`.
 */
export type AttackSubjectTemplate = SubjectTemplate

/** A full GitHub claim set: strings, except `exp`/`iat`/`nbf`. */
export type ClaimSet = Record<string, string | number>

/** The result of re-running a counterexample through the real issuer and STS (`walk()`). */
export interface CounterexampleProof {
  /** `true` when the walk ended with credentials. */
  ok: boolean
  /** How it was checked: `walk` (issuer + STS) or `engine` (claims → context → evaluation). */
  via: 'walk' | 'engine'
  /** The assumed-role ARN the attacker got, when `ok`. */
  assumedRoleArn?: string
  /** STS's answer when not `ok`. */
  error?: { code: string; message: string }
}

/** A workflow run from somewhere else that the policy allows: the proof behind a finding. */
export interface Counterexample {
  /** The attacking run (WorkflowRun-shaped). */
  run: AttackRun
  /** The full claim set GitHub would put in that run's token. */
  claims: ClaimSet
  /** The audience the attacker asks for (anyone may ask for any audience). */
  audience: string
  /** The `sub` template the attacker set on their own repository, if any. */
  subjectTemplate?: AttackSubjectTemplate
  /** Who the attacker is, in one sentence. */
  attacker: string
  /** The engine's verdict on this run: always `Allow` for a counterexample. */
  decision: 'Allow'
  /** Set by `proveFindings`/`auditAndProve` after the walk: `true` when the attack got credentials. */
  verified?: boolean
  proof?: CounterexampleProof
}

/**
 * A run on another CI system that the policy allows: the platform's run model (e.g. GitLab's
 * `{ projectPath, branch }`), the exact claims it mints, and — after `proveFindings` — the walk
 * through that platform's issuer emulator and STS.
 */
export interface IssuerCounterexample {
  issuerKind: 'gitlab' | 'circleci' | 'terraform' | 'buildkite' | 'bitbucket'
  run: Record<string, unknown>
  claims: Record<string, unknown>
  audience: string
  attacker: string
  decision: 'Allow'
  verified?: boolean
  proof?: CounterexampleProof
}

/**
 * The OIDC provider a finding concerns: its issuer URL, the provider ARN the policy names, and —
 * for another CI system than GitHub — which one.
 */
export interface FindingProvider {
  /** `https://token.actions.githubusercontent.com`, `https://gitlab.com`, … */
  issuer: string
  /** `arn:aws:iam::123456789012:oidc-provider/gitlab.com`. */
  arn: string
  /** Absent for GitHub. */
  issuerKind?: IssuerCounterexample['issuerKind']
}

/** Stable finding ids (also SARIF rule ids). See `FINDING_RULES` for each one's meaning. */
export type FindingId =
  | 'missing-subject'
  | 'audience-only'
  | 'subject-wildcard'
  | 'owner-prefix-wildcard'
  | 'organization-wide'
  | 'repository-wide'
  | 'branch-wildcard'
  | 'environment-wildcard'
  | 'pull-request-subject'
  | 'pull-request-target'
  | 'unprotected-environment'
  | 'loose-value-in-list'
  | 'negated-operator'
  | 'if-exists-fail-open'
  | 'for-all-values-fail-open'
  | 'for-all-values-single-valued'
  | 'never-populated-key'
  | 'unknown-condition-key'
  | 'duplicate-key'
  | 'like-operator-on-audience'
  | 'wildcard-without-like'
  | 'tag-pinned-reusable-workflow'
  | 'reusable-workflow-any-caller'
  | 'reusable-workflow-owner-callers'
  | 'name-based-subject'
  | 'attacker-controlled-claim'
  | 'missing-tag-session'
  | 'intended-run-denied'
  | 'no-run-allowed'
  | 'aws-guardrail-rejects'
  | 'aws-guardrail-misses'
  | 'too-complex'
  | 'gitlab-any-project'
  | 'gitlab-group-prefix'
  | 'gitlab-group-wildcard'
  | 'gitlab-ref-type-wildcard'
  | 'gitlab-branch-wildcard'
  | 'gitlab-merge-request'
  | 'gitlab-path-reuse'
  | 'gitlab-unprotected-ref'
  | 'terraform-any-organization'
  | 'terraform-organization-prefix'
  | 'terraform-organization-wide'
  | 'terraform-workspace-wildcard'
  | 'terraform-run-phase-wildcard'
  | 'circleci-any-organization'
  | 'circleci-organization-wide'
  | 'circleci-branch-wildcard'
  | 'circleci-ssh-rerun'
  | 'buildkite-any-organization'
  | 'buildkite-organization-prefix'
  | 'buildkite-organization-wide'
  | 'buildkite-branch-wildcard'
  | 'bitbucket-workspace-wide'
  | 'bitbucket-repository-wide'
  | 'bitbucket-environment-by-name'

/** One risk in a trust policy. */
export interface Finding {
  id: FindingId
  severity: Severity
  title: string
  /** One paragraph: what is wrong, who can exploit it, and why. */
  explanation: string
  location: FindingLocation
  /** A corrected snippet (JSON) to paste in place of the located element. */
  fix: string
  references: string[]
  /** Present when the risk is exploitable: a run from elsewhere that the policy allows. */
  counterexample?: Counterexample
  /**
   * The same, for a policy trusting another CI system (GitLab, CircleCI, HCP Terraform, Buildkite,
   * Bitbucket): that platform's run and the claims its own claim builder mints for it.
   */
  issuerCounterexample?: IssuerCounterexample
  /**
   * The whole policy with the fix applied, when trustwalk can build it. Tests check that it
   * denies the counterexample and still allows the intended run.
   */
  fixedPolicy?: object
  /**
   * Which trusted provider the finding concerns. Set when the policy trusts more than one CI
   * issuer (GitHub and GitLab, say), each audited with its own model; absent otherwise, when the
   * audit's one provider is the report's `provider`.
   */
  provider?: FindingProvider
}

/** What the policy is meant to allow; findings are judged against it. */
export interface IntendedScope {
  /** `owner/repo`, or `owner/*` when every repository of the owner is meant to deploy. */
  repository?: string
  repositoryId?: string
  repositoryOwnerId?: string
  /** A full ref, `refs/heads/main` or `refs/tags/v1`. */
  ref?: string
  environment?: string
  /** The reusable workflow meant to run, `owner/repo/.github/workflows/x.yml@ref`. */
  jobWorkflowRef?: string
  /** `true` when pull-request runs are meant to use the role (e.g. a read-only plan role). */
  pullRequests?: boolean
}

/** Options of `auditTrustPolicy`. */
export interface AuditOptions {
  /** The issuer URL of the provider the role trusts. Default: read from the policy's `Federated`
   * principal, else github.com's `https://token.actions.githubusercontent.com`. */
  provider?: string
  intended?: IntendedScope
  /** Time of the attacker's tokens (`iat`). Default a fixed instant, so results are reproducible. */
  clock?: Clock
}

/** The audit of one trust policy found in a file. */
export interface AuditResult {
  /** The file the policy came from (as given). */
  fileName: string
  /** Which policy in the file: role name or resource address (`Resources.DeployRole`). */
  policyName: string
  findings: Finding[]
  /** What the reader had to assume to find this policy (unresolved variables, merged blocks…). */
  notes?: string[]
  /** Set when the policy could not be read (then `findings` is empty). */
  error?: { code: string; message: string; location?: FindingLocation }
}
