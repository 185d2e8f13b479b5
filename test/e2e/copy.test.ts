/**
 * The words match the layout: at phone width every part of every page is stacked, so no page's
 * text may send the reader to something "on the left", "on the right", "next to it" or "beside"
 * it (issue 14: the playground's copy said "the policy on the left or the claims on the right"
 * while it was stacked at every width). "Above" and "below" stay true when parts stack.
 */
import { describe, expect, it } from 'vitest'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { PHONE, sitePages } from './site-helpers.js'

const ok = requireTool('chromium', 'the text is read as the browser renders it')

// "Beside" a folder or a value in a list is not about the page's layout; beside a part of the
// page is.
const SIDEWAYS =
  /\b(?:on|to) the (?:left|right)\b|\bnext to (?:it|them|this)\b|\bbeside (?:it|them|the (?:solution|policy|claims|editor|lab|token))\b/i

describe.skipIf(!ok)('copy and layout', () => {
  const env = useSiteInBrowser()

  it('no page sends the reader left, right or beside something', async () => {
    const found: string[] = []
    const pages = sitePages()
    expect(pages.length).toBeGreaterThan(30)
    const { page } = await openPage(env.browser, PHONE)
    for (const path of pages) {
      await page.goto(`${env.site.url}${path}`)
      const text = await page.locator('main').evaluate((m) => (m as HTMLElement).textContent ?? '')
      for (const sentence of text.split(/(?<=[.!?])\s+/))
        if (SIDEWAYS.test(sentence)) found.push(`${path}: ${sentence.trim().slice(0, 120)}`)
    }
    expect(found).toEqual([])
    await page.context().close()
  })
})
