/**
 * Serve a web-standard handler over real HTTP on loopback. This is the one place where trustwalk's
 * handlers meet Node's `http` module; everything else speaks `Request`/`Response`.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Handler } from '../core/network.js'

export interface ServeOptions {
  /** Default `127.0.0.1`: the emulators are for this machine only. */
  host?: string
  /** Default `0`: pick a free port. */
  port?: number
  /** Largest request body accepted; larger bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number
  /**
   * The answer to a request that never reaches the handler: a body over `maxBodyBytes` (413), a
   * method `Request` cannot carry (`TRACE`, `CONNECT`, `TRACK`: 405), bytes that are not HTTP
   * (400), or a handler that throws (500). Default: a line of `text/plain`. STS answers these
   * with its XML `ErrorResponse` (`stsTransportError`).
   */
  transportError?: (problem: TransportProblem) => Response
}

/** Why a request was answered by the server rather than the handler. */
export interface TransportProblem {
  status: 400 | 405 | 413 | 500
  message: string
  /** For 405: the method. */
  method?: string
}

const plainTransportError = (problem: TransportProblem): Response =>
  new Response(`${problem.message}\n`, {
    status: problem.status,
    headers: { 'content-type': 'text/plain' },
  })

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Put a handler on HTTP. The handler receives a `Request` whose URL uses the address the client
 * connected to.
 *
 * @example
 * const server = await serveHandler(issuer.handler)
 * console.log(server.url)
 * await server.close()
 */
export async function serveHandler(
  handler: Handler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const transportError = options.transportError ?? plainTransportError
  // A request without Host is answered by the handler too (its URL then uses the socket's
  // address), rather than by Node's bare 400.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    void respond(handler, req, res, maxBodyBytes, transportError)
  })
  // Bytes Node cannot parse as HTTP: answer them like any other bad request, then hang up.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy()
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    void rawAnswer(
      transportError({
        status: 400,
        message: tooLarge
          ? 'The request headers are too large.'
          : 'The request is not well-formed HTTP/1.1.',
      }),
    ).then(
      (raw) => socket.end(raw),
      () => socket.destroy(),
    )
  })
  // CONNECT (a proxy tunnel) bypasses the request handler in Node: refuse it like TRACE.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const method = req.method ?? 'CONNECT'
    void rawAnswer(
      transportError({
        status: 405,
        method,
        message: `The HTTP method ${method} is not supported.`,
      }),
    ).then(
      (raw) => socket.end(raw),
      () => socket.destroy(),
    )
  })
  // Node's own default. Node's http.Agent (which the AWS SDK and @actions/core use) ends its
  // idle-socket timer one second before the server's announced `keep-alive: timeout=N`, and does
  // not keep the socket at all when N is 1: a 1-second timeout made every call a new connection.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const hostForUrl = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

/** Methods the fetch standard forbids in a `Request` (https://fetch.spec.whatwg.org/#forbidden-method). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

/** A Host header that is a host name or IP literal with an optional port, and nothing else. */
const AUTHORITY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The URL the handler sees: the Host header when it is a plain `host[:port]`, else the address
 * the client connected to (a malformed Host — `a b`, `user@x`, `[::1`, empty, `127.0.0.1:abc` —
 * must not turn into a crash); the path from the request target, whether origin-form (`/x?y`) or
 * absolute-form (`http://host/x?y`, RFC 9112 §3.2.2), `/` for anything else (`*`).
 */
function requestUrl(req: IncomingMessage): URL {
  const local = req.socket.localAddress ?? '127.0.0.1'
  const fallback = `${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort}`
  const host = req.headers.host
  let base: URL
  try {
    base = new URL(`http://${host !== undefined && AUTHORITY.test(host) ? host : fallback}/`)
  } catch {
    base = new URL(`http://${fallback}/`)
  }
  const target = req.url ?? '/'
  try {
    const parsed = target.startsWith('/') ? new URL(target, base) : new URL(target)
    // Only the path and query of the target count; the authority stays the one chosen above.
    const url = new URL(base)
    url.pathname = parsed.pathname
    url.search = parsed.search
    return url
  } catch {
    return base
  }
}

async function respond(
  handler: Handler,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  transportError: (problem: TransportProblem) => Response,
): Promise<void> {
  const method = req.method ?? 'GET'
  let response: Response
  try {
    const body = await readBody(req, maxBodyBytes)
    if (body === 'too-large') {
      response = transportError({
        status: 413,
        message: `The request body is larger than ${maxBodyBytes} bytes.`,
      })
    } else if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
      response = transportError({
        status: 405,
        method,
        message: `The HTTP method ${method} is not supported.`,
      })
    } else {
      // Name/value pairs straight into the Request, not a Headers object of our own first: this
      // conversion runs on every request `trustwalk serve` answers.
      const headers: [string, string][] = []
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue
        for (const v of Array.isArray(value) ? value : [value]) headers.push([name, v])
      }
      const request = new Request(requestUrl(req), {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
      })
      response = await handler(request, { remoteAddress: req.socket.remoteAddress })
    }
  } catch (error) {
    // A handler bug must not take the server down: answer 500 and keep serving.
    response = transportError({
      status: 500,
      message: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  try {
    const outHeaders: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      outHeaders[name] = value
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    res.writeHead(response.status, outHeaders).end(method === 'HEAD' ? undefined : bytes)
  } catch {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
    res.end()
  }
}

/** A Response as raw HTTP/1.1 bytes, for a socket Node's parser gave up on. */
async function rawAnswer(response: Response): Promise<Buffer> {
  const body = Buffer.from(await response.arrayBuffer())
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`]
  response.headers.forEach((value, name) => lines.push(`${name}: ${value}`))
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '')
  return Buffer.concat([Buffer.from(lines.join('\r\n')), body])
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
