/**
 * Every page of the built site in Chromium: renders, logs no errors, requests nothing from another
 * origin, does not shift its layout, and has no serious or critical axe-core violations in either
 * theme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { launchChromium, openPage, serveSite, type StaticSite } from './harness.js'
import { chapterUrls, foreignRequests, layoutShift, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')

/** Wait until every island on the page has finished its first render. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('[data-handshake-walk]')].every(
      (w) => w.dataset.state === 'done',
    ),
  )
  await page.waitForTimeout(300)
}

describe.skipIf(!ok)('every page', () => {
  let site: StaticSite
  let browser: Browser
  let pages: string[] = []
  beforeAll(async () => {
    site = await serveSite()
    browser = await launchChromium()
    const { page } = await openPage(browser)
    const chapters = await chapterUrls(page, site.url)
    await page.context().close()
    pages = [
      `${site.url}/`,
      ...chapters,
      `${site.url}/inspect/`,
      `${site.url}/debug/`,
      `${site.url}/no-such-page/`,
    ]
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('lists at least the ten chapters in the table of contents', () => {
    expect(pages.length).toBeGreaterThanOrEqual(13)
  })

  it('renders each page: title, no console errors, no foreign requests, no layout shift, no serious axe violations', async () => {
    const found: string[] = []
    for (const url of pages) {
      const { page, requests, errors } = await openPage(browser)
      await page.emulateMedia({ reducedMotion: 'reduce' })
      const response = await page.goto(url)
      await settled(page)
      const notFound = url.includes('no-such-page')
      expect(response?.status(), url).toBe(notFound ? 404 : 200)
      await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy()
      // The 404 page's own status is logged as a console error; nothing else may be.
      const expected = notFound ? [/status of 404/] : []
      expect(errors.length, `${url}: ${errors.join('; ')}`).toBe(expected.length)
      for (const [i, pattern] of expected.entries()) expect(errors[i]).toMatch(pattern)
      expect(foreignRequests(requests, site.url), url).toEqual([])
      expect(await layoutShift(page), url).toBeLessThan(0.1)
      for (const v of await seriousViolations(page)) found.push(`${url}: ${v}`)
      await page.context().close()
    }
    expect(found).toEqual([])
  })

  it('has no serious or critical axe violations in the dark theme', async () => {
    const found: string[] = []
    for (const url of pages) {
      const { page } = await openPage(browser)
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
      await page.goto(url)
      await settled(page)
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
      for (const v of await seriousViolations(page)) found.push(`${url}: ${v}`)
      await page.context().close()
    }
    expect(found).toEqual([])
  })

  it('keeps every link inside the site’s base', async () => {
    const { page } = await openPage(browser)
    const outside: string[] = []
    for (const url of pages) {
      await page.goto(url)
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
      for (const href of hrefs) {
        if (href.startsWith('/') && !href.startsWith('//')) {
          const status = (await page.request.get(`${site.url}${href.split('#')[0]}`)).status()
          if (status !== 200) outside.push(`${url} → ${href} (${status})`)
        }
      }
    }
    await page.context().close()
    expect(outside).toEqual([])
  })
})
