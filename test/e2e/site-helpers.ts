/**
 * Helpers the site's browser tests share: the page list (from the home page's table of contents,
 * so a new chapter is tested without editing a list), axe-core, origin checks and screenshots.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

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
