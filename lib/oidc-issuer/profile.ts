/**
 * What every CI issuer looks like from the outside: the common interface each issuer folder
 * (lib/github, lib/gitlab, lib/circleci, lib/terraform, lib/buildkite, lib/bitbucket) implements,
 * so that lib/issuers can list them all and surfaces can offer "any issuer" without naming each.
 * FACTS-ISSUERS.md §10 lists what a profile needs.
 */
import type { Clock } from '../core/clock.js'
import type { Handler } from '../core/network.js'
import type { JWK } from 'jose'
import type { RsaJwk } from './keys.js'

/** The CI systems trustwalk models. */
export type IssuerKind = 'github' | 'gitlab' | 'circleci' | 'terraform' | 'buildkite' | 'bitbucket'

/**
 * Who can make a claim say what they want (FACTS-ISSUERS.md: "job author" = can change pipeline
 * config or code on some branch; "outsider" = no write access — fork PRs, other tenants of a
 * shared issuer):
 * - `platform`: the platform sets it from facts nobody in the job can choose (ids, run numbers);
 * - `admin`: project or organisation admins choose it (names that can be renamed or recycled);
 * - `job-author`: anyone who can edit the pipeline or push a branch chooses it;
 * - `outsider`: even someone without write access can get a token carrying a value of their choice.
 */
export type ClaimControl = 'platform' | 'admin' | 'job-author' | 'outsider'

/** Options every platform's claim builder takes. */
export interface CommonClaimOptions {
  /** Token issuer (`iss`); default the platform's issuer for the run. */
  issuer?: string
  /** Audience (`aud`); default the platform's. */
  audience?: string | string[]
  /** Time of issue; default the system clock (pass one to keep claim builders pure). */
  clock?: Clock
}

export interface PlatformIssuerOptions {
  /** Issuer URL; default the platform's (for per-tenant issuers: set it, or it is the demo tenant's). */
  url?: string
  clock?: Clock
  /** `'demo'` = the fixed DEMO_KEYS; default one fresh key. */
  keys?: 'demo' | JWK[]
}

export interface PlatformIssueOptions {
  /** `aud` the job asks for; default the platform's. */
  audience?: string | string[]
  /** Claims to set (or, with `undefined`, remove) after the platform's — for teaching broken tokens. */
  claims?: Record<string, unknown>
}

/** An issuer emulator, the same for every platform. */
export interface PlatformIssuer<Run> {
  readonly kind: IssuerKind
  /** The issuer URL, exactly as it appears in `iss`. */
  readonly url: string
  /** Discovery, JWKS and the platform's token-delivery endpoint where it has one. */
  readonly handler: Handler
  readonly signingKid: string
  discovery(): object
  jwks(): { keys: RsaJwk[] }
  issueToken(run: Run, options?: PlatformIssueOptions): Promise<string>
  rotateKeys(): Promise<string>
  retireKey(kid: string): void
  /**
   * The environment the platform gives the job, in the platform's own variable names: the token
   * itself (GitLab, CircleCI, HCP Terraform, Bitbucket) or how to ask for one (GitHub, Buildkite).
   * `baseUrl` is where the job reaches the emulator's endpoints (default the issuer's origin).
   */
  jobEnv(
    run: Run,
    options?: { audience?: string; baseUrl?: string },
  ): Promise<Record<string, string>>
}

/** How the platform hands the token to the job. */
export interface TokenDelivery {
  /** One or two plain sentences. */
  summary: string
  /** The environment variables involved. */
  env: readonly string[]
  source: string
}

/** One issuer, everything a surface needs to offer it. */
export interface IssuerProfile<Run = unknown> {
  kind: IssuerKind
  /** Display name: `GitHub Actions`, `GitLab`, … */
  name: string
  /** Where the platform documents its tokens. */
  docs: string
  /** One issuer for all customers (tenancy only in claims), or one per organisation/workspace/instance. */
  shared: boolean
  /** The claim that names the tenant on a shared issuer (what IAM's create-time check wants pinned). */
  tenantClaim: string
  /** A run described with the fewest words, for demos and scenarios. */
  exampleRun: Run
  /** Check a run description (e.g. parsed JSON); throws `InvalidInputError` with a path. */
  parseRun(value: unknown, path?: string): Run
  /** A one-line description of a run, e.g. `acme/app on main`. */
  describeRun(run: Run): string
  /** The issuer URL the platform uses for this run (per organisation/workspace where it has one). */
  issuerUrl(run: Run): string
  /** The `aud` the platform puts in when the job asks for none (undefined: the job must ask). */
  defaultAudience(run: Run): string | string[] | undefined
  /** The audience the platform's AWS guide registers as the provider's client ID. */
  awsAudience(run: Run): string
  /** The exact claim set for a run. */
  claims(run: Run, options?: CommonClaimOptions): Record<string, unknown>
  /** The subject (`sub`) this run gets by default. */
  subject(run: Run): string
  /**
   * A `sub` of this platform taken apart, name → value in order (e.g. GitLab's
   * `project_path`, `ref_type`, `ref`); `undefined` when it is not in the platform's format.
   */
  subjectParts(sub: string): [string, string][] | undefined
  createIssuer(options?: PlatformIssuerOptions): Promise<PlatformIssuer<Run>>
  /** Claim name → one plain sentence. */
  claimDocs: Readonly<Record<string, string>>
  /** The explanation for a claim name; `undefined` for a claim the platform does not issue. */
  explainClaim(name: string): string | undefined
  /** Who can choose each claim's value. */
  claimControl: Readonly<Record<string, ClaimControl>>
  tokenDelivery: TokenDelivery
  /** The `RoleSessionName` the platform's AWS guide uses. */
  sessionName: string
}
