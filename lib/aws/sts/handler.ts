/**
 * The STS Query API as a web-standard handler: the same code answers in memory (the site, walk())
 * and over real HTTP (`trustwalk serve`), for the AWS SDK, the AWS CLI and curl alike.
 * https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html
 */
import { systemClock, type Clock } from '../../core/clock.js'
import { StsError } from '../../core/errors.js'
import type { Fetch, Handler } from '../../core/network.js'
import type { StsErrorShape, Trace } from '../../core/trace.js'
import type { AwsAccount } from '../account.js'
import { createVerificationCache, type VerificationCache } from '../oidc/cache.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import { stsCaller } from './caller.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { policyArnsFrom, readQueryRequest, type QueryRequest } from './query.js'
import { cryptoRandom, randomUuid, type RandomBytes } from './random.js'
import { unsupportedMethod } from './transport-error.js'
import { assumeRoleWithWebIdentityXml, errorResponseXml, getCallerIdentityXml } from './xml.js'

export const STS_VERSION = '2011-06-15'

const utf8 = new TextEncoder()

/** STS actions trustwalk knows exist but does not emulate. */
const OTHER_STS_ACTIONS = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoot',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
  'GetDelegatedAccessToken',
  'GetFederationToken',
  'GetSessionToken',
  'GetWebIdentityToken',
])

/** One call the handler answered, for logs and teaching. */
export interface StsCall {
  action: string | undefined
  status: number
  requestId: string
  error?: StsErrorShape
  /** For AssumeRoleWithWebIdentity: the full Trace. */
  trace?: Trace
}

export interface StsHandlerOptions {
  /** How STS reaches issuers' discovery documents and JWKS. */
  fetch: Fetch
  clock?: Clock
  /** Randomness for credentials and request ids. */
  random?: RandomBytes
  /** Discovery/JWKS cache; default: one per handler, as STS caches keys between calls. */
  configurationCache?: VerificationCache
  /** Called after every answered request. */
  onCall?: (call: StsCall) => void
}

/**
 * The STS Query API for one account: `AssumeRoleWithWebIdentity` (unsigned) and `GetCallerIdentity`
 * (SigV4-signed with credentials it issued). POST form bodies and GET query strings both work;
 * anything malformed gets STS's XML `ErrorResponse`, never a crash. The trust policy sees the
 * request-derived keys: `aws:SourceIp` from the transport's `connection.remoteAddress` (real HTTP
 * passes the socket's), `aws:UserAgent` from the `User-Agent` header, `aws:RequestedRegion` from
 * a regional endpoint's host name (lib/aws/sts/caller.ts).
 *
 * @example
 * const sts = stsHandler(account, { fetch: net.fetch })
 * net.route('https://sts.amazonaws.com', sts)
 * const res = await net.fetch('https://sts.amazonaws.com/', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
 *   body: new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn, RoleSessionName: 'GitHubActions', WebIdentityToken: token }),
 * })
 */
export function stsHandler(account: AwsAccount, options: StsHandlerOptions): Handler {
  const clock = options.clock ?? systemClock
  const random = options.random ?? cryptoRandom
  const configurationCache = options.configurationCache ?? createVerificationCache()
  return async (request, connection) => {
    const requestId = randomUuid(random)
    let action: string | undefined
    const answer = (
      status: number,
      xml: string,
      extra: Omit<StsCall, 'action' | 'status' | 'requestId'> = {},
      headers: Record<string, string> = {},
    ) => {
      options.onCall?.({ action, status, requestId, ...extra })
      // Bytes, not the string: a Response reads a byte body faster, on every call.
      return new Response(utf8.encode(xml), {
        status,
        headers: {
          'content-type': 'text/xml',
          'x-amzn-RequestId': requestId,
          date: clock().toUTCString(),
          ...headers,
        },
      })
    }
    const error = (e: StsError, trace?: Trace, headers?: Record<string, string>) =>
      answer(
        e.status,
        errorResponseXml(e.toJSON(), requestId),
        { error: e.toJSON(), ...(trace && { trace }) },
        headers,
      )
    try {
      if (request.method !== 'POST' && request.method !== 'GET') {
        return error(unsupportedMethod(request.method), undefined, { allow: 'GET, POST' })
      }
      const parsed = await readQueryRequest(request)
      if (!parsed.ok) return error(parsed.error)
      const query = parsed.request
      action = query.params.get('Action')
      if (!action) {
        // The documented meaning of MissingAction (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
        return error(
          new StsError(
            'MissingAction',
            'The request is missing an action or a required parameter.',
          ),
        )
      }
      const version = query.params.get('Version')
      if (version === undefined) {
        return error(
          new StsError('MissingParameter', 'The request must contain the parameter Version.'),
        )
      }
      const known = action === 'AssumeRoleWithWebIdentity' || action === 'GetCallerIdentity'
      if (version !== STS_VERSION || !(known || OTHER_STS_ACTIONS.has(action))) {
        return error(
          new StsError(
            'InvalidAction',
            `Could not find operation ${action} for version ${version}`,
          ),
        )
      }
      if (action === 'AssumeRoleWithWebIdentity') {
        const trace = await assumeRoleWithWebIdentity(account, paramsFrom(query), {
          fetch: options.fetch,
          clock,
          random,
          configurationCache,
          ...stsCaller(request, connection),
        })
        if (!trace.outcome.ok) {
          const e = trace.outcome.error
          return error(new StsError(e.code, e.message, e.status), trace)
        }
        return answer(200, assumeRoleWithWebIdentityXml(trace.outcome.response, requestId), {
          trace,
        })
      }
      if (action === 'GetCallerIdentity') {
        const who = await getCallerIdentity(query, { sessions: account.sessions, now: clock() })
        if (!who.ok) return error(who.error)
        return answer(200, getCallerIdentityXml(who.result, requestId))
      }
      return error(
        new StsError(
          'InvalidAction',
          `trustwalk's STS emulator does not implement ${action}; it answers AssumeRoleWithWebIdentity and GetCallerIdentity.`,
        ),
      )
    } catch (cause) {
      // A bug must still answer like STS: 500 InternalFailure, and the server keeps serving.
      return error(
        new StsError(
          'InternalFailure',
          `The request processing has failed because of an unknown error, exception or failure. (${cause instanceof Error ? cause.message : String(cause)})`,
          500,
          { cause },
        ),
      )
    }
  }
}

/** AssumeRoleWithWebIdentity's parameters from the Query map; numbers parsed, the rest as text. */
function paramsFrom(query: QueryRequest): Parameters<typeof assumeRoleWithWebIdentity>[1] {
  const p = query.params
  const duration = p.get('DurationSeconds')
  const params: Record<string, unknown> = {
    RoleArn: p.get('RoleArn'),
    RoleSessionName: p.get('RoleSessionName'),
    WebIdentityToken: p.get('WebIdentityToken'),
  }
  if (duration !== undefined)
    params.DurationSeconds = /^-?\d{1,15}$/.test(duration) ? Number(duration) : duration
  if (p.has('Policy')) params.Policy = p.get('Policy')
  if (p.has('ProviderId')) params.ProviderId = p.get('ProviderId')
  const policyArns = policyArnsFrom(p)
  if (policyArns) params.PolicyArns = policyArns
  // Unvalidated on purpose: validateParams reports missing or mistyped members as STS does.
  return params as unknown as Parameters<typeof assumeRoleWithWebIdentity>[1]
}
