/**
 * `walk()` for a token from another CI system (GitLab, CircleCI, HCP Terraform, Buildkite,
 * Bitbucket): that platform's issuer emulator (demo keys, so every walk is reproducible), the
 * scenario's AWS account and the job meet on a virtual network; the platform hands the job its
 * token the way it does (an `id_tokens:` variable, `$CIRCLE_OIDC_TOKEN_V2`, …), something may go
 * wrong on the way, and STS runs AssumeRoleWithWebIdentity — the same STS, which knows the issuer
 * only by its URL and the condition keys AWS maps for that host.
 */
import { createAwsAccount } from '../aws/account.js'
import { decodeJwt } from '../aws/oidc/jwt.js'
import { manualClock } from '../core/clock.js'
import { createVirtualNetwork, type Handler } from '../core/network.js'
import type { Check, Trace } from '../core/trace.js'
import { loadIssuerProfile } from '../issuers/load.js'
import type { PlatformIssuer } from '../oidc-issuer/profile.js'
import { DEFAULT_SCENARIO_TIME, type IssuerScenario } from './scenario.js'
import type {} from './step-data.js'
import { afterMinting, presentToSts } from './walk-parts.js'

/**
 * Run a scenario of another CI system through all five steps (called by `walk()` for scenarios
 * with an `issuerKind` other than `github`).
 *
 * @example
 * const trace = await walkIssuer({ name: 'gitlab', issuerKind: 'gitlab', run: { projectPath: 'acme/app' }, account })
 */
export async function walkIssuer(scenario: IssuerScenario): Promise<Trace> {
  const profile = await loadIssuerProfile(scenario.issuerKind)
  const run = profile.parseRun(scenario.run)
  const clock = manualClock(scenario.clock ?? DEFAULT_SCENARIO_TIME)
  const issuer = await profile.createIssuer({
    url: scenario.issuer ?? profile.issuerUrl(run),
    clock,
    keys: 'demo',
  })
  const account = createAwsAccount(scenario.account)
  const routes = new Map<string, Handler>([[new URL(issuer.url).origin, issuer.handler]])
  const net = createVirtualNetwork()
  const perturb = scenario.perturbations ?? {}
  const audience =
    scenario.audience === undefined ? profile.awsAudience(run) : (scenario.audience ?? undefined)
  const checks: Check[] = []
  const platform = profile.name

  // Someone else's run: on a per-tenant issuer (CircleCI organisation, Bitbucket workspace) the
  // other tenant's token comes from its own issuer URL.
  const tokenRun =
    perturb.tokenFrom === undefined
      ? run
      : profile.parseRun(perturb.tokenFrom, 'perturbations.tokenFrom')
  let minter: PlatformIssuer<unknown> = issuer
  if (perturb.tokenFrom !== undefined && scenario.issuer === undefined) {
    const otherUrl = profile.issuerUrl(tokenRun)
    if (otherUrl !== issuer.url) {
      minter = await profile.createIssuer({ url: otherUrl, clock, keys: 'demo' })
      const origin = new URL(otherUrl).origin
      const here = routes.get(origin)
      const there = minter.handler
      // Same host, another path: whichever issuer serves the path answers.
      routes.set(
        origin,
        here === undefined
          ? there
          : async (r) => {
              const answer = await here(r)
              return answer.status === 404 ? there(r) : answer
            },
      )
    }
  }
  for (const [origin, handler] of routes) net.route(origin, handler)

  const overrides =
    scenario.claims === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(scenario.claims).map(([k, v]) => [k, v === null ? undefined : v]),
        )
  let token = await minter.issueToken(tokenRun, { audience, claims: overrides })
  checks.push({
    id: 'issue.id-token-request',
    ok: true,
    summary:
      `${platform} minted a token for ${profile.describeRun(tokenRun)}` +
      (audience === undefined ? ` with its default audience.` : ` with audience ${audience}.`) +
      (overrides === undefined
        ? ''
        : ` These claims were changed: ${Object.keys(overrides).join(', ')}.`) +
      ` ${profile.tokenDelivery.summary}`,
    actual: audience ?? null,
    source: profile.tokenDelivery.source,
  })
  const { payload: claims, header } = decodeJwt(token)
  checks.push({
    id: 'issue.token-signed',
    ok: true,
    summary: `${platform} signed the token (${header.alg}, key ${header.kid}): iss ${String(claims.iss)}, sub ${String(claims.sub)}, aud ${JSON.stringify(claims.aud)}, valid until ${new Date(Number(claims.exp) * 1000).toISOString().replace('.000', '')}.`,
    actual: { iss: claims.iss, sub: claims.sub, aud: claims.aud, kid: header.kid },
    source: profile.docs,
  })
  if (perturb.tokenFrom !== undefined) {
    checks.push({
      id: 'issue.token-from-another-run',
      ok: true,
      summary:
        (profile.describeRun(tokenRun) === profile.describeRun(run)
          ? `The token presented to STS was minted for another ${platform} run with the same names, ${profile.describeRun(run)}, but different ids (a deleted name re-created by someone else)`
          : `The token presented to STS was minted for ${profile.describeRun(tokenRun)}, not for ${profile.describeRun(run)}`) +
        `: only the trust policy's conditions (and, for per-tenant issuers, the provider URL) tell them apart.`,
      actual: claims.sub,
      source: profile.docs,
    })
  }
  token = await afterMinting({
    platform,
    token,
    claims,
    perturb,
    forgedSub: profile.subject(run),
    keys: minter,
    clock,
    checks,
  })
  return presentToSts({
    scenario,
    account,
    token,
    defaultSessionName: profile.sessionName,
    net,
    clock,
    checks,
    issued: {
      token,
      header,
      claims,
      requestedAudience: audience ?? null,
      run: profile.describeRun(tokenRun),
    },
    isDiscovery: (url) =>
      url.includes('/.well-known/') ||
      url.endsWith('/keys.json') ||
      url.endsWith('/oauth/discovery/keys'),
  })
}
