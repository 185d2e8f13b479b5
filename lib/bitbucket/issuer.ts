/**
 * A Bitbucket Pipelines OIDC issuer for one workspace:
 * `https://api.bitbucket.org/2.0/workspaces/<WS>/pipelines-config/identity/oidc`, discovery at
 * `{iss}/.well-known/openid-configuration`, JWKS at `{iss}/keys.json` (Bitbucket REST API,
 * FACTS-ISSUERS.md §5.1). A step with `oidc: true` gets its token as `$BITBUCKET_STEP_OIDC_TOKEN`.
 */
import { oidcDiscoveryDocument } from '../oidc-issuer/discovery.js'
import { createIssuerCore, platformIssuer } from '../oidc-issuer/issuer.js'
import type { PlatformIssuer, PlatformIssuerOptions } from '../oidc-issuer/profile.js'
import { withOverrides } from '../oidc-issuer/values.js'
import { bitbucketClaims, bitbucketIssuerUrl, resolveBitbucketRun } from './claims.js'
import type { BitbucketRun } from './run.js'

export const BITBUCKET_JWKS_PATH = '/keys.json'

/** `claims_supported` as mirrored by Teleport's fake IdP (Unconfirmed). */
const CLAIMS_SUPPORTED = [
  'sub',
  'stepUuid',
  'repositoryUuid',
  'pipelineUuid',
  'workspaceUuid',
  'deploymentEnvironmentUuid',
  'branchName',
  'compliant',
]

export type BitbucketIssuer = PlatformIssuer<BitbucketRun>

/**
 * Create a Bitbucket issuer (default: the `acme` workspace's).
 *
 * @example
 * const bb = await createBitbucketIssuer({ url: bitbucketIssuerUrl('acme'), keys: 'demo' })
 * const env = await bb.jobEnv({ workspace: 'acme' })
 * env.BITBUCKET_STEP_OIDC_TOKEN // a JWT
 */
export async function createBitbucketIssuer(
  options: PlatformIssuerOptions = {},
): Promise<BitbucketIssuer> {
  const core = await createIssuerCore({
    url: options.url ?? bitbucketIssuerUrl('acme'),
    clock: options.clock,
    keys: options.keys,
    platform: 'Bitbucket',
    jwksPath: BITBUCKET_JWKS_PATH,
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, CLAIMS_SUPPORTED),
  })
  const issueToken: BitbucketIssuer['issueToken'] = async (run, opts = {}) =>
    core.sign(
      withOverrides(
        bitbucketClaims(run, { issuer: core.url, audience: opts.audience, clock: core.clock }),
        opts.claims,
      ),
    )
  return platformIssuer<BitbucketIssuer>(core, {
    kind: 'bitbucket',
    issueToken,
    async jobEnv(run) {
      const ids = resolveBitbucketRun(run)
      // The step's audiences come from the YAML (run.audiences), not from the job at run time.
      return {
        BITBUCKET_STEP_OIDC_TOKEN: await issueToken(run),
        BITBUCKET_WORKSPACE: run.workspace,
        BITBUCKET_REPO_UUID: ids.repositoryUuid,
        BITBUCKET_STEP_UUID: ids.stepUuid,
        BITBUCKET_BRANCH: run.branch ?? 'main',
      }
    },
  })
}
