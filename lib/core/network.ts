/**
 * The virtual network: a `fetch` that routes requests by origin to web-standard handlers, so the
 * same issuer and STS code that `trustwalk serve` puts on real HTTP runs in memory in the browser.
 */

/**
 * What the transport knows about the connection a request arrived on, beyond the `Request` itself
 * (like Deno.serve's `info.remoteAddr`). Real HTTP fills it from the socket; in memory it is absent.
 */
export interface ConnectionInfo {
  /** The caller's IP address, e.g. `127.0.0.1`. */
  remoteAddress?: string
}

/** Every server in trustwalk is one of these. */
export type Handler = (request: Request, connection?: ConnectionInfo) => Promise<Response>

/** The subset of `fetch` that trustwalk uses. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface VirtualNetwork {
  fetch: Fetch
  /** Add or replace the handler for an origin such as `https://token.actions.githubusercontent.com`. */
  route(origin: string, handler: Handler): void
  /** Every request made through this network, in order (for teaching and for tests). */
  readonly log: { method: string; url: string; status: number }[]
}

/**
 * Create a virtual network from a map of origins to handlers. Requests to any other origin fail
 * with a `TypeError('fetch failed')`, as a real `fetch` does when the host cannot be reached.
 *
 * @example
 * const net = createVirtualNetwork({ 'https://token.actions.githubusercontent.com': issuer.handler })
 * const res = await net.fetch('https://token.actions.githubusercontent.com/.well-known/jwks')
 */
export function createVirtualNetwork(routes: Record<string, Handler> = {}): VirtualNetwork {
  const table = new Map<string, Handler>()
  for (const [origin, handler] of Object.entries(routes)) table.set(new URL(origin).origin, handler)
  const log: VirtualNetwork['log'] = []
  return {
    log,
    route(origin, handler) {
      table.set(new URL(origin).origin, handler)
    },
    async fetch(input, init) {
      const request = input instanceof Request ? new Request(input, init) : new Request(input, init)
      const url = new URL(request.url)
      const handler = table.get(url.origin)
      if (!handler) {
        log.push({ method: request.method, url: request.url, status: 0 })
        throw new TypeError('fetch failed', {
          cause: new Error(`virtual network: no server at ${url.origin}`),
        })
      }
      const response = await handler(request)
      log.push({ method: request.method, url: request.url, status: response.status })
      return response
    },
  }
}
