import { describe, expect, it } from 'vitest'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')

describe.skipIf(!ok)('the built site in Chromium', () => {
  const env = useSiteInBrowser()

  it('renders the home page without console errors or foreign requests', async () => {
    const { page, requests, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/`)
    await expect(page.locator('h1').first().textContent()).resolves.toContain('trustwalk')
    expect(errors).toEqual([])
    expect(requests.every((u) => u.startsWith(env.site.url))).toBe(true)
  })
})
