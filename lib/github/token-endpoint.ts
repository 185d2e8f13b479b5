/**
 * The runner's ID-token endpoint, as `@actions/core` `getIDToken()` sees it.
 *
 * On a real runner, `ACTIONS_ID_TOKEN_REQUEST_URL` (already carrying `?api-version=2.0`) and
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN` are set for jobs with `permissions: id-token: write`
 * (https://github.com/actions/runner/pull/1287). The client sends
 * `GET $URL&audience=<urlencoded>` with `Authorization: Bearer $TOKEN` and reads `.value` from the
 * JSON answer (https://github.com/actions/toolkit/blob/main/packages/core/src/oidc-utils.ts).
 * FACTS.md §1.6.
 *
 * Sim choices (the real service's error bodies are not documented): failures answer JSON
 * `{"message": "…"}`, which `@actions/http-client` surfaces as the error message; a missing or
 * unsupported `api-version` answers 400.
 */
import { encodeBase64url } from '../core/base64url.js'
import { json } from '../oidc-issuer/http.js'

/** A JSON response, as GitHub's services send it (shared by every issuer emulator). */
export { json }

/** Where trustwalk serves the token endpoint, below the issuer's origin. */
export const TOKEN_ENDPOINT_PATH = '/_apis/actions/idtoken'

/** The env vars a runner gives a job that may request an ID token. */
export interface RunnerEnv {
  ACTIONS_ID_TOKEN_REQUEST_URL: string
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: string
}

/** What the endpoint needs from the issuer: who a request token belongs to, and how to mint. */
export interface TokenEndpointBackend {
  /** Mint a token for the run registered under `requestToken`; `undefined` if there is none. */
  mint(requestToken: string, audience: string | undefined): Promise<string | undefined>
}

/**
 * Answer one request to the token endpoint (the caller has already matched the path).
 *
 * @example
 * const res = await tokenEndpoint(new Request(url, { headers: { authorization: `Bearer ${t}` } }), backend)
 * const { value } = await res.json()
 */
export async function tokenEndpoint(
  request: Request,
  backend: TokenEndpointBackend,
): Promise<Response> {
  if (request.method !== 'GET') {
    return json(
      405,
      { message: `The requested resource does not support http method '${request.method}'.` },
      {
        allow: 'GET',
      },
    )
  }
  const authorization = request.headers.get('authorization')
  const match = authorization === null ? null : /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)
  if (match === null) {
    return json(
      401,
      {
        message:
          'Missing bearer token: send Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN.',
      },
      {
        'www-authenticate': 'Bearer',
      },
    )
  }
  const url = new URL(request.url)
  const version = url.searchParams.get('api-version')
  if (version !== '2.0') {
    return json(400, {
      message:
        version === null
          ? 'No api-version was supplied: use ACTIONS_ID_TOKEN_REQUEST_URL as given (it ends in ?api-version=2.0).'
          : `The requested api-version ${JSON.stringify(version)} is not supported; use 2.0.`,
    })
  }
  const audience = url.searchParams.get('audience')
  // getIDToken() omits the parameter when no audience is asked for; an empty one means the same.
  const token = await backend.mint(
    match[1]!,
    audience === null || audience === '' ? undefined : audience,
  )
  if (token === undefined) {
    return json(
      401,
      {
        message:
          'The bearer token is not a valid ACTIONS_ID_TOKEN_REQUEST_TOKEN for any running job.',
      },
      {
        'www-authenticate': 'Bearer error="invalid_token"',
      },
    )
  }
  return json(200, { value: token })
}

/**
 * A fresh, unguessable request token (256 random bits, base64url), like the runner's.
 *
 * @example
 * newRequestToken().length // 43
 */
export function newRequestToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return encodeBase64url(bytes)
}
