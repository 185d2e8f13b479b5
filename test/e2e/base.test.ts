/**
 * The site under a sub-path (GitHub Pages: https://OWNER.github.io/trustwalk/): built with
 * TRUSTWALK_BASE=/trustwalk/, every link and asset stays under the prefix, and the walk still runs
 * when the site is served there.
 */
import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { launchChromium, openPage } from './harness.js'
import { foreignRequests } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')
const ROOT = join(import.meta.dirname, '../..')
const PREFIX = '/trustwalk/'

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return htmlFiles(path)
    return name.endsWith('.html') ? [path] : []
  })
}

/** Serve `dir` under PREFIX only, as GitHub Pages serves a project site. */
function servePrefixed(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith(PREFIX)) return void res.writeHead(404).end('outside the base')
    let file = join(dir, path.slice(PREFIX.length))
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      const type = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }[
        extname(file)
      ]
      res
        .writeHead(200, { 'content-type': type ?? 'text/html; charset=utf-8' })
        .end(readFileSync(file))
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  )
}

describe.skipIf(!ok)('the site under a sub-path', () => {
  let dir: string
  let browser: Browser
  let served: { url: string; server: Server }
  beforeAll(async () => {
    // Inside the project: Astro writes its prerender bundle next to an outDir within the working
    // directory, but to a shared fallback folder for one outside it.
    dir = join(ROOT, 'test-artifacts', 'site-base')
    rmSync(dir, { recursive: true, force: true })
    execFileSync('npx', ['astro', 'build', '--outDir', dir], {
      cwd: ROOT,
      // Not process.env: Vitest puts BASE_URL, MODE… there, and Astro would read them as the
      // server-side import.meta.env.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TRUSTWALK_BASE: PREFIX,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
    })
    served = await servePrefixed(dir)
    browser = await launchChromium()
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    served?.server.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('puts every root-relative link, script and stylesheet under the prefix', () => {
    const outside: string[] = []
    for (const file of htmlFiles(dir)) {
      const html = readFileSync(file, 'utf8')
      for (const [, attr, value] of html.matchAll(/\b(href|src|action)="(\/[^"]*)"/g)) {
        if (!value!.startsWith(PREFIX) && !value!.startsWith('//'))
          outside.push(`${file.slice(dir.length)}: ${attr}="${value}"`)
      }
    }
    expect(outside).toEqual([])
  })

  it('runs the walk and follows next/previous links under the prefix', async () => {
    const { page, errors, requests } = await openPage(browser)
    await page.goto(`${served.url}${PREFIX}chapters/the-walk/`)
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#walk')?.dataset.state === 'done',
    )
    await page.locator('a[rel="next"]').click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).pathname.startsWith(PREFIX)).toBe(true)
    await page.locator('.site-header .brand').click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).pathname).toBe(PREFIX)
    expect(errors).toEqual([])
    expect(foreignRequests(requests, served.url)).toEqual([])
    expect(requests.filter((u) => !new URL(u).pathname.startsWith(PREFIX))).toEqual([])
    await page.context().close()
  })
})
