/**
 * No clipped text: on every page, at phone (390 px) and desktop (1280 px) width, in the light and
 * the dark theme, no element's text overflows its box — text either wraps, or sits in a box that
 * scrolls (overflow auto/scroll, which the reader can move). A screenshot of each is saved under
 * test-artifacts/ for a person to look at.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, PHONE, chapterUrls, saveScreenshot } from './site-helpers.js'

const ok = requireTool('chromium', 'clipped text is measured in a real browser')

/** Elements whose own text runs past their box without a way to scroll to it. */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        const style = getComputedStyle(e)
        if (/auto|scroll/.test(style.overflowX)) return true
      }
      return false
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('[hidden], details:not([open]) > :not(summary), svg, script, style')) continue
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      )
      if (!hasText) continue
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      // Visually hidden text (screen-reader only) is clipped on purpose.
      if (el.clientWidth <= 1 && el.clientHeight <= 1) continue
      if (style.display === 'inline') continue
      const over = el.scrollWidth - el.clientWidth
      if (over > 1 && !scrolls(el)) {
        const id = el.id ? `#${el.id}` : ''
        const cls =
          el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''
        found.push(
          `${el.tagName.toLowerCase()}${id}${cls} (+${over}px): ${(el.textContent ?? '').trim().slice(0, 50)}`,
        )
      }
    }
    return found
  })
}

describe.skipIf(!ok)('no clipped text', () => {
  const env = useSiteInBrowser()

  for (const [width, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`every page at ${width} width, ${theme} theme`, async () => {
        const { page } = await openPage(env.browser, viewport)
        await page.addInitScript((t) => localStorage.setItem('trustwalk-theme', t), theme)
        const pages = [
          `${env.site.url}/`,
          ...(await chapterUrls(page, env.site.url)),
          `${env.site.url}/examples/`,
          `${env.site.url}/workshop/`,
          `${env.site.url}/workshop/only-main/`,
          `${env.site.url}/inspect/`,
          `${env.site.url}/debug/`,
        ]
        const problems: string[] = []
        for (const url of pages) {
          await page.goto(url)
          await page.waitForLoadState('load')
          await page.waitForTimeout(300)
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
          const clipped = await clippedText(page)
          problems.push(...clipped.map((c) => `${new URL(url).pathname} ${c}`))
          const name = new URL(url).pathname.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'
          await saveScreenshot(page, `clip-${name}-${width}-${theme}`, true)
        }
        expect(problems).toEqual([])
        await page.context().close()
      })
    }
  }
})
