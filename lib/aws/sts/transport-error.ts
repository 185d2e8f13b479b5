/**
 * STS's answer to a request that never reaches the Query API: a method the HTTP server cannot hand
 * on, a body over its limit, bytes that are not HTTP, a failure in the server. Every answer of the
 * STS endpoint is STS's XML `ErrorResponse` with a common error code
 * (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), so a client's error
 * handling sees the same shape whatever went wrong.
 */
import { systemClock, type Clock } from '../../core/clock.js'
import { StsError } from '../../core/errors.js'
import { cryptoRandom, randomUuid, type RandomBytes } from './random.js'
import { errorResponseXml } from './xml.js'

/** What went wrong before the Query API, as the HTTP server saw it. */
export interface StsTransportProblem {
  status: 400 | 405 | 413 | 500
  message: string
  /** For 405: the method. */
  method?: string
}

/**
 * Sim choice: STS's answer to methods other than GET and POST is undocumented; trustwalk answers
 * `InvalidAction` with 405 and an `Allow` header.
 *
 * @example
 * unsupportedMethod('PUT').code // 'InvalidAction'
 */
export function unsupportedMethod(method: string): StsError {
  return new StsError(
    'InvalidAction',
    `The HTTP method ${method} is not supported: the STS Query API takes POST with a form body or GET with a query string.`,
    405,
  )
}

/**
 * The `StsError` for a transport problem. Sim choice (AWS's front end answers these in ways the
 * STS documentation does not describe): a body too large or bytes that are not HTTP are
 * `InvalidParameterValue` (as broken percent-encoding is, query.ts) with 413 or 400; a failure is
 * `InternalFailure` (500), the common error for "an unknown error, exception or failure".
 *
 * @example
 * stsErrorFor({ status: 413, message: 'The request body is larger than 2097152 bytes.' }).code // 'InvalidParameterValue'
 */
export function stsErrorFor(problem: StsTransportProblem): StsError {
  switch (problem.status) {
    case 405:
      return unsupportedMethod(problem.method ?? 'given')
    case 500:
      return new StsError(
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        500,
      )
    default:
      return new StsError('InvalidParameterValue', problem.message, problem.status)
  }
}

export interface StsTransportErrorOptions {
  clock?: Clock
  random?: RandomBytes
}

/**
 * The whole HTTP answer for a transport problem: STS's `ErrorResponse` XML, its status, and the
 * headers STS sends (`x-amzn-RequestId`, `date`; `allow` for 405).
 *
 * @example
 * serveHandler(sts, { transportError: (p) => stsTransportError(p) })
 */
export function stsTransportError(
  problem: StsTransportProblem,
  options: StsTransportErrorOptions = {},
): Response {
  const error = stsErrorFor(problem)
  const requestId = randomUuid(options.random ?? cryptoRandom)
  return new Response(errorResponseXml(error.toJSON(), requestId), {
    status: error.status,
    headers: {
      'content-type': 'text/xml',
      'x-amzn-RequestId': requestId,
      date: (options.clock ?? systemClock)().toUTCString(),
      ...(error.status === 405 ? { allow: 'GET, POST' } : {}),
    },
  })
}
