/**
 * A CircleCI OIDC issuer for one organisation: `https://oidc.circleci.com/org/<ORG>`, discovery at
 * `{iss}/.well-known/openid-configuration`, JWKS at `{iss}/.well-known/jwks-pub.json` (read by third
 * parties, not in CircleCI's docs: Unconfirmed, Sim choice; FACTS-ISSUERS.md §2.1).
 *
 * CircleCI has no token endpoint a job calls: both tokens arrive as environment variables,
 * `$CIRCLE_OIDC_TOKEN` (V1 `sub`) and `$CIRCLE_OIDC_TOKEN_V2` (V2 `sub`), with the organisation as
 * `aud`. A job wanting another audience runs `circleci run oidc get --claims '{"aud": "…"}'`.
 */
import { oidcDiscoveryDocument } from '../oidc-issuer/discovery.js'
import { createIssuerCore, platformIssuer } from '../oidc-issuer/issuer.js'
import type { PlatformIssuer, PlatformIssuerOptions } from '../oidc-issuer/profile.js'
import { withOverrides } from '../oidc-issuer/values.js'
import { circleciClaims, circleciIssuerUrl, resolveCircleCIRun } from './claims.js'
import { CIRCLECI_CLAIM_DOCS } from './claim-docs.js'
import type { CircleCIRun } from './run.js'
import type { CircleCISubjectVersion } from './subject.js'

export const CIRCLECI_JWKS_PATH = '/.well-known/jwks-pub.json'

export interface CircleCIIssuer extends PlatformIssuer<CircleCIRun> {
  issueToken(
    run: CircleCIRun,
    options?: {
      audience?: string | string[]
      claims?: Record<string, unknown>
      subjectVersion?: CircleCISubjectVersion
    },
  ): Promise<string>
}

/**
 * Create a CircleCI issuer. Default URL: the per-organisation issuer of the demo organisation
 * (`org: 'acme'`); pass `url` (e.g. `circleciIssuerUrl(orgId)`) for another.
 *
 * @example
 * const circleci = await createCircleCIIssuer({ keys: 'demo', clock })
 * const env = await circleci.jobEnv({ org: 'acme', project: 'app' })
 * env.CIRCLE_OIDC_TOKEN_V2 // a JWT
 */
export async function createCircleCIIssuer(
  options: PlatformIssuerOptions = {},
): Promise<CircleCIIssuer> {
  const core = await createIssuerCore({
    url: options.url ?? circleciIssuerUrl(resolveCircleCIRun({}).orgId),
    clock: options.clock,
    keys: options.keys,
    platform: 'CircleCI',
    jwksPath: CIRCLECI_JWKS_PATH,
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, Object.keys(CIRCLECI_CLAIM_DOCS)),
  })
  const issueToken: CircleCIIssuer['issueToken'] = async (run, opts = {}) => {
    const claims = circleciClaims(run, {
      issuer: core.url,
      audience: opts.audience,
      clock: core.clock,
      subjectVersion: opts.subjectVersion,
    })
    // CircleCI documents no jti (FACTS-ISSUERS.md §2.2), so trustwalk adds none.
    return core.sign(withOverrides(claims, opts.claims))
  }
  return platformIssuer<CircleCIIssuer>(core, {
    kind: 'circleci',
    issueToken,
    async jobEnv(run) {
      const base = { CIRCLE_JOB: 'deploy', CIRCLE_PROJECT_REPONAME: run.project ?? 'app' }
      // Fork PR builds get no tokens unless the project passes secrets to them (CC).
      if (run.forkPullRequest === true && run.passSecretsToForks !== true) return base
      // The environment tokens always carry the default aud (the organisation UUID).
      return {
        CIRCLE_OIDC_TOKEN: await issueToken(run, { subjectVersion: 'v1' }),
        CIRCLE_OIDC_TOKEN_V2: await issueToken(run, { subjectVersion: 'v2' }),
        ...base,
      }
    },
  })
}
