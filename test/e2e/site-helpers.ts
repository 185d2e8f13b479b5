/**
 * Helpers the site's browser tests share: the page list (from the home page's table of contents,
 * so a new chapter is tested without editing a list), axe-core, origin checks and screenshots.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { SITE_DIR, openPage } from './harness.js'

export const AXE = join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js')
export const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts')

export const DESKTOP = { width: 1280, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** Every chapter URL in the home page's table of contents, in order. */
export async function chapterUrls(page: Page, siteUrl: string): Promise<string[]> {
  await page.goto(`${siteUrl}/`)
  const hrefs = await page
    .locator('nav[aria-label="Table of contents"] a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
  return hrefs
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** Run axe-core on the page; return the serious and critical violations, readably. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, options: object): Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    )
}

/** Requests that went anywhere but the site itself. */
export function foreignRequests(requests: string[], siteUrl: string): string[] {
  return requests.filter(
    (u) => !u.startsWith(`${siteUrl}/`) && !u.startsWith('data:') && !u.startsWith('blob:'),
  )
}

/** Save a screenshot under test-artifacts/ (gitignored) and return its path. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage })
  return path
}

/** Cumulative layout shift so far, from the browser's own layout-shift entries. */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as {
            value: number
            hadRecentInput: boolean
          }[]) {
            if (!entry.hadRecentInput) total += entry.value
          }
        }).observe({ type: 'layout-shift', buffered: true })
        setTimeout(() => resolve(total), 100)
      }),
  )
}

/** The page budget: JavaScript shipped on page load, gzip bytes (DESIGN.md, issue 14). */
export const PAGE_BUDGET = 80 * 1024

/**
 * Every page of the built site, as URL paths ('/', '/chapters/the-walk/', '/404.html'), read from
 * dist-site's HTML files, so a new page is held to the budget without editing a list; empty if the
 * site is not built.
 */
export function sitePages(dir = SITE_DIR): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/${f.split(sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1'))
    .sort()
}

/**
 * The JavaScript a page loads on page load (until the network is idle): the script files Chromium
 * received plus the inline scripts, gzip bytes. Code an island imports later, when the reader
 * reaches or uses it, is not counted: it is not shipped unless the reader goes there.
 */
export async function jsOnLoad(
  browser: Browser,
  url: string,
): Promise<{ files: number; raw: number; gzip: number }> {
  const { page } = await openPage(browser)
  const bodies: Promise<Buffer | undefined>[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(response.url())) {
      bodies.push(response.body().catch(() => undefined))
    }
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  const loaded = (await Promise.all(bodies)).filter((b): b is Buffer => b !== undefined)
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
  )
  await page.context().close()
  const all = [...loaded, Buffer.from(inline)]
  return {
    files: loaded.length,
    raw: all.reduce((n, b) => n + b.length, 0),
    gzip: all.reduce((n, b) => n + (b.length ? gzipSync(b).length : 0), 0),
  }
}
