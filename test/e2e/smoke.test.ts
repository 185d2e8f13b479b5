import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { launchChromium, openPage, serveSite, type StaticSite } from './harness.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')

describe.skipIf(!ok)('the built site in Chromium', () => {
  let site: StaticSite
  let browser: Browser
  beforeAll(async () => {
    site = await serveSite()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('renders the home page without console errors or foreign requests', async () => {
    const { page, requests, errors } = await openPage(browser)
    await page.goto(`${site.url}/`)
    await expect(page.locator('h1').first().textContent()).resolves.toContain('trustwalk')
    expect(errors).toEqual([])
    expect(requests.every((u) => u.startsWith(site.url))).toBe(true)
  })
})
