/**
 * The auditor for the other CI systems (GitLab, CircleCI, HCP Terraform, Buildkite, Bitbucket):
 * per issuer, an attacker model built on that platform's own run model — the victim run the
 * policy describes, and runs someone else could start (another tenant of a shared issuer, a name
 * extending the victim's, another project of the group, a tag named like the branch, a merge
 * request, a speculative plan, another repository of the workspace…). Each run's claims come
 * from the platform's claim builder in its lib/<issuer> folder (through the registry: one claim
 * model, no copy); AWS's request context and the trust-policy engine decide, exactly as for
 * GitHub. `proveFindings` (proof.ts) replays every counterexample through `walk()` with that
 * issuer's emulator. Patterns and sources: FACTS-ISSUERS.md §1.5, §2.5, §3.5, §4.5, §5.5.
 */
import { findingRule } from './catalogue.js'
import type { AuditCoverage } from './budget.js'
import { AUDIT_LIMITS, exploitLimit, newCoverage } from './budget.js'
import { allowedProviders, providerGuardrail } from './providers.js'
import type { ProviderScope } from './providers.js'
import { tooComplexFinding } from './too-complex.js'
import { member, q } from './text.js'
import { severityRank } from './types.js'
import type { AuditOptions, Finding, FindingId, IssuerCounterexample } from './types.js'
import { trustedProviders } from '../explain/trusted-providers.js'
import { conditionKeyPrefix } from '../aws/arn.js'
import { requestContextFromToken } from '../aws/policy/context.js'
import { OIDC_CONDITION_CLAIMS } from '../aws/policy/github-keys.js'
import { providerConditionClaims } from '../aws/policy/provider-keys.js'
import { evaluateTrustPolicy } from '../aws/policy/evaluate.js'
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import type { TrustPolicy } from '../aws/policy/model.js'
import { OPERATORS } from '../aws/policy/operator-names.js'
import { fixedClock } from '../core/clock.js'
import { DEMO_ACCOUNT_ID, DEMO_TIME } from '../core/demo.js'
import { getIssuerProfile, issuerKindForUrl } from '../issuers/index.js'
import type { IssuerKind } from '../issuers/index.js'

/** The CI systems this module audits (GitHub has the full auditor, audit.ts). */
export type OtherIssuerKind = Exclude<IssuerKind, 'github'>

/** What one audit of another issuer's policy works with. */
export interface IssuerAuditContext {
  kind: OtherIssuerKind
  policy: TrustPolicy
  /** The provider URL (`https://gitlab.com`, `https://oidc.circleci.com/org/<ORG>`…). */
  issuer: string
  /** Condition-key prefix: the provider URL without `https://`. */
  prefix: string
  providerArn: string
  issuedAt: number
  coverage: AuditCoverage
  /** Set when the policy trusts more than one CI issuer (providers.ts). */
  scope?: ProviderScope
}

/** One attacker (or victim) run of the platform, and the audience its token asks for. */
export interface IssuerSetup {
  run: Record<string, unknown>
  audience: string
}

interface Attack extends IssuerSetup {
  id: FindingId
  /** Who the attacker is, one sentence. */
  attacker: string
}

/** The attacker's names on every platform. */
const MALLORY = 'mallory-org'

/**
 * The issuer audit's context when the policy trusts (or `options.provider` names) another CI
 * system's provider; `undefined` otherwise.
 *
 * @example
 * issuerAuditContext(parseTrustPolicy(gitlabPolicy), {})?.kind // 'gitlab'
 */
export function issuerAuditContext(
  policy: TrustPolicy,
  options: AuditOptions,
): IssuerAuditContext | undefined {
  const providers = trustedProviders(policy)
  if (options.provider !== undefined) {
    const issuer = options.provider.replace(/\/+$/, '')
    const arn = providers.find((p) => p.hostPath === conditionKeyPrefix(issuer))?.arn
    return contextFor(policy, options, issuer, kindOf(policy, issuer), arn)
  }
  for (const p of providers) {
    const k = kindOf(policy, `https://${p.hostPath}`)
    if (k !== undefined && k !== 'github')
      return contextFor(policy, options, `https://${p.hostPath}`, k, p.arn)
  }
  return undefined
}

/**
 * One issuer audit's context per other CI system whose provider an Allow statement names, in the
 * order the policy names them (each provider once): for a policy trusting several issuers.
 *
 * @example
 * issuerAuditContexts(parseTrustPolicy(policy), {}).map((c) => c.kind) // ['gitlab', 'circleci']
 */
export function issuerAuditContexts(
  policy: TrustPolicy,
  options: AuditOptions,
): IssuerAuditContext[] {
  const out: IssuerAuditContext[] = []
  for (const p of allowedProviders(policy)) {
    const k = kindOf(policy, `https://${p.hostPath}`)
    if (k === undefined || k === 'github') continue
    const ctx = contextFor(policy, options, `https://${p.hostPath}`, k, p.arn)
    if (ctx) out.push(ctx)
  }
  return out
}

/**
 * The CI system behind an issuer URL: the registry's answer for the hosts it knows
 * (`issuerKindForUrl`); for any other host, GitLab when the policy tests `HOST:sub` only against
 * GitLab's own subject forms (`project_path:…` or `project_id:…`, FACTS-ISSUERS.md §1.3) — a
 * self-managed or Dedicated GitLab instance, whose issuer is its own URL. No other platform writes
 * a sub that starts so; a host with no such condition stays unmodelled.
 *
 * @example
 * kindOf(parseTrustPolicy(policy), 'https://gitlab.example.com') // 'gitlab' when its sub is "project_path:acme/app:…"
 */
function kindOf(policy: TrustPolicy, issuer: string): IssuerKind | undefined {
  const known = issuerKindForUrl(issuer)
  if (known !== undefined || !issuer.startsWith('https://')) return known
  const key = `${conditionKeyPrefix(issuer)}:sub`.toLowerCase()
  const subs: string[] = []
  for (const s of policy.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      const spec = OPERATORS.get(c.operator.base)
      if (!spec || spec.negated || spec.family !== 'String' || c.key.toLowerCase() !== key) continue
      subs.push(...c.values.map((v) => v.value))
    }
  }
  return subs.length > 0 && subs.every((v) => /^project_(path|id):/.test(v)) ? 'gitlab' : undefined
}

function contextFor(
  policy: TrustPolicy,
  options: AuditOptions,
  issuer: string,
  kind: IssuerKind | undefined,
  arn: string | undefined,
): IssuerAuditContext | undefined {
  if (kind === undefined || kind === 'github') return undefined
  const prefix = conditionKeyPrefix(issuer)
  return {
    kind,
    policy,
    issuer,
    prefix,
    providerArn:
      arn ??
      `arn:aws:iam::${trustedProviders(policy)[0]?.accountId ?? DEMO_ACCOUNT_ID}:oidc-provider/${prefix}`,
    issuedAt: Math.floor((options.clock ?? fixedClock(DEMO_TIME))().getTime() / 1000),
    coverage: newCoverage(policy),
  }
}

/**
 * The claims the platform mints for a setup under this audit's issuer: the platform's own claim
 * builder (`IssuerProfile.claims`).
 *
 * @example
 * issuerClaims(ctx, { run: { projectPath: 'acme/app' }, audience: 'sts.amazonaws.com' }).sub // 'project_path:acme/app:ref_type:branch:ref:main'
 */
export function issuerClaims(ctx: IssuerAuditContext, setup: IssuerSetup): Record<string, unknown> {
  const profile = getIssuerProfile(ctx.kind)
  return profile.claims(profile.parseRun(setup.run), {
    issuer: ctx.issuer,
    audience: setup.audience,
    clock: fixedClock(ctx.issuedAt * 1000),
  })
}

/**
 * The engine's verdict on a setup: the platform's claims → AWS's request context (the keys AWS
 * fills for this provider host) → trust-policy evaluation.
 *
 * @example
 * evaluateIssuerSetup(ctx, victim).decision // 'Allow'
 */
export function evaluateIssuerSetup(
  ctx: IssuerAuditContext,
  setup: IssuerSetup,
  policy: TrustPolicy | object = ctx.policy,
): PolicyEvaluation {
  const context = requestContextFromToken(
    issuerClaims(ctx, setup),
    { Url: ctx.issuer, Arn: ctx.providerArn },
    { roleSessionName: getIssuerProfile(ctx.kind).sessionName },
  )
  return evaluateTrustPolicy(policy, context)
}

/** A condition value of the audited provider's key `suffix` in an Allow statement. */
interface PolicyValue {
  value: string
  wildcard: boolean
}

function valuesOf(ctx: IssuerAuditContext, suffix: string): PolicyValue[] {
  const key = `${ctx.prefix}:${suffix}`.toLowerCase()
  const out: PolicyValue[] = []
  for (const s of ctx.policy.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      const spec = OPERATORS.get(c.operator.base)
      if (!spec || spec.negated || spec.family !== 'String') continue
      if (c.key.toLowerCase() !== key) continue
      for (const v of c.values)
        out.push({ value: v.value, wildcard: spec.wildcards && /[*?]/.test(v.value) })
    }
  }
  return out
}

/** The first literal value of a key, if any. */
function literal(ctx: IssuerAuditContext, suffix: string): string | undefined {
  return valuesOf(ctx, suffix).find((v) => !v.wildcard)?.value
}

/** The text of a pattern before its first wildcard. */
function before(value: string): string {
  const i = value.search(/[*?]/)
  return i === -1 ? value : value.slice(0, i)
}

/** `name:value` read from a `:`-joined subject pattern (the value stops at the next `:` or wildcard). */
function part(sub: string, name: string): { value: string; open: boolean } | undefined {
  const i = sub.indexOf(`${name}:`)
  if (i === -1) return undefined
  const rest = sub.slice(i + name.length + 1)
  const end = rest.search(/[:*?]/)
  const value = end === -1 ? rest : rest.slice(0, end)
  return { value, open: end !== -1 && rest[end] !== ':' }
}

function audienceFor(ctx: IssuerAuditContext, victim: Record<string, unknown>): string {
  return literal(ctx, 'aud') ?? getIssuerProfile(ctx.kind).awsAudience(victim)
}

// ————— GitLab (FACTS-ISSUERS.md §1.5) —————

function gitlab(ctx: IssuerAuditContext): { victim: IssuerSetup; attacks: Attack[] } {
  const subs = valuesOf(ctx, 'sub')
  const sub = subs[0]?.value ?? ''
  const path = part(sub, 'project_path')
  let projectPath = 'acme/app'
  if (path && path.value !== '') {
    const text = path.open ? before(path.value).replace(/\/+$/, '') : path.value
    projectPath = text === '' ? 'acme/app' : path.open || !text.includes('/') ? `${text}/app` : text
  }
  const refType = part(sub, 'ref_type')
  const ref = part(sub, 'ref')
  const refName = ref && !ref.open && ref.value ? ref.value : 'main'
  const tag = refType && !refType.open && refType.value === 'tag'
  const victimRun: Record<string, unknown> = {
    projectPath,
    ...(tag ? { tag: refName } : { branch: refName }),
    refProtected: true,
    userLogin: 'release-manager',
    userAccessLevel: 'maintainer',
  }
  const projectId = literal(ctx, 'project_id') ?? part(sub, 'project_id')?.value
  const namespaceId = literal(ctx, 'namespace_id')
  if (projectId && /^[1-9][0-9]*$/.test(projectId)) victimRun.projectId = projectId
  if (namespaceId && /^[1-9][0-9]*$/.test(namespaceId)) victimRun.namespaceId = namespaceId
  if (sub.startsWith('project_id:'))
    victimRun.subClaimComponents = ['project_id', 'ref_type', 'ref']
  const victim = { run: victimRun, audience: audienceFor(ctx, victimRun) }
  const group = projectPath.split('/')[0]!
  const name = projectPath.split('/').slice(1).join('/')
  const { projectId: _p, namespaceId: _n, ...unpinned } = victimRun
  const other = (extra: Record<string, unknown>): Record<string, unknown> => ({
    ...unpinned,
    userLogin: 'mallory',
    userAccessLevel: 'developer',
    refProtected: false,
    ...extra,
  })
  const a = (id: FindingId, run: Record<string, unknown>, attacker: string): Attack => ({
    id,
    run,
    audience: victim.audience,
    attacker,
  })
  const attacks: Attack[] = [
    a(
      'gitlab-any-project',
      other({ projectPath: `${MALLORY}/exploit` }),
      ctx.prefix === 'gitlab.com'
        ? `a pipeline in ${MALLORY}/exploit, a project anyone can create on ${ctx.issuer}`
        : `a pipeline in ${MALLORY}/exploit, a project any user of ${ctx.issuer} can create`,
    ),
    a(
      'gitlab-group-prefix',
      other({ projectPath: `${group}-mallory/${name}` }),
      `a pipeline in ${group}-mallory/${name}: a group whose name starts with ${q(group)}, registered by someone else`,
    ),
    a(
      'gitlab-group-wildcard',
      other({
        projectPath: `${group}/mallory-tools`,
        ...(victimRun.namespaceId ? { namespaceId: victimRun.namespaceId } : {}),
      }),
      `a pipeline in ${group}/mallory-tools, another project of the group that any group member with the Developer role can push to`,
    ),
    a(
      'gitlab-group-wildcard',
      other({ projectPath: `${group}/sandbox/${name}` }),
      `a pipeline in ${group}/sandbox/${name}, a project in a subgroup (a * in project_path crosses /)`,
    ),
    a(
      'gitlab-ref-type-wildcard',
      { ...other({ tag: refName }), branch: undefined },
      `a pipeline for a tag named ${q(refName)} pushed by a developer: its sub says ref_type:tag:ref:${refName}`,
    ),
    a(
      'gitlab-branch-wildcard',
      { ...other({ branch: `${refName}-mallory` }), tag: undefined },
      `a pipeline on the unprotected branch ${refName}-mallory, pushed by a developer`,
    ),
    a(
      'gitlab-merge-request',
      {
        ...other({ branch: 'mallory-change', pipelineSource: 'merge_request_event' }),
        tag: undefined,
      },
      `a merge-request pipeline for the branch mallory-change, running code nobody has reviewed`,
    ),
    a(
      'gitlab-path-reuse',
      {
        ...unpinned,
        ...(victimRun.subClaimComponents ? {} : {}),
        userLogin: 'mallory',
        pathPreviouslyHeld: true,
        blockReclaimedPaths: false,
        projectId: '990000001',
        namespaceId: '990000002',
      },
      `a pipeline in a new project at the path ${projectPath} after the original was deleted or moved (GitLab before 19.1, or with block_jwt_for_reclaimed_paths off)`,
    ),
    a(
      'gitlab-unprotected-ref',
      { ...victimRun, refProtected: false, userLogin: 'mallory', userAccessLevel: 'developer' },
      `a pipeline on ${refName} while the ${tag ? 'tag' : 'branch'} is not protected, pushed by any developer`,
    ),
  ]
  // Victim ids for runs of the same project: same project, same ids.
  for (const at of attacks) {
    if (
      at.id === 'gitlab-ref-type-wildcard' ||
      at.id === 'gitlab-branch-wildcard' ||
      at.id === 'gitlab-merge-request'
    ) {
      if (victimRun.projectId) at.run.projectId = victimRun.projectId
      if (victimRun.namespaceId) at.run.namespaceId = victimRun.namespaceId
    }
    if (victimRun.subClaimComponents) at.run.subClaimComponents = victimRun.subClaimComponents
    for (const k of Object.keys(at.run)) if (at.run[k] === undefined) delete at.run[k]
  }
  if (tag) {
    // A tag policy: a branch named like the tag stands in for it.
    const ti = attacks.findIndex((x) => x.id === 'gitlab-ref-type-wildcard')
    const { tag: _t, ...branchRun } = attacks[ti]!.run
    attacks[ti] = {
      ...attacks[ti]!,
      run: { ...branchRun, branch: refName },
      attacker: `a pipeline on a branch named ${q(refName)} pushed by a developer: its sub says ref_type:branch:ref:${refName}`,
    }
  }
  return { victim, attacks }
}

// ————— HCP Terraform (FACTS-ISSUERS.md §3.5) —————

function terraform(ctx: IssuerAuditContext): { victim: IssuerSetup; attacks: Attack[] } {
  const sub = valuesOf(ctx, 'sub')[0]?.value ?? ''
  const pick = (name: string, fallback: string): string => {
    const p = part(sub, name)
    if (!p || p.value === '') return fallback
    return p.open ? `${p.value}${fallback}` : p.value
  }
  const organization = pick('organization', 'acme')
  const project = pick('project', 'Default Project')
  const workspace = pick('workspace', 'prod')
  const phasePart = part(sub, 'run_phase')
  const phase = phasePart && !phasePart.open && phasePart.value === 'plan' ? 'plan' : 'apply'
  const victimRun = { organization, project, workspace, phase }
  const audience = audienceFor(ctx, victimRun)
  const a = (id: FindingId, run: Record<string, unknown>, attacker: string): Attack => ({
    id,
    run,
    audience,
    attacker,
  })
  const attacks: Attack[] = [
    a(
      'terraform-any-organization',
      { organization: MALLORY, project, workspace, phase },
      `an ${phase} run in the organization ${MALLORY}, which anyone can create on ${ctx.issuer}`,
    ),
    a(
      'terraform-organization-prefix',
      { organization: `${organization}-mallory`, project, workspace, phase },
      `an ${phase} run in ${organization}-mallory: an organization whose name starts with ${q(organization)}`,
    ),
    a(
      'terraform-organization-wide',
      { organization, project: 'mallory-project', workspace, phase },
      `an ${phase} run in another project of ${organization}, by anyone who can create workspaces there`,
    ),
    a(
      'terraform-workspace-wildcard',
      { organization, project, workspace: `${workspace}-mallory`, phase },
      `an ${phase} run in the workspace ${workspace}-mallory, created by anyone who can create workspaces in the project`,
    ),
  ]
  if (phase === 'apply')
    attacks.push(
      a(
        'terraform-run-phase-wildcard',
        { organization, project, workspace, phase: 'plan' },
        `a speculative plan of ${workspace}, which runs the providers and data sources of a pull request's code`,
      ),
    )
  return { victim: { run: victimRun, audience }, attacks }
}

// ————— CircleCI (FACTS-ISSUERS.md §2.5) —————

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

function circleci(ctx: IssuerAuditContext): { victim: IssuerSetup; attacks: Attack[] } {
  const orgInUrl = /\/org\/([^/]+)$/.exec(ctx.issuer)?.[1]
  const sub = valuesOf(ctx, 'sub')[0]?.value ?? ''
  const orgId = orgInUrl ?? UUID.exec(part(sub.replaceAll('/', ':'), 'org')?.value ?? '')?.[0]
  const projectKey = literal(ctx, 'oidc.circleci.com/project-id')
  const projectInSub = UUID.exec(part(sub.replaceAll('/', ':'), 'project')?.value ?? '')?.[0]
  const refMatch = /vcs-ref\/(refs\/(?:heads|tags)\/[^*?]+)$/.exec(sub)
  const victimRun: Record<string, unknown> = {
    org: 'acme',
    project: 'app',
    ...(orgId ? { orgId } : {}),
    ...((projectKey ?? projectInSub) ? { projectId: projectKey ?? projectInSub } : {}),
    branch: refMatch?.[1]?.startsWith('refs/heads/') ? refMatch[1].slice(11) : 'main',
  }
  if (refMatch?.[1]?.startsWith('refs/tags/')) {
    delete victimRun.branch
    victimRun.tag = refMatch[1].slice(10)
  }
  const audience = audienceFor(ctx, victimRun)
  const a = (id: FindingId, run: Record<string, unknown>, attacker: string): Attack => ({
    id,
    run,
    audience,
    attacker,
  })
  const attacks: Attack[] = [
    a(
      'circleci-organization-wide',
      { ...victimRun, project: 'mallory-tools', projectId: undefined, userId: undefined },
      'a job in another project of the organization, set up by any member who can follow a repository',
    ),
    a(
      'circleci-ssh-rerun',
      { ...victimRun, sshRerun: true },
      'someone allowed to re-run the job with SSH: they get a shell with the live token, and ssh-rerun is neither in sub nor an AWS key',
    ),
  ]
  if (sub.includes('vcs-ref') || sub.includes('/user/'))
    attacks.push(
      a(
        'circleci-branch-wildcard',
        { ...victimRun, tag: undefined, branch: 'mallory-branch' },
        'a job on the branch mallory-branch, pushed by anyone with write access to the repository',
      ),
    )
  if (orgInUrl === undefined)
    attacks.push(
      a(
        'circleci-any-organization',
        { org: MALLORY, project: 'exploit', branch: 'main' },
        `a job in ${MALLORY}, any CircleCI organisation, asking the root issuer for the audience ${audience}`,
      ),
    )
  for (const at of attacks)
    for (const k of Object.keys(at.run)) if (at.run[k] === undefined) delete at.run[k]
  return { victim: { run: victimRun, audience }, attacks }
}

// ————— Buildkite (FACTS-ISSUERS.md §4.5) —————

function buildkite(ctx: IssuerAuditContext): { victim: IssuerSetup; attacks: Attack[] } {
  const sub = valuesOf(ctx, 'sub')[0]?.value ?? ''
  const pick = (name: string, fallback: string): string => {
    const p = part(sub, name)
    if (!p || p.value === '') return fallback
    return p.open ? `${p.value}${fallback}` : p.value
  }
  const organization = literal(ctx, 'organization_slug') ?? pick('organization', 'acme')
  const pipeline = literal(ctx, 'pipeline_slug') ?? pick('pipeline', 'app')
  const refText = /:ref:(refs\/(?:heads|tags)\/[^:*?]+)/.exec(sub)?.[1]
  const branch =
    literal(ctx, 'build_branch') ??
    (refText?.startsWith('refs/heads/') ? refText.slice(11) : 'main')
  const stepKey = /:step:([^:*?]+)$/.exec(sub)?.[1] ?? 'deploy'
  // Session tags the policy reads (aws:RequestTag/K): the job asks for them (--aws-session-tag).
  const tags = new Set<string>()
  for (const s of ctx.policy.statements)
    for (const c of s.conditions) {
      const m = /^aws:requesttag\/(.+)$/i.exec(c.key)
      if (m) tags.add(m[1]!)
    }
  const claims = ['organization_id', 'pipeline_id'].filter((k) => valuesOf(ctx, k).length > 0)
  const tokenRequest = {
    ...(tags.size ? { awsSessionTags: [...tags] } : {}),
    ...(claims.length ? { claims } : {}),
  }
  const victimRun: Record<string, unknown> = {
    organization,
    pipeline,
    branch,
    stepKey,
    ...(Object.keys(tokenRequest).length ? { tokenRequest } : {}),
  }
  const orgId = literal(ctx, 'organization_id')
  const pipelineId = literal(ctx, 'pipeline_id')
  if (orgId) victimRun.organizationId = orgId
  if (pipelineId) victimRun.pipelineId = pipelineId
  const audience = audienceFor(ctx, victimRun)
  const { organizationId: _o, pipelineId: _p, ...unpinned } = victimRun
  const a = (id: FindingId, run: Record<string, unknown>, attacker: string): Attack => ({
    id,
    run,
    audience,
    attacker,
  })
  const attacks: Attack[] = [
    a(
      'buildkite-any-organization',
      { ...unpinned, organization: MALLORY },
      `a job in ${MALLORY}, an organization anyone can create on Buildkite`,
    ),
    a(
      'buildkite-organization-prefix',
      { ...unpinned, organization: `${organization}-mallory` },
      `a job in ${organization}-mallory: an organization whose slug starts with ${q(organization)}`,
    ),
    a(
      'buildkite-organization-wide',
      {
        ...unpinned,
        pipeline: 'mallory-pipeline',
        ...(orgId ? { organizationId: orgId } : {}),
      },
      `a job in another pipeline of ${organization}, created by any member who can create pipelines`,
    ),
  ]
  if (/:ref:refs\//.test(sub) || valuesOf(ctx, 'build_branch').length > 0)
    attacks.push(
      a(
        'buildkite-branch-wildcard',
        { ...victimRun, branch: `${branch}-mallory` },
        `a build of the branch ${branch}-mallory, pushed by anyone with write access to the repository`,
      ),
    )
  return { victim: { run: victimRun, audience }, attacks }
}

// ————— Bitbucket (FACTS-ISSUERS.md §5.5) —————

const BRACED = /\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}/g

function bitbucket(ctx: IssuerAuditContext): { victim: IssuerSetup; attacks: Attack[] } {
  const workspace = /\/workspaces\/([^/]+)\//.exec(ctx.issuer)?.[1] ?? 'acme'
  const aud = literal(ctx, 'aud')
  const wsUuid = /^ari:cloud:bitbucket::workspace\/([0-9a-f-]{36})$/.exec(aud ?? '')?.[1]
  const sub = valuesOf(ctx, 'sub')[0]?.value ?? ''
  const uuids = sub.match(BRACED) ?? []
  const victimRun: Record<string, unknown> = {
    workspace,
    repository: 'app',
    branch: 'main',
    ...(wsUuid ? { workspaceUuid: `{${wsUuid}}` } : {}),
    ...(uuids[0] ? { repositoryUuid: uuids[0] } : {}),
  }
  if (uuids[1]) {
    victimRun.deployment = 'production'
    victimRun.deploymentEnvironmentUuid = uuids[1]
  }
  const audience = aud ?? getIssuerProfile('bitbucket').awsAudience(victimRun)
  if (aud !== undefined && !wsUuid) victimRun.audiences = [aud]
  const a = (id: FindingId, run: Record<string, unknown>, attacker: string): Attack => ({
    id,
    run,
    audience,
    attacker,
  })
  const { repositoryUuid: _r, deploymentEnvironmentUuid: _e, deployment: _d, ...ws } = victimRun
  const attacks: Attack[] = [
    a(
      'bitbucket-workspace-wide',
      { ...ws, repository: 'mallory-tools', branch: 'mallory-branch' },
      `a step in another repository of the workspace ${workspace}, created by any member allowed to create repositories`,
    ),
    a(
      'bitbucket-repository-wide',
      {
        ...ws,
        ...(victimRun.repositoryUuid ? { repositoryUuid: victimRun.repositoryUuid } : {}),
        branch: 'mallory-branch',
      },
      'a plain (non-deployment) step on the branch mallory-branch of the same repository, pushed by anyone with write access',
    ),
  ]
  return { victim: { run: victimRun, audience }, attacks }
}

const MODELS: Record<
  OtherIssuerKind,
  (ctx: IssuerAuditContext) => { victim: IssuerSetup; attacks: Attack[] }
> = { gitlab, terraform, circleci, buildkite, bitbucket }

/** What `auditIssuerPolicy` returns: findings, and what they were judged against. */
export interface IssuerAuditReport {
  findings: Finding[]
  provider: { issuer: string; arn: string; issuerKind: OtherIssuerKind }
  victim: IssuerSetup & { claims: Record<string, unknown>; allowed: boolean }
  attacksTried: number
  coverage: AuditCoverage
}

/**
 * Audit a trust policy of another CI system. Each attacker run the policy allows becomes a
 * finding with its counterexample (the platform's run and the exact claims it mints).
 *
 * @example
 * auditIssuerPolicy(ctx).findings[0]?.id // e.g. 'gitlab-group-wildcard'
 */
export function auditIssuerPolicy(ctx: IssuerAuditContext): IssuerAuditReport {
  const { victim, attacks } = MODELS[ctx.kind](ctx)
  const victimEval = evaluateIssuerSetup(ctx, victim)
  const findings: Finding[] = []
  const tried = attacks.slice(0, AUDIT_LIMITS.attacks)
  ctx.coverage.attacks = { built: attacks.length, tried: tried.length }
  const seen = new Set<string>()
  for (const at of tried) {
    const setup = { run: at.run, audience: at.audience }
    let evaluation: PolicyEvaluation
    try {
      evaluation = evaluateIssuerSetup(ctx, setup)
    } catch {
      continue // a run the platform cannot have (its claim builder refused it)
    }
    if (evaluation.decision !== 'Allow') continue
    const index = evaluation.statements.findIndex((s) => s.applies && s.effect === 'Allow')
    const key = `${at.id}|${index}`
    if (seen.has(key)) continue
    seen.add(key)
    findings.push(issuerFinding(ctx, at, index, victim))
  }
  // Each counterexample is later walked, reading the whole policy again: list the worst ones
  // (the same bound as GitHub's, budget.ts).
  const most = exploitLimit(ctx.policy)
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  ctx.coverage.exploitFindings = {
    found: findings.length,
    listed: Math.min(most, findings.length),
  }
  findings.splice(most)
  // A critical finding (anyone on the platform gets in) makes the lesser ones of its statement
  // moot, and a name-prefix attack adds nothing to "any tenant at all".
  const sameStatement = (a: Finding, b: Finding): boolean =>
    a.location.path.split('.')[0] === b.location.path.split('.')[0]
  const kept = findings.filter(
    (f) =>
      !findings.some(
        (o) =>
          o !== f &&
          sameStatement(o, f) &&
          o.severity === 'critical' &&
          (severityRank(f.severity) > severityRank('critical') ||
            (/-any-/.test(o.id) && f.id.endsWith('-prefix'))),
      ),
  )
  if (victimEval.decision !== 'Allow') {
    const rule = findingRule('no-run-allowed')
    kept.push({
      id: 'no-run-allowed',
      severity: rule.severity,
      title: `No ${getIssuerProfile(ctx.kind).name} run trustwalk tried gets the role`,
      explanation: `${rule.summary} The run read from the policy (${getIssuerProfile(ctx.kind).describeRun(getIssuerProfile(ctx.kind).parseRun(victim.run))}) is refused: ${victimEval.reason}.`,
      location: statementLocation(ctx, ctx.scope?.statement ?? 0),
      fix: `Write the conditions ${getIssuerProfile(ctx.kind).name}'s AWS guide recommends (FACTS-ISSUERS.md).`,
      references: rule.references,
    })
  }
  kept.push(...keyFindings(ctx), ...bitbucketNameFindings(ctx))
  kept.push(...guardrail(ctx, kept, victim))
  const tooComplex = tooComplexFinding(
    ctx.coverage,
    ctx.prefix,
    statementLocation(ctx, ctx.scope?.statement ?? 0),
  )
  if (tooComplex) kept.push(tooComplex)
  kept.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      a.id.localeCompare(b.id),
  )
  return {
    findings: kept,
    provider: { issuer: ctx.issuer, arn: ctx.providerArn, issuerKind: ctx.kind },
    victim: {
      ...victim,
      claims: issuerClaims(ctx, victim),
      allowed: victimEval.decision === 'Allow',
    },
    attacksTried: tried.length,
    coverage: ctx.coverage,
  }
}

/**
 * Conditions on keys AWS never fills for this provider: the generic keys (`aud`, `sub`, `amr`,
 * `email`) plus the provider-specific ones AWS lists for its host (provider-keys.ts; none for HCP
 * Terraform, Bitbucket, self-managed GitLab or CircleCI's root issuer). Such a key is always
 * missing (FACTS-ISSUERS.md §0.1: "They behave as missing keys").
 */
function keyFindings(ctx: IssuerAuditContext): Finding[] {
  const known = new Set([...OIDC_CONDITION_CLAIMS, ...providerConditionClaims(ctx.issuer)])
  const profile = getIssuerProfile(ctx.kind)
  const rule = findingRule('unknown-condition-key')
  const out: Finding[] = []
  const p = `${ctx.prefix}:`.toLowerCase()
  for (const s of ctx.policy.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      const lower = c.key.toLowerCase()
      if (!lower.startsWith(p)) continue
      const claim = c.key.slice(p.length)
      if (known.has(claim)) continue
      const issued = profile.explainClaim(claim) !== undefined
      const spec = OPERATORS.get(c.operator.base)
      const open = spec?.negated || c.operator.ifExists || c.operator.qualifier === 'ForAllValues'
      const list = [...known].map((k) => `${ctx.prefix}:${k}`).join(', ')
      out.push({
        id: 'unknown-condition-key',
        severity: rule.severity,
        title: rule.title,
        explanation: `${rule.summary} ${issued ? `${profile.name} tokens carry a ${claim} claim, but AWS does not turn it into a condition key for ${ctx.issuer}` : `${c.key} is not a key AWS fills for ${ctx.issuer}`}, so ${open ? 'this condition is always true' : 'this condition is never true'}. The keys AWS fills here: ${list}.`,
        location: {
          path: c.keyLocation.path,
          line: c.keyLocation.line,
          column: c.keyLocation.column,
        },
        fix:
          ctx.kind === 'gitlab' || ctx.kind === 'terraform' || ctx.kind === 'bitbucket'
            ? `Test the value through ${ctx.prefix}:sub instead (FACTS-ISSUERS.md §0.1).`
            : `Use one of ${list}.`,
        references: [...rule.references, AUDIT_KEYS_SOURCE],
      })
    }
  }
  return out
}

/**
 * IAM's create-time check for shared issuers (gitlab.com, app.terraform.io, agent.buildkite.com
 * must have `:sub` scoped; FACTS-ISSUERS.md §0.2): `aws-guardrail-rejects` when IAM would refuse
 * the policy (the tenant is not pinned), `aws-guardrail-misses` when it accepts a policy with a
 * critical or high finding. Per-tenant issuers (CircleCI, Bitbucket) have no such check.
 */
function guardrail(ctx: IssuerAuditContext, findings: Finding[], victim: IssuerSetup): Finding[] {
  const verdict = providerGuardrail(ctx.policy, ctx.prefix, ctx.scope)
  if (!verdict.applies) return []
  const s = verdict.location ?? ctx.policy.statements[0]!.location
  const location = { path: s.path, line: s.line, column: s.column }
  const name = getIssuerProfile(ctx.kind).name
  if (!verdict.ok) {
    const rule = findingRule('aws-guardrail-rejects')
    return [
      {
        id: rule.id,
        severity: rule.severity,
        title: rule.title,
        explanation: `CreateRole and UpdateAssumeRolePolicy refuse a role trusting ${ctx.prefix}, an issuer shared by every ${name} customer, unless ${ctx.prefix}:sub is scoped (existing roles are not re-checked). AWS would answer MalformedPolicyDocument: ${verdict.message ?? ''}`,
        location,
        fix: fixFor(ctx, findings[0]?.id ?? 'no-run-allowed', victim),
        references: rule.references,
      },
    ]
  }
  const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high')
  if (serious.length === 0) return []
  const rule = findingRule('aws-guardrail-misses')
  return [
    {
      id: rule.id,
      severity: rule.severity,
      title: rule.title,
      explanation: `IAM's create-time check only wants ${ctx.prefix}:sub scoped, and it is; yet trustwalk proved: ${[...new Set(serious.map((f) => f.id))].join(', ')}.`,
      location,
      fix: fixFor(ctx, serious[0]!.id, victim),
      references: rule.references,
    },
  ]
}

/**
 * Bitbucket `sub` values with a segment that is neither a braced UUID nor a wildcard — an
 * environment or repository pinned by name (FACTS-ISSUERS.md §5.3: the sub is UUIDs only).
 */
function bitbucketNameFindings(ctx: IssuerAuditContext): Finding[] {
  if (ctx.kind !== 'bitbucket') return []
  const rule = findingRule('bitbucket-environment-by-name')
  const out: Finding[] = []
  const key = `${ctx.prefix}:sub`.toLowerCase()
  for (const s of ctx.policy.statements) {
    if (s.effect !== 'Allow') continue
    for (const c of s.conditions) {
      if (c.key.toLowerCase() !== key) continue
      for (const v of c.values) {
        const named = v.value
          .split(':')
          .find(
            (seg) => seg !== '' && !/^[*?]+$/.test(seg) && !/^\{[0-9a-f-]{36}\}[*?]*$/.test(seg),
          )
        if (named === undefined) continue
        out.push({
          id: 'bitbucket-environment-by-name',
          severity: rule.severity,
          title: rule.title,
          explanation: `${rule.summary} ${q(v.value)} has ${q(named)} where Bitbucket puts a UUID in braces.`,
          location: { path: v.location.path, line: v.location.line, column: v.location.column },
          fix: member(c.operator.raw, { [c.key]: '{REPOSITORY_UUID}:{ENVIRONMENT_UUID}:*' }),
          references: rule.references,
        })
      }
    }
  }
  return out
}

/** AWS's list of the provider-specific keys (FACTS-ISSUERS.md §0.1). */
const AUDIT_KEYS_SOURCE =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html'

function statementLocation(
  ctx: IssuerAuditContext,
  index: number,
): { path: string; line?: number; column?: number } {
  const s = ctx.policy.statements[Math.max(0, index)]
  if (!s) return { path: 'Statement' }
  return { path: s.location.path, line: s.location.line, column: s.location.column }
}

/** Where a finding points: the statement's `sub` condition when it has one, else the statement. */
function findingLocation(
  ctx: IssuerAuditContext,
  index: number,
  suffixes: string[],
): { path: string; line?: number; column?: number } {
  const s = ctx.policy.statements[Math.max(0, index)]
  if (!s) return { path: 'Statement' }
  for (const suffix of suffixes) {
    const c = s.conditions.find(
      (x) => x.key.toLowerCase() === `${ctx.prefix}:${suffix}`.toLowerCase(),
    )
    if (c)
      return { path: c.keyLocation.path, line: c.keyLocation.line, column: c.keyLocation.column }
  }
  return statementLocation(ctx, index)
}

/**
 * An id for a fix: the policy's own value when it names one, else a placeholder — the ids of the
 * run read from names are made up, and pasting them would lock the role to nobody.
 */
function known(victim: IssuerSetup, field: string, minted: unknown, placeholder: string): string {
  return victim.run[field] !== undefined ? String(minted) : placeholder
}

/** The condition block the finding's fix proposes, from the victim's own claims. */
function fixFor(ctx: IssuerAuditContext, id: FindingId, victim: IssuerSetup): string {
  const claims = issuerClaims(ctx, victim)
  const p = ctx.prefix
  const aud = { [`${p}:aud`]: victim.audience }
  switch (ctx.kind) {
    case 'gitlab': {
      const pins =
        p === 'gitlab.com'
          ? {
              [`${p}:project_id`]: known(victim, 'projectId', claims.project_id, 'PROJECT_ID'),
              [`${p}:namespace_id`]: known(
                victim,
                'namespaceId',
                claims.namespace_id,
                'NAMESPACE_ID',
              ),
              ...(id === 'gitlab-unprotected-ref' ? { [`${p}:ref_protected`]: 'true' } : {}),
            }
          : {}
      const sub =
        p === 'gitlab.com' || String(claims.sub).startsWith('project_id:')
          ? String(claims.sub)
          : `project_id:${known(victim, 'projectId', claims.project_id, 'PROJECT_ID')}:ref_type:${String(claims.ref_type)}:ref:${String(claims.ref)}`
      return member('StringEquals', { ...aud, [`${p}:sub`]: sub, ...pins })
    }
    case 'terraform':
      return member('StringEquals', { ...aud, [`${p}:sub`]: String(claims.sub) })
    case 'circleci':
      return member('StringEquals', {
        ...aud,
        [`${p}:oidc.circleci.com/project-id`]: known(
          victim,
          'projectId',
          claims['oidc.circleci.com/project-id'],
          'PROJECT_ID',
        ),
        ...(id === 'circleci-branch-wildcard'
          ? { [`${p}:sub`]: String(claims.sub).replace(/\/user\/[^/]+\//, '/user/*/') }
          : {}),
      })
    case 'buildkite':
      return member('StringLike', {
        [`${p}:sub`]: `organization:${String(claims.organization_slug)}:pipeline:${String(claims.pipeline_slug)}:ref:refs/heads/${String(claims.build_branch)}:*`,
      })
    case 'bitbucket': {
      const env = claims.deploymentEnvironmentUuid
      return member('StringLike', {
        [`${p}:sub`]: `${known(victim, 'repositoryUuid', claims.repositoryUuid, '{REPOSITORY_UUID}')}:${victim.run.deploymentEnvironmentUuid ? String(env) : '{DEPLOYMENT_ENVIRONMENT_UUID}'}:*`,
      })
    }
  }
}

function issuerFinding(
  ctx: IssuerAuditContext,
  at: Attack,
  index: number,
  victim: IssuerSetup,
): Finding {
  const rule = findingRule(at.id)
  const counterexample: IssuerCounterexample = {
    issuerKind: ctx.kind,
    run: at.run,
    claims: issuerClaims(ctx, at) as IssuerCounterexample['claims'],
    audience: at.audience,
    attacker: at.attacker,
    decision: 'Allow',
  }
  const suffixes =
    ctx.kind === 'circleci' ? ['oidc.circleci.com/project-id', 'sub', 'aud'] : ['sub', 'aud']
  return {
    id: at.id,
    severity: rule.severity,
    title: rule.title,
    explanation: `${rule.summary} trustwalk's attacker — ${at.attacker} — gets a token with sub ${q(String(counterexample.claims.sub))}, and the policy allows it.`,
    location: findingLocation(ctx, index, suffixes),
    fix: fixFor(ctx, at.id, victim),
    references: rule.references,
    issuerCounterexample: counterexample,
  }
}
