/**
 * A GitLab ID-token issuer: signing keys, the discovery document at
 * `{iss}/.well-known/openid-configuration` and the JWKS at `{iss}/oauth/discovery/keys`
 * (https://docs.gitlab.com/ci/cloud_services/aws/, FACTS-ISSUERS.md §1.1).
 *
 * GitLab has no runtime token endpoint: tokens are minted when the job starts, one per entry of the
 * job's `id_tokens:` keyword, and handed over as CI/CD variables named after the entry
 * (`id_tokens: { GITLAB_OIDC_TOKEN: { aud: sts.amazonaws.com } }` → `$GITLAB_OIDC_TOKEN`).
 */
import { InvalidInputError } from '../core/errors.js'
import { derivedUuid } from '../oidc-issuer/derive.js'
import { oidcDiscoveryDocument } from '../oidc-issuer/discovery.js'
import { createIssuerCore, platformIssuer } from '../oidc-issuer/issuer.js'
import type { PlatformIssuer, PlatformIssuerOptions } from '../oidc-issuer/profile.js'
import { withOverrides } from '../oidc-issuer/values.js'
import { GITLAB_ISSUER, gitlabClaims } from './claims.js'
import { GITLAB_CLAIM_DOCS } from './claim-docs.js'
import type { GitLabRun } from './run.js'

/** Path of GitLab's JWKS below the instance URL. */
export const GITLAB_JWKS_PATH = '/oauth/discovery/keys'
/** The `id_tokens:` entry name GitLab's AWS guide uses. */
export const GITLAB_TOKEN_VARIABLE = 'GITLAB_OIDC_TOKEN'

export type GitLabIssuer = PlatformIssuer<GitLabRun>

/**
 * Create a GitLab issuer (default `https://gitlab.com`). Each token gets its own `jti`.
 *
 * @example
 * const gitlab = await createGitLabIssuer({ keys: 'demo', clock })
 * const token = await gitlab.issueToken({ projectPath: 'acme/app' }, { audience: 'sts.amazonaws.com' })
 */
export async function createGitLabIssuer(
  options: PlatformIssuerOptions & { lifetimeSeconds?: number } = {},
): Promise<GitLabIssuer> {
  const core = await createIssuerCore({
    url: options.url ?? GITLAB_ISSUER,
    clock: options.clock,
    keys: options.keys,
    platform: 'GitLab',
    jwksPath: GITLAB_JWKS_PATH,
    // Sim choice: GitLab's document is shared with its user-login provider and lists more; only
    // the ID-token claims are listed here.
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, Object.keys(GITLAB_CLAIM_DOCS)),
  })
  let serial = 0
  const issueToken: GitLabIssuer['issueToken'] = async (run, opts = {}) => {
    const claims = gitlabClaims(run, {
      issuer: core.url,
      audience: opts.audience,
      clock: core.clock,
    })
    serial += 1
    if (serial > 1) claims.jti = derivedUuid(`${String(claims.jti)}#${serial}`)
    return core.sign(withOverrides(claims, opts.claims))
  }
  return platformIssuer<GitLabIssuer>(core, {
    kind: 'gitlab',
    issueToken,
    async jobEnv(run, opts = {}) {
      // One variable per id_tokens: entry, each with its own aud; `audience` replaces the
      // default entry's.
      const idTokens = run.idTokens ?? {
        [GITLAB_TOKEN_VARIABLE]: { aud: opts.audience ?? 'sts.amazonaws.com' },
      }
      const tokens: Record<string, string> = {}
      for (const [name, entry] of Object.entries(idTokens)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          throw new InvalidInputError(
            `run.idTokens: ${JSON.stringify(name)} is not a variable name`,
            'run.idTokens',
          )
        }
        tokens[name] = await issueToken(run, { audience: entry?.aud })
      }
      const claims = gitlabClaims(run, { issuer: core.url, audience: 'x', clock: core.clock })
      // Predefined variables the AWS guide's job uses (https://docs.gitlab.com/ci/variables/predefined_variables/).
      return {
        ...tokens,
        CI_SERVER_URL: core.url,
        CI_PROJECT_ID: String(claims.job_project_id),
        CI_PROJECT_PATH: String(claims.job_project_path),
        CI_PIPELINE_ID: String(claims.pipeline_id),
        CI_JOB_ID: String(claims.job_id),
        CI_COMMIT_REF_NAME: String(claims.ref),
        CI_COMMIT_SHA: String(claims.sha),
      }
    },
  })
}
