/**
 * A Buildkite OIDC issuer: `https://agent.buildkite.com`, discovery and JWKS at
 * `{iss}/.well-known/openid-configuration` and `{iss}/.well-known/jwks`, and the Agent API call
 * behind `buildkite-agent oidc request-token` (FACTS-ISSUERS.md §4.1):
 *
 * `POST <BUILDKITE_AGENT_ENDPOINT>/jobs/<job id>/oidc/tokens` with the agent's access token
 * (`Authorization: Token …`) and `{"audience", "lifetime"}` → `{"token": "…"}`
 * (https://github.com/buildkite/agent/blob/main/api/oidc.go, older revision). Sim choices: the
 * endpoint lives on the issuer's origin under `/v3`; the body may also carry `claims`,
 * `aws_session_tags` and `subject_claim` (the agent's newer flags; their wire names are not in
 * FACTS-ISSUERS.md); errors answer `{"message": "…"}`.
 */
import { encodeBase64url } from '../core/base64url.js'
import { oidcDiscoveryDocument } from '../oidc-issuer/discovery.js'
import { json } from '../oidc-issuer/http.js'
import { createIssuerCore, platformIssuer } from '../oidc-issuer/issuer.js'
import type { PlatformIssuer, PlatformIssuerOptions } from '../oidc-issuer/profile.js'
import { baseUrl } from '../oidc-issuer/url.js'
import { withOverrides } from '../oidc-issuer/values.js'
import { BUILDKITE_ISSUER, buildkiteClaims } from './claims.js'
import { BUILDKITE_CLAIM_DOCS } from './claim-docs.js'
import type { BuildkiteRun, BuildkiteTokenRequest } from './run.js'

export const BUILDKITE_JWKS_PATH = '/.well-known/jwks'
/** Where the emulator serves the Agent API (`BUILDKITE_AGENT_ENDPOINT`). */
export const BUILDKITE_AGENT_API_PATH = '/v3'

export type BuildkiteIssuer = PlatformIssuer<BuildkiteRun>

/**
 * Create a Buildkite issuer.
 *
 * @example
 * const bk = await createBuildkiteIssuer({ keys: 'demo', clock })
 * const env = await bk.jobEnv({ organization: 'acme', pipeline: 'app' })
 * // POST `${env.BUILDKITE_AGENT_ENDPOINT}/jobs/${env.BUILDKITE_JOB_ID}/oidc/tokens`
 */
export async function createBuildkiteIssuer(
  options: PlatformIssuerOptions = {},
): Promise<BuildkiteIssuer> {
  const core = await createIssuerCore({
    url: options.url ?? BUILDKITE_ISSUER,
    clock: options.clock,
    keys: options.keys,
    platform: 'Buildkite',
    jwksPath: BUILDKITE_JWKS_PATH,
    discovery: (iss, jwks) => oidcDiscoveryDocument(iss, jwks, Object.keys(BUILDKITE_CLAIM_DOCS)),
  })
  const jobs = new Map<string, { run: BuildkiteRun; accessToken: string }>()
  const issueToken: BuildkiteIssuer['issueToken'] = async (run, opts = {}) =>
    core.sign(
      withOverrides(
        buildkiteClaims(run, { issuer: core.url, audience: opts.audience, clock: core.clock }),
        opts.claims,
      ),
    )

  const tokenRoute = new RegExp(`^${BUILDKITE_AGENT_API_PATH}/jobs/([^/]+)/oidc/tokens$`)
  const handler = async (request: Request): Promise<Response> => {
    const match = tokenRoute.exec(new URL(request.url).pathname)
    if (match === null) return core.handler(request)
    if (request.method !== 'POST')
      return json(405, { message: 'Method Not Allowed' }, { allow: 'POST' })
    const job = jobs.get(decodeURIComponent(match[1]!))
    const auth = /^token[ \t]+(\S+)$/i.exec(request.headers.get('authorization') ?? '')
    if (job === undefined || auth === null || auth[1] !== job.accessToken) {
      return json(401, {
        message:
          'Unauthorized: send Authorization: Token $BUILDKITE_AGENT_ACCESS_TOKEN for a running job.',
      })
    }
    const body = (await request.json().catch(() => undefined)) as
      Record<string, unknown> | undefined
    if (typeof body !== 'object' || body === null)
      return json(400, { message: 'Expected a JSON body' })
    const tokenRequest: BuildkiteTokenRequest = {
      ...job.run.tokenRequest,
      ...(typeof body.lifetime === 'number' && body.lifetime > 0 && { lifetime: body.lifetime }),
      ...(Array.isArray(body.claims) && { claims: body.claims as string[] }),
      ...(Array.isArray(body.aws_session_tags) && {
        awsSessionTags: body.aws_session_tags as string[],
      }),
      ...(typeof body.subject_claim === 'string' && { subjectClaim: body.subject_claim }),
    }
    try {
      const token = await issueToken(
        { ...job.run, tokenRequest },
        {
          audience:
            typeof body.audience === 'string' && body.audience !== '' ? body.audience : undefined,
        },
      )
      return json(201, { token })
    } catch (error) {
      return json(422, { message: (error as Error).message })
    }
  }

  return platformIssuer<BuildkiteIssuer>(core, {
    kind: 'buildkite',
    handler,
    issueToken,
    async jobEnv(run, opts = {}) {
      const claims = buildkiteClaims(run, { issuer: core.url, clock: core.clock })
      const jobId = String(claims.job_id)
      const accessToken = encodeBase64url(crypto.getRandomValues(new Uint8Array(24)))
      jobs.set(jobId, { run: structuredClone(run), accessToken })
      const base = opts.baseUrl === undefined ? new URL(core.url).origin : baseUrl(opts.baseUrl)
      return {
        BUILDKITE_AGENT_ENDPOINT: `${base}${BUILDKITE_AGENT_API_PATH}`,
        BUILDKITE_AGENT_ACCESS_TOKEN: accessToken,
        BUILDKITE_JOB_ID: jobId,
        BUILDKITE_ORGANIZATION_SLUG: String(claims.organization_slug),
        BUILDKITE_PIPELINE_SLUG: String(claims.pipeline_slug),
        BUILDKITE_BRANCH: String(claims.build_branch),
      }
    },
  })
}
