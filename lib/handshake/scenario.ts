/**
 * The scenario format: one JSON document that says everything `walk()` and `trustwalk serve` need —
 * the issuer, the AWS account (OIDC providers and roles), the workflow run, what the job asks STS
 * for, and what goes wrong on the way. It is plain JSON, so scenarios live in files, pages and
 * examples alike.
 *
 * ```json
 * {
 *   "name": "happy-path",
 *   "title": "A push to main assumes the deploy role",
 *   "account": {
 *     "accountId": "123456789012",
 *     "oidcProviders": [{ "Url": "https://token.actions.githubusercontent.com", "ClientIDList": ["sts.amazonaws.com"] }],
 *     "roles": [{ "RoleName": "deploy", "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ … ] } }]
 *   },
 *   "run": { "owner": "octo-org", "repo": "octo-repo", "branch": "main" },
 *   "audience": "sts.amazonaws.com",
 *   "roleName": "deploy",
 *   "perturbations": { "expireBySeconds": 600 }
 * }
 * ```
 */
import type { Partition } from '../aws/arn.js'
import type { AwsAccountInput } from '../aws/account.js'
import type { StsErrorCode } from '../core/errors.js'
import { parseIp } from '../aws/policy/ip.js'
import { InvalidInputError } from '../core/errors.js'
import { DEMO_TIME } from '../core/demo.js'
import { GITHUB_ISSUER } from '../github/claims.js'
import type { WorkflowRun } from '../github/run.js'
import type { SubjectTemplate } from '../github/subject.js'
import { isIssuerKind } from '../issuers/kinds.js'
import type { IssuerKind } from '../oidc-issuer/profile.js'

/** GitHub's issuer, where scenarios get their tokens unless they say otherwise. */
export const GITHUB_ISSUER_URL = GITHUB_ISSUER
/** When scenarios happen unless they say otherwise: the demo time (FACTS.md's sample token). */
export const DEFAULT_SCENARIO_TIME = DEMO_TIME

/** What goes wrong between GitHub and STS. */
export interface Perturbations {
  /**
   * The token is altered after GitHub signed it: `signature` flips one signature character,
   * `payload` rewrites the `sub` claim without re-signing, `alg-none` strips the signature and
   * claims `"alg": "none"`.
   */
  tamper?: 'signature' | 'payload' | 'alg-none'
  /**
   * GitHub rotates its signing key after minting the token: `keep-old` still publishes the old key,
   * `retire-old` removes it from the JWKS before STS looks.
   */
  rotateKeys?: 'keep-old' | 'retire-old'
  /** STS is called this many seconds after the token's `exp` (300 s of skew are tolerated). */
  expireBySeconds?: number
  /** The token presented was minted for this other run — someone else's workflow. */
  tokenFrom?: WorkflowRun
}

/** What a scenario shows: success, or the STS error and the first failing check. */
export interface ScenarioExpectation {
  ok: boolean
  error?: StsErrorCode
  failedCheck?: string
}

export interface Scenario {
  /** Which CI system issues the token; GitHub Actions when absent (see `IssuerScenario` for the others). */
  issuerKind?: 'github'
  /** Kebab-case id, e.g. `wrong-audience`. */
  name: string
  /** One line. */
  title?: string
  /** What the scenario teaches. */
  description?: string
  /** The issuer URL (`iss`); default GitHub's. */
  issuer?: string
  account: AwsAccountInput
  run: WorkflowRun
  /** The audience the job asks for; `null` asks for none (GitHub then uses `https://github.com/OWNER`). Default `sts.amazonaws.com`. */
  audience?: string | null
  subjectTemplate?: SubjectTemplate
  /** Claims GitHub sets differently (or removes, with `null`) — for teaching odd tokens. */
  claims?: Record<string, unknown>
  /** The role to assume, by name in the account (default: its first role)… */
  roleName?: string
  /** …or by ARN, which need not exist. */
  roleArn?: string
  /** Default `GitHubActions`, as configure-aws-credentials. */
  sessionName?: string
  durationSeconds?: number
  /** An inline session policy (JSON text). */
  policy?: string
  /** When GitHub mints the token (ISO-8601); default `DEFAULT_SCENARIO_TIME`. */
  clock?: string
  /**
   * The address the job calls STS from (IPv4 or IPv6), which the trust policy sees as
   * `aws:SourceIp`. Default: none, so a condition on `aws:SourceIp` meets a missing key.
   */
  sourceIp?: string
  perturbations?: Perturbations
  expect?: ScenarioExpectation
}

/**
 * A scenario whose token comes from another CI system (GitLab, CircleCI, HCP Terraform, Buildkite,
 * Bitbucket): `run` is that issuer's run model (e.g. `{ "projectPath": "acme/app" }` for GitLab),
 * `issuer` defaults to the platform's issuer for the run (per organisation for CircleCI, per
 * workspace for Bitbucket), `audience` to the one the platform's AWS guide registers, and
 * `sessionName` to the one it uses.
 */
export interface IssuerScenario extends Omit<
  Scenario,
  'issuerKind' | 'run' | 'subjectTemplate' | 'perturbations'
> {
  issuerKind: Exclude<IssuerKind, 'github'>
  run: object
  perturbations?: Omit<Perturbations, 'tokenFrom'> & {
    /** The token presented was minted for this other run of the same platform. */
    tokenFrom?: object
  }
}

/**
 * A GitHub trust policy for a role: the provider as `Federated` principal, `aud` pinned with
 * `StringEquals`, and `sub` pinned (`StringEquals`, or `StringLike` when it has a wildcard).
 * Without `sub` you get the dangerous legacy policy AWS's guardrail now refuses at write time.
 *
 * @example
 * githubTrustPolicy({ accountId: '123456789012', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' })
 */
export function githubTrustPolicy(options: {
  accountId: string
  issuer?: string
  partition?: Partition
  audience?: string
  sub?: string | string[]
}): object {
  const host = (options.issuer ?? GITHUB_ISSUER_URL).replace(/^https?:\/\//, '')
  const subs =
    options.sub === undefined ? [] : Array.isArray(options.sub) ? options.sub : [options.sub]
  const wildcard = subs.some((s) => /[*?]/.test(s))
  const equals: Record<string, string | string[]> = {
    [`${host}:aud`]: options.audience ?? 'sts.amazonaws.com',
  }
  const condition: Record<string, Record<string, string | string[]>> = { StringEquals: equals }
  if (subs.length) {
    const value = subs.length === 1 ? subs[0]! : subs
    if (wildcard) condition.StringLike = { [`${host}:sub`]: value }
    else equals[`${host}:sub`] = value
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:${options.partition ?? 'aws'}:iam::${options.accountId}:oidc-provider/${host}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  }
}

/**
 * The same scenario with its issuer at another URL: the issuer, the providers for it and the
 * trust policies that name it (principal ARN and condition-key prefix) all move. `trustwalk serve`
 * uses this to put a scenario on `http://127.0.0.1:PORT`.
 *
 * @example
 * withIssuer(scenario, 'http://127.0.0.1:4010').account.oidcProviders?.[0]?.Url // 'http://127.0.0.1:4010'
 */
export function withIssuer(scenario: Scenario, url: string): Scenario {
  const from = scenario.issuer ?? GITHUB_ISSUER_URL
  const oldHost = from.replace(/^https?:\/\//, '')
  const newHost = url.replace(/^https?:\/\//, '')
  const movePolicy = (doc: string | object): string => {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2)
    return text
      .split(`oidc-provider/${oldHost}"`)
      .join(`oidc-provider/${newHost}"`)
      .split(`"${oldHost}:`)
      .join(`"${newHost}:`)
  }
  return {
    ...structuredClone(scenario),
    issuer: url,
    account: {
      ...scenario.account,
      oidcProviders: (scenario.account.oidcProviders ?? []).map((p) => ({
        ...p,
        Url: p.Url === from ? url : p.Url,
      })),
      roles: (scenario.account.roles ?? []).map((r) => ({
        ...r,
        AssumeRolePolicyDocument: movePolicy(r.AssumeRolePolicyDocument),
      })),
    },
  }
}

const TOP_LEVEL = new Set([
  '$schema',
  'issuerKind',
  'name',
  'title',
  'description',
  'issuer',
  'account',
  'run',
  'audience',
  'subjectTemplate',
  'claims',
  'roleName',
  'roleArn',
  'sessionName',
  'durationSeconds',
  'policy',
  'clock',
  'sourceIp',
  'perturbations',
  'expect',
])
const PERTURBATIONS = new Set(['tamper', 'rotateKeys', 'expireBySeconds', 'tokenFrom'])

/**
 * Check that a value (e.g. parsed JSON) is a scenario, and say exactly what is wrong otherwise:
 * throws `InvalidInputError` with the JSON path (`perturbations.tamper`) of the first problem.
 * The account's providers and roles are checked in depth later, by `createAwsAccount`.
 *
 * @example
 * parseScenario(JSON.parse(text)) // a Scenario, or throws "run.owner: expected a string"
 */
export function parseScenario(value: unknown): Scenario {
  const bad = (path: string, what: string): never => {
    throw new InvalidInputError(`${path}: ${what}`, path)
  }
  const obj = (v: unknown, path: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : bad(path, `expected an object, got ${kind(v)}`)
  const str = (v: unknown, path: string, optional = true): void => {
    if (v === undefined && optional) return
    if (typeof v !== 'string') bad(path, `expected a string, got ${kind(v)}`)
  }
  const s = obj(value, '(scenario)')
  for (const key of Object.keys(s))
    if (!TOP_LEVEL.has(key))
      bad(key, `unknown field (expected one of ${[...TOP_LEVEL].join(', ')})`)
  str(s.name, 'name', false)
  for (const key of [
    'title',
    'description',
    'issuer',
    'roleName',
    'roleArn',
    'sessionName',
    'policy',
    'clock',
    'sourceIp',
  ])
    str(s[key], key)
  if (s.audience !== null) str(s.audience, 'audience')
  if (s.clock !== undefined && Number.isNaN(Date.parse(s.clock as string)))
    bad('clock', `not an ISO-8601 time: ${JSON.stringify(s.clock)}`)
  if (typeof s.sourceIp === 'string' && parseIp(s.sourceIp) === undefined)
    bad('sourceIp', `not an IPv4 or IPv6 address: ${JSON.stringify(s.sourceIp)}`)
  if (s.durationSeconds !== undefined && !Number.isInteger(s.durationSeconds))
    bad('durationSeconds', `expected a whole number of seconds, got ${kind(s.durationSeconds)}`)
  if (s.claims !== undefined) obj(s.claims, 'claims')
  if (s.subjectTemplate !== undefined) obj(s.subjectTemplate, 'subjectTemplate')
  const account = obj(s.account, 'account')
  str(account.accountId, 'account.accountId', false)
  for (const list of ['oidcProviders', 'roles']) {
    if (account[list] !== undefined && !Array.isArray(account[list]))
      bad(`account.${list}`, `expected a list, got ${kind(account[list])}`)
    ;((account[list] ?? []) as unknown[]).forEach((item, i) => obj(item, `account.${list}[${i}]`))
  }
  if (s.issuerKind !== undefined && !isIssuerKind(s.issuerKind))
    bad(
      'issuerKind',
      `unknown issuer (expected one of github, gitlab, circleci, terraform, buildkite, bitbucket), got ${kind(s.issuerKind)}`,
    )
  const other = s.issuerKind !== undefined && s.issuerKind !== 'github'
  // Another issuer's run is only checked to be an object here: its profile's parseRun checks the
  // rest when the scenario is walked or served (walkIssuer, startIssuerEmulators), so validating a
  // scenario never loads every issuer profile.
  const checkAnyRun = (v: unknown, path: string) =>
    other ? obj(v, path) : checkRun(v, path, obj, str)
  if (other && s.subjectTemplate !== undefined)
    bad(
      'subjectTemplate',
      `only GitHub scenarios have a subject template (this one is ${String(s.issuerKind)})`,
    )
  checkAnyRun(s.run, 'run')
  if (s.perturbations !== undefined) {
    const p = obj(s.perturbations, 'perturbations')
    for (const key of Object.keys(p))
      if (!PERTURBATIONS.has(key))
        bad(
          `perturbations.${key}`,
          `unknown perturbation (expected one of ${[...PERTURBATIONS].join(', ')})`,
        )
    if (
      p.tamper !== undefined &&
      !['signature', 'payload', 'alg-none'].includes(p.tamper as string)
    )
      bad(
        'perturbations.tamper',
        `expected "signature", "payload" or "alg-none", got ${kind(p.tamper)}`,
      )
    if (p.rotateKeys !== undefined && !['keep-old', 'retire-old'].includes(p.rotateKeys as string))
      bad(
        'perturbations.rotateKeys',
        `expected "keep-old" or "retire-old", got ${kind(p.rotateKeys)}`,
      )
    if (
      p.expireBySeconds !== undefined &&
      !(Number.isInteger(p.expireBySeconds) && (p.expireBySeconds as number) >= 0)
    )
      bad(
        'perturbations.expireBySeconds',
        `expected a whole number of seconds ≥ 0, got ${kind(p.expireBySeconds)}`,
      )
    if (p.tokenFrom !== undefined) checkAnyRun(p.tokenFrom, 'perturbations.tokenFrom')
  }
  return s as unknown as Scenario
}

function checkRun(
  v: unknown,
  path: string,
  obj: (v: unknown, path: string) => Record<string, unknown>,
  str: (v: unknown, path: string, optional?: boolean) => void,
): void {
  const run = obj(v, path)
  str(run.owner, `${path}.owner`, false)
  str(run.repo, `${path}.repo`, false)
}

function kind(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  return typeof v === 'string'
    ? JSON.stringify(v)
    : typeof v === 'object'
      ? 'an object'
      : `${typeof v} ${String(v)}`
}
