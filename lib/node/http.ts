/**
 * Serve a web-standard handler over real HTTP on loopback. This is the one place where trustwalk's
 * handlers meet Node's `http` module; everything else speaks `Request`/`Response`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Handler } from '../core/network.js'

export interface ServeOptions {
  /** Default `127.0.0.1`: the emulators are for this machine only. */
  host?: string
  /** Default `0`: pick a free port. */
  port?: number
  /** Largest request body accepted; larger bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number
}

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
  const server = createServer((req, res) => {
    void respond(handler, req, res, maxBodyBytes)
  })
  server.keepAliveTimeout = 1000
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

async function respond(
  handler: Handler,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<void> {
  try {
    const body = await readBody(req, maxBodyBytes)
    if (body === 'too-large') {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('Request body too large\n')
      return
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
    }
    const local = req.socket.localAddress ?? '127.0.0.1'
    const authority =
      req.headers.host ?? `${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort}`
    const method = req.method ?? 'GET'
    const request = new Request(`http://${authority}${req.url ?? '/'}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
    })
    const response = await handler(request)
    const outHeaders: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      outHeaders[name] = value
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    res.writeHead(response.status, outHeaders).end(method === 'HEAD' ? undefined : bytes)
  } catch (error) {
    // A handler bug must not take the server down: answer 500 and keep serving.
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
    res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`)
  }
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
