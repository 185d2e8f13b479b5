/**
 * The local emulators: trustwalk's GitHub issuer and STS on real HTTP, on this machine only, so that
 * software nobody here wrote — the AWS SDK, the AWS CLI, `@actions/core` — can run the handshake.
 *
 * The one deviation from AWS: the issuer is served over plain `http://127.0.0.1:PORT` (AWS requires
 * an https provider URL). Its condition keys are therefore `127.0.0.1:PORT:sub` and so on, and the
 * scenario's trust policies are moved to that prefix (`withIssuer`).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAwsAccount, IamError, type AwsAccount } from '../aws/account.js'
import { stsHandler, type StsCall } from '../aws/sts/handler.js'
import { stsTransportError } from '../aws/sts/transport-error.js'
import { systemClock } from '../core/clock.js'
import { DEFAULT_ROLE_SESSION_NAME, STS_AUDIENCE } from '../core/demo.js'
import { InvalidInputError } from '../core/errors.js'
import { createGitHubIssuer, type GitHubIssuer } from '../github/issuer.js'
import type { Handler } from '../core/network.js'
import { parseScenario, withIssuer, type Scenario } from '../handshake/scenario.js'
import { DEFAULT_SCENARIO_NAME, getScenario } from '../handshake/scenarios.js'
import { serveHandler } from './http.js'
import { DOCUMENT_INPUT } from './input-limits.js'
import { printable } from './printable.js'
import { readFileCapped } from './read-input.js'

export interface EmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string
  /** Fixed ports; default: any free ones. */
  issuerPort?: number
  stsPort?: number
  /**
   * Keep a fresh token for the scenario's run in a temp file (`AWS_WEB_IDENTITY_TOKEN_FILE`), and
   * write the `AWS_DATA_PATH` endpoint rule set beside it. Default true.
   */
  tokenFile?: boolean
  /** Called after every STS request, with the Trace for AssumeRoleWithWebIdentity. */
  onCall?: (call: StsCall) => void
}

/** What a job needs to run against the emulators, as environment variables. */
export interface EmulatorEnv {
  ACTIONS_ID_TOKEN_REQUEST_URL: string
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: string
  AWS_ENDPOINT_URL_STS: string
  AWS_REGION: string
  AWS_DEFAULT_REGION: string
  AWS_ROLE_ARN: string
  AWS_ROLE_SESSION_NAME: string
  /** There is no instance metadata service here; stop SDKs and the CLI from looking for one. */
  AWS_EC2_METADATA_DISABLED: string
  AWS_WEB_IDENTITY_TOKEN_FILE?: string
  /**
   * For AWS CLI versions before 2.13, which ignore `AWS_ENDPOINT_URL_STS`: a data directory whose
   * STS endpoint rule set points at the emulator (`AWS_DATA_PATH`, documented in
   * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).
   */
  AWS_DATA_PATH?: string
}

export interface RunningEmulators {
  /** The issuer URL, e.g. `http://127.0.0.1:41234` (the token's `iss`). */
  issuer: string
  /** The STS endpoint URL. */
  sts: string
  roleArn: string
  env: EmulatorEnv
  /** The audience the scenario's job asks for (`sts.amazonaws.com` unless it says otherwise). */
  audience: string | undefined
  /** The scenario as served (issuer moved to loopback). */
  scenario: Scenario
  account: AwsAccount
  githubIssuer: GitHubIssuer
  /** Mint a fresh token for the scenario's run (or another run) with its audience. */
  issueToken(run?: Scenario['run'], audience?: string | null): Promise<string>
  close(): Promise<void>
}

const REGION = 'us-east-1'

/**
 * Start the issuer and STS on loopback HTTP for a scenario (default: the happy path). Perturbations
 * are for `walk()` and are not applied here.
 *
 * @example
 * const emu = await startEmulators()
 * const sts = new STSClient({ endpoint: emu.sts, region: emu.env.AWS_REGION })
 * await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: emu.roleArn, RoleSessionName: 'x', WebIdentityToken: await emu.issueToken() }))
 * await emu.close()
 */
export async function startEmulators(
  input: Scenario | string = DEFAULT_SCENARIO_NAME,
  options: EmulatorOptions = {},
): Promise<RunningEmulators> {
  const original = parseScenario(typeof input === 'string' ? getScenario(input) : input)
  // The account is created once as written, so IAM's write-time checks (the GitHub guardrail)
  // apply to the scenario's real issuer, not to the loopback stand-in.
  createAwsAccount(original.account)
  const host = options.host ?? '127.0.0.1'
  const slot = await startIssuerSlot(host, options.issuerPort)
  const { server: issuerServer, closers, close } = slot
  try {
    const scenario = withIssuer(original, issuerServer.url)
    const githubIssuer = await createGitHubIssuer({ url: issuerServer.url, clock: systemClock })
    slot.serve(githubIssuer.handler)
    const account = createAwsAccount(scenario.account)
    const stsServer = await serveSts(account, options.onCall, host, options.stsPort, closers)
    const role = roleToAssume(scenario, account)
    const audience =
      scenario.audience === undefined ? STS_AUDIENCE : (scenario.audience ?? undefined)
    const issueToken = (run = scenario.run, aud: string | null | undefined = audience) =>
      githubIssuer.issueToken(run, {
        audience: aud ?? undefined,
        subjectTemplate: scenario.subjectTemplate,
      })
    const env: EmulatorEnv = {
      ...githubIssuer.runnerEnv(scenario.run, { subjectTemplate: scenario.subjectTemplate }),
      ...awsJobEnv(stsServer.url, role, scenario.sessionName ?? DEFAULT_ROLE_SESSION_NAME),
    }
    // GitHub tokens live five minutes; the file stays fresh for as long as the emulators run.
    if (options.tokenFile !== false)
      Object.assign(env, await webIdentityTokenFile(issueToken, stsServer.url, closers))
    return {
      issuer: issuerServer.url,
      sts: stsServer.url,
      roleArn: role,
      env,
      audience,
      scenario,
      account,
      githubIssuer,
      issueToken,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Read a scenario JSON file, with errors that name the file and the place: bad JSON (line and
 * column), an unknown or mistyped field (its JSON path), or an account IAM would refuse.
 *
 * @example
 * const scenario = await loadScenarioFile('scenario.json')
 */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const name = printable(file)
  let text: string
  try {
    text = await readFileCapped(file, DOCUMENT_INPUT, `${name}: the scenario file`)
  } catch (error) {
    if (error instanceof InvalidInputError) throw error
    throw new InvalidInputError(
      `${name}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      undefined,
      { cause: error },
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(
      `${name}: not valid JSON${jsonErrorPlace(text, error)}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    )
  }
  let scenario: Scenario
  try {
    scenario = parseScenario(json)
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new InvalidInputError(`${name}: ${error.message}`, error.path, { cause: error })
    throw error
  }
  try {
    createAwsAccount(scenario.account)
  } catch (error) {
    if (error instanceof IamError) {
      throw new InvalidInputError(
        `${name}: account: IAM would refuse it (${error.code}): ${error.message}`,
        'account',
        { cause: error },
      )
    }
    throw error
  }
  return scenario
}

/** " at line L, column C" when the parser says where. */
function jsonErrorPlace(text: string, error: unknown): string {
  const m = /position (\d+)/.exec(String((error as Error)?.message))
  if (!m) return ''
  const before = text.slice(0, Number(m[1]))
  const line = before.split('\n').length
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`
}

/**
 * Write an STS endpoint rule set that sends every STS call to `url`, in the layout botocore (the AWS
 * CLI) reads from `AWS_DATA_PATH`: `sts/2011-06-15/endpoint-rule-set-1.json`. Returns the directory.
 * Needed because CLIs before 2.13 honour neither `AWS_ENDPOINT_URL_STS` nor an endpoint for the
 * STS client behind `AWS_WEB_IDENTITY_TOKEN_FILE`.
 *
 * @example
 * env.AWS_DATA_PATH = await writeStsEndpointRuleSet('/tmp/tw/aws-data', 'http://127.0.0.1:4011')
 */
export async function writeStsEndpointRuleSet(dir: string, url: string): Promise<string> {
  const param = (builtIn: string, type: 'String' | 'Boolean', required = false) => ({
    builtIn,
    type,
    required,
    documentation: builtIn,
    ...(type === 'Boolean' && { default: false }),
  })
  const ruleSet = {
    version: '1.0',
    parameters: {
      Region: param('AWS::Region', 'String'),
      UseDualStack: param('AWS::UseDualStack', 'Boolean', true),
      UseFIPS: param('AWS::UseFIPS', 'Boolean', true),
      Endpoint: param('SDK::Endpoint', 'String'),
      UseGlobalEndpoint: param('AWS::STS::UseGlobalEndpoint', 'Boolean', true),
    },
    rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }],
  }
  const versionDir = join(dir, 'sts', '2011-06-15')
  await mkdir(versionDir, { recursive: true })
  await writeFile(join(versionDir, 'endpoint-rule-set-1.json'), JSON.stringify(ruleSet, null, 2))
  return dir
}

/** The workshop's exercises, read from examples/workshop/ in this package (Node only). */
export { loadExercises } from './exercise-folders.js'

/**
 * The AWS part of a job's environment: STS's endpoint and region, the role and session name the
 * SDKs and the CLI read, and no instance metadata (so nothing on this machine answers instead).
 */
export function awsJobEnv(stsUrl: string, roleArn: string, sessionName: string) {
  return {
    AWS_ENDPOINT_URL_STS: stsUrl,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ROLE_ARN: roleArn,
    AWS_ROLE_SESSION_NAME: sessionName,
    AWS_EC2_METADATA_DISABLED: 'true',
  }
}

/**
 * A web identity token file, as a job on EKS or with AWS_WEB_IDENTITY_TOKEN_FILE has one: written
 * now and refreshed every minute until `closers` run, plus an endpoint rule set for AWS CLIs that
 * ignore AWS_ENDPOINT_URL_STS.
 */
export async function webIdentityTokenFile(
  issueToken: () => Promise<string>,
  stsUrl: string,
  closers: (() => Promise<unknown>)[],
): Promise<{ AWS_WEB_IDENTITY_TOKEN_FILE: string; AWS_DATA_PATH: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'trustwalk-'))
  const file = join(dir, 'web-identity-token')
  const refresh = async () => writeFile(file, await issueToken(), { mode: 0o600 })
  await refresh()
  const timer = setInterval(() => void refresh().catch(() => {}), 60_000)
  timer.unref()
  closers.push(async () => {
    clearInterval(timer)
    await rm(dir, { recursive: true, force: true })
  })
  return {
    AWS_WEB_IDENTITY_TOKEN_FILE: file,
    AWS_DATA_PATH: await writeStsEndpointRuleSet(join(dir, 'aws-data'), stsUrl),
  }
}

/**
 * The issuer's loopback server, started first because its URL becomes the issuer's: it answers 503
 * until `serve` hands it the issuer's handler. `close` stops it and everything pushed on `closers`
 * after it (the STS server, the token file), last first, ignoring failures.
 */
export async function startIssuerSlot(host: string, port: number | undefined) {
  let handler: Handler = async () => new Response('starting', { status: 503 })
  const server = await serveHandler((r) => handler(r), { host, port })
  const closers: (() => Promise<unknown>)[] = [() => server.close()]
  return {
    server,
    closers,
    serve(issuer: Handler) {
      handler = issuer
    },
    async close() {
      for (const c of [...closers].reverse()) await c().catch(() => {})
    },
  }
}

/**
 * STS's Query API for `account` on loopback HTTP, reaching issuers with the platform's `fetch`.
 * The body limit sits above serveHandler's 1 MiB default, so that STS itself answers oversized
 * parameters, and every answer is STS-shaped XML, even when the handler is never reached.
 */
export async function serveSts(
  account: AwsAccount,
  onCall: ((call: StsCall) => void) | undefined,
  host: string,
  port: number | undefined,
  closers: (() => Promise<unknown>)[],
) {
  const sts = stsHandler(account, { fetch: globalThis.fetch, clock: systemClock, onCall })
  const server = await serveHandler(sts, {
    host,
    port,
    maxBodyBytes: 2 * 1024 * 1024,
    transportError: (problem) => stsTransportError(problem, { clock: systemClock }),
  })
  closers.push(() => server.close())
  return server
}

/** The role a served scenario's job assumes: `roleArn`, the role named `roleName`, or the first. */
export function roleToAssume(
  scenario: { roleArn?: string; roleName?: string },
  account: AwsAccount,
): string {
  const role =
    scenario.roleArn ??
    (scenario.roleName ? account.findRoleByName(scenario.roleName) : account.roles[0])?.Arn
  if (!role)
    throw new InvalidInputError(
      'account.roles: the scenario has no role to assume',
      'account.roles',
    )
  return role
}
