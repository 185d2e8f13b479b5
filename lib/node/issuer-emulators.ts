/**
 * The local emulators for another CI system (GitLab, CircleCI, HCP Terraform, Buildkite,
 * Bitbucket): that platform's issuer and STS on real HTTP on loopback, so the AWS SDK and the AWS
 * CLI can run the handshake with the environment that platform's job would have.
 *
 * The issuer is served at `http://127.0.0.1:PORT/<real issuer without https://>` — e.g.
 * `http://127.0.0.1:PORT/gitlab.com` or `…/oidc.circleci.com/org/<ORG>` — so that STS gives it the
 * condition keys AWS fills for the real issuer (the loopback stand-in rule of
 * lib/aws/sts/request-context.ts). Plain http on loopback is trustwalk's one deviation from AWS.
 */
import { createAwsAccount, type AwsAccount } from '../aws/account.js'
import type { StsCall } from '../aws/sts/handler.js'
import { systemClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import { getIssuerScenario, ISSUER_SCENARIOS } from '../handshake/issuer-scenarios.js'
import {
  parseScenario,
  withIssuer,
  type IssuerScenario,
  type Scenario,
} from '../handshake/scenario.js'
import { getIssuerProfile, type IssuerKind, type IssuerProfile } from '../issuers/index.js'
import type { PlatformIssuer } from '../oidc-issuer/profile.js'
import {
  awsJobEnv,
  roleToAssume,
  serveSts,
  startIssuerSlot,
  webIdentityTokenFile,
} from './emulators.js'

export interface IssuerEmulatorOptions {
  host?: string
  issuerPort?: number
  stsPort?: number
  /** Keep a fresh token in a temp file (`AWS_WEB_IDENTITY_TOKEN_FILE`). Default true. */
  tokenFile?: boolean
  onCall?: (call: StsCall) => void
}

export interface RunningIssuerEmulators {
  kind: IssuerKind
  profile: IssuerProfile<unknown>
  /** The loopback issuer URL (the token's `iss`). */
  issuer: string
  /** The real issuer it stands in for. */
  standsFor: string
  sts: string
  roleArn: string
  /** The platform's job environment, plus the AWS variables. */
  env: Record<string, string>
  /** Names of `env` entries the platform sets (the rest are for the AWS SDK/CLI). */
  platformEnv: string[]
  audience: string | undefined
  scenario: IssuerScenario
  account: AwsAccount
  platformIssuer: PlatformIssuer<unknown>
  issueToken(run?: object): Promise<string>
  close(): Promise<void>
}

/**
 * The scenario `serve --issuer KIND [NAME]` serves: NAME among that issuer's built-in scenarios,
 * default its happy path. Throws `InvalidInputError` listing the names otherwise.
 *
 * @example
 * issuerServeScenario('gitlab').name // 'gitlab-happy-path'
 */
export function issuerServeScenario(kind: string, name?: string): IssuerScenario {
  const profile = getIssuerProfile(kind, 'issuer')
  const mine = ISSUER_SCENARIOS.filter((s) => s.issuerKind === profile.kind)
  if (name === undefined) return getIssuerScenario(mine[0]!.name)
  if (!mine.some((s) => s.name === name)) {
    throw new InvalidInputError(
      `no ${profile.name} scenario named ${JSON.stringify(name)}; choose one of ${mine.map((s) => s.name).join(', ')}`,
      'scenario',
    )
  }
  return getIssuerScenario(name)
}

/**
 * Start the issuer of another CI system and STS on loopback HTTP for a scenario.
 *
 * @example
 * const emu = await startIssuerEmulators('gitlab')
 * emu.env.GITLAB_OIDC_TOKEN // the job's ID token
 * await emu.close()
 */
export async function startIssuerEmulators(
  input: IssuerScenario | string,
  options: IssuerEmulatorOptions = {},
): Promise<RunningIssuerEmulators> {
  const original = parseScenario(
    typeof input === 'string' ? issuerServeScenario(input) : input,
  ) as unknown as IssuerScenario
  const profile = getIssuerProfile(original.issuerKind) as IssuerProfile<unknown>
  const run = profile.parseRun(original.run)
  // IAM's write-time checks apply to the real issuer, not to the loopback stand-in.
  createAwsAccount(original.account)
  const standsFor = original.issuer ?? profile.issuerUrl(run)
  const host = options.host ?? '127.0.0.1'
  const slot = await startIssuerSlot(host, options.issuerPort)
  const { server: issuerServer, closers, close } = slot
  try {
    const loopback = `${issuerServer.url}/${standsFor.replace(/^https:\/\//, '')}`
    const moved = withIssuer({ ...original, issuer: standsFor } as unknown as Scenario, loopback)
    const scenario = { ...original, issuer: loopback, account: moved.account }
    const platformIssuer = await profile.createIssuer({ url: loopback, clock: systemClock })
    slot.serve(platformIssuer.handler)
    const account = createAwsAccount(scenario.account)
    const stsServer = await serveSts(account, options.onCall, host, options.stsPort, closers)
    const role = roleToAssume(scenario, account)
    const audience =
      scenario.audience === undefined ? profile.awsAudience(run) : (scenario.audience ?? undefined)
    const issueToken = (r: object = run as object) => platformIssuer.issueToken(r, { audience })
    const jobEnv = await platformIssuer.jobEnv(run, { audience, baseUrl: issuerServer.url })
    const env: Record<string, string> = {
      ...jobEnv,
      ...awsJobEnv(stsServer.url, role, scenario.sessionName ?? profile.sessionName),
    }
    if (options.tokenFile !== false)
      Object.assign(env, await webIdentityTokenFile(issueToken, stsServer.url, closers))
    return {
      kind: profile.kind,
      profile,
      issuer: loopback,
      standsFor,
      sts: stsServer.url,
      roleArn: role,
      env,
      platformEnv: Object.keys(jobEnv),
      audience,
      scenario,
      account,
      platformIssuer,
      issueToken,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
