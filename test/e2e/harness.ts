/**
 * The e2e harness: serve the built site (dist-site) over loopback and drive it in Debian's Chromium
 * with playwright-core. Every request the page makes is recorded so tests can prove nothing leaves
 * the origin.
 */
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM } from '../support/tools.js'

/** The built site; TRUSTWALK_SITE_DIR points elsewhere (e.g. a private `astro build --outDir`). */
export const SITE_DIR =
  process.env.TRUSTWALK_SITE_DIR ?? join(import.meta.dirname, '../../dist-site')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

export interface StaticSite {
  url: string
  close(): Promise<void>
}

/** Serve dist-site as a static host would (index.html for directories, 404.html otherwise). */
export async function serveSite(headers: Record<string, string> = {}): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      let file = normalize(join(SITE_DIR, path))
      if (!file.startsWith(SITE_DIR)) {
        res.writeHead(403).end()
        return
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
      } catch {
        if (!extname(file)) file = `${file}.html`
      }
      try {
        const body = await readFile(file)
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...headers,
        })
        res.end(body)
      } catch {
        const notFound = await readFile(join(SITE_DIR, '404.html')).catch(() =>
          Buffer.from('Not found'),
        )
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(notFound)
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  })
}

export interface WatchedPage {
  page: Page
  /** Every URL the page requested. */
  requests: string[]
  /** Console errors and uncaught page errors. */
  errors: string[]
}

/** Open a page that records its requests and errors. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  return { page, requests, errors }
}

export interface SiteInBrowser {
  readonly site: StaticSite
  readonly browser: Browser
}

/**
 * For a `describe` block: serve the built site and launch Chromium before its tests, close both
 * after. Read `env.site` and `env.browser` inside the tests.
 */
export function useSiteInBrowser(headers: Record<string, string> = {}): SiteInBrowser {
  const env = {} as { site: StaticSite; browser: Browser }
  beforeAll(async () => {
    env.site = await serveSite(headers)
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.site?.close()
  })
  return env
}
