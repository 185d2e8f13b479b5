/**
 * The page budget in Chromium: every page of the built site (each chapter, the home page, /debug/,
 * /inspect/, /examples/, the workshop's pages, the 404 page — read from dist-site, so a new page is
 * covered without editing a list) ships at most 80 KB of gzip JavaScript on page load. Islands
 * whose code is heavier load it when the reader reaches them; those still work once reached.
 */
import { describe, expect, it } from 'vitest'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { PAGE_BUDGET, jsOnLoad, sitePages } from './site-helpers.js'

const ok = requireTool('chromium', 'the JavaScript a page loads is measured in a real browser')
const pages = sitePages()

describe.skipIf(!ok)('every page within the 80 KB budget', () => {
  const env = useSiteInBrowser()

  it('finds every kind of page in the built site', () => {
    for (const path of [
      '/',
      '/debug/',
      '/inspect/',
      '/examples/',
      '/workshop/',
      '/chapters/attack-lab/',
      '/chapters/when-it-fails/',
      '/404.html',
    ])
      expect(pages).toContain(path)
    expect(pages.filter((p) => p.startsWith('/chapters/')).length).toBeGreaterThanOrEqual(12)
    expect(pages.filter((p) => /^\/workshop\/.+\//.test(p)).length).toBeGreaterThanOrEqual(14)
  })

  for (const path of pages) {
    it(`${path} ships at most 80 KB of gzip JavaScript on page load`, async () => {
      const js = await jsOnLoad(env.browser, `${env.site.url}${path}`)
      expect(js.gzip, `${path}: ${(js.gzip / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(
        PAGE_BUDGET,
      )
    })
  }

  it('the attack lab loads its auditor when the reader reaches it, and runs', async () => {
    const { page, requests, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/attack-lab/`, { waitUntil: 'networkidle' })
    const lab = page.locator('#attack-lab')
    expect(await lab.getAttribute('data-verdict')).toBe('loading')
    const before = requests.length
    await lab.scrollIntoViewIfNeeded()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#attack-lab')?.dataset.verdict === 'open',
      undefined,
      { timeout: 60_000 },
    )
    expect(requests.length).toBeGreaterThan(before)
    expect(await lab.locator('[data-attack]').getAttribute('data-state')).toBe('allowed')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the explainer loads when the reader reaches it, with its diagnosis', async () => {
    const { page, requests, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/when-it-fails/`, { waitUntil: 'networkidle' })
    const explainer = page.locator('[data-explain-failure]')
    expect(await explainer.getAttribute('data-decision')).toBeNull()
    const before = requests.length
    await explainer.scrollIntoViewIfNeeded()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-explain-failure]')?.dataset.decision,
    )
    expect(requests.length).toBeGreaterThan(before)
    expect(await explainer.getAttribute('data-decision')).toBe('ImplicitDeny')
    expect(await explainer.locator('[data-explain-why] [data-diagnosis]').count()).toBeGreaterThan(
      0,
    )
    expect(errors).toEqual([])
    await page.context().close()
  })
})
