/**
 * `walk(scenario)`: the whole handshake in one call, in memory. A GitHub issuer (with the fixed
 * demo keys, so every walk is reproducible), the scenario's AWS account, and the workflow run meet
 * on a virtual network; the job asks the runner's token endpoint for a token, something may go wrong
 * on the way (the scenario's perturbations), and STS runs AssumeRoleWithWebIdentity. The result is
 * the five-step Trace every surface renders.
 */
import { createAwsAccount } from '../aws/account.js'
import { decodeJwt } from '../aws/oidc/jwt.js'
import { DEFAULT_ROLE_SESSION_NAME } from '../core/demo.js'
import { manualClock } from '../core/clock.js'
import { TrustwalkError } from '../core/errors.js'
import { createGitHubIssuer, type GitHubIssuer } from '../github/issuer.js'
import type { WorkflowRun } from '../github/run.js'
import { createVirtualNetwork, type VirtualNetwork } from '../core/network.js'
import {
  DEFAULT_SCENARIO_TIME,
  GITHUB_ISSUER_URL,
  parseScenario,
  type IssuerScenario,
  type Scenario,
} from './scenario.js'
import { afterMinting, presentToSts } from './walk-parts.js'
import type { Check, Trace } from '../core/trace.js'
import type {} from './step-data.js'

const GITHUB_OIDC = 'https://docs.github.com/en/actions/reference/security/oidc'
const GET_ID_TOKEN = 'https://github.com/actions/toolkit/blob/main/packages/core/src/oidc-utils.ts'

/**
 * Run a scenario through all five steps and return the Trace. Throws `InvalidInputError` for a
 * malformed scenario and `IamError` for an account IAM would refuse to create; every handshake
 * failure is in the Trace instead.
 *
 * @example
 * const trace = await walk(getScenario('wrong-audience'))
 * trace.steps.map((s) => s.status) // ['skipped', 'pass', 'fail', 'skipped', 'skipped']
 * trace.outcome.ok || trace.outcome.error.message // 'Incorrect token audience'
 */
export async function walk(input: Scenario | IssuerScenario): Promise<Trace> {
  const parsed = parseScenario(input) as Scenario | IssuerScenario
  // Loaded on demand: a page that walks only GitHub scenarios never ships the other issuers.
  if (parsed.issuerKind !== undefined && parsed.issuerKind !== 'github')
    return (await import('./walk-issuer.js')).walkIssuer(parsed as IssuerScenario)
  const scenario = parsed as Scenario
  const clock = manualClock(scenario.clock ?? DEFAULT_SCENARIO_TIME)
  const issuer = await createGitHubIssuer({
    url: scenario.issuer ?? GITHUB_ISSUER_URL,
    clock,
    keys: 'demo',
  })
  const account = createAwsAccount(scenario.account)
  const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
  const perturb = scenario.perturbations ?? {}
  const audience =
    scenario.audience === undefined ? 'sts.amazonaws.com' : (scenario.audience ?? undefined)
  const checks: Check[] = []

  const tokenRun = perturb.tokenFrom ?? scenario.run
  let token = await mintToken(issuer, net, tokenRun, scenario, audience, checks)
  const minted = decodeJwt(token)
  const { payload: claims, header } = minted
  checks.push({
    id: 'issue.token-signed',
    ok: true,
    summary: `GitHub signed the token (${header.alg}, key ${header.kid}): sub ${String(claims.sub)}, aud ${String(claims.aud)}, valid until ${new Date(Number(claims.exp) * 1000).toISOString().replace('.000', '')}.`,
    actual: { sub: claims.sub, aud: claims.aud, kid: header.kid },
    source: GITHUB_OIDC,
  })
  if (perturb.tokenFrom) {
    checks.push({
      id: 'issue.token-from-another-run',
      ok: true,
      summary: `The token presented to STS was minted for ${perturb.tokenFrom.owner}/${perturb.tokenFrom.repo}, not for ${scenario.run.owner}/${scenario.run.repo}: any GitHub workflow can get a token like it, so only the trust policy's conditions tell them apart.`,
      actual: claims.sub,
      source: GITHUB_OIDC,
    })
  }
  token = await afterMinting({
    platform: 'GitHub',
    token,
    claims,
    perturb,
    forgedSub: `repo:${scenario.run.owner}/${scenario.run.repo}:ref:refs/heads/main`,
    keys: issuer,
    clock,
    checks,
  })
  return presentToSts({
    scenario,
    account,
    token,
    defaultSessionName: DEFAULT_ROLE_SESSION_NAME,
    net,
    clock,
    checks,
    issued: {
      token,
      header,
      claims,
      requestedAudience: audience ?? null,
      run: `${tokenRun.owner}/${tokenRun.repo}`,
    },
    isDiscovery: (url) => url.includes('/.well-known/'),
  })
}

/** The job's token: from the runner's token endpoint, as `@actions/core` getIDToken asks for it. */
async function mintToken(
  issuer: GitHubIssuer,
  net: VirtualNetwork,
  run: WorkflowRun,
  scenario: Scenario,
  audience: string | undefined,
  checks: Check[],
): Promise<string> {
  const subjectTemplate = scenario.subjectTemplate
  if (scenario.claims) {
    // Claim overrides are a teaching device the runner protocol has no way to ask for.
    const claims = Object.fromEntries(
      Object.entries(scenario.claims).map(([k, v]) => [k, v === null ? undefined : v]),
    )
    const token = await issuer.issueToken(run, { audience, subjectTemplate, claims })
    checks.push({
      id: 'issue.id-token-request',
      ok: true,
      summary: `GitHub minted a token for ${run.owner}/${run.repo} with these claims changed: ${Object.keys(claims).join(', ')}.`,
      source: GITHUB_OIDC,
    })
    return token
  }
  const env = issuer.runnerEnv(run, { subjectTemplate })
  const url =
    env.ACTIONS_ID_TOKEN_REQUEST_URL +
    (audience === undefined ? '' : `&audience=${encodeURIComponent(audience)}`)
  const response = await net.fetch(url, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  })
  const body = (await response.json().catch(() => ({}))) as { value?: unknown; message?: unknown }
  if (!response.ok || typeof body.value !== 'string') {
    throw new TrustwalkError(
      'TW_TOKEN_REQUEST_FAILED',
      `GitHub's token endpoint answered ${response.status}: ${String(body.message ?? 'no token')}`,
    )
  }
  checks.push({
    id: 'issue.id-token-request',
    ok: true,
    summary:
      audience === undefined
        ? `The job in ${run.owner}/${run.repo} asked the runner's token endpoint for an ID token without an audience, so GitHub used its default, https://github.com/${run.owner}.`
        : `The job in ${run.owner}/${run.repo} asked the runner's token endpoint for an ID token with audience ${audience} (GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=…, as @actions/core getIDToken does).`,
    actual: audience ?? null,
    source: GET_ID_TOKEN,
  })
  return body.value
}
