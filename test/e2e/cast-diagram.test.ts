/**
 * The cast diagram in Chromium, at phone (390 px) and desktop (1280 px) width, on every page that
 * shows it: no arrow runs through a label. The label boxes come from the browser's own text
 * layout (getBBox) and each arrow is sampled along its length (getPointAtLength), so a moved label
 * or a re-routed curve is checked as drawn. A step's number badge sits on its own arrow by design
 * (its disc covers the line); another step's arrow must not cross it.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, PHONE } from './site-helpers.js'

const ok = requireTool('chromium', 'the diagram is laid out by a real browser')

/** Every place an arrow crosses a text box (or another step's badge), readably. */
async function crossings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    // Half the widest stroke (3) plus a hair, so a line grazing a glyph's edge counts.
    const PAD = 2
    for (const svg of document.querySelectorAll<SVGSVGElement>('[data-cast] svg')) {
      type Box = { name: string; step?: string; x: number; y: number; w: number; h: number }
      const boxes: Box[] = []
      for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
        const step = text.closest<SVGGElement>('[data-step]')?.dataset.step
        // A number badge is judged by its disc below.
        if (text.classList.contains('num')) continue
        const b = text.getBBox()
        boxes.push({ name: `“${text.textContent}”`, step, x: b.x, y: b.y, w: b.width, h: b.height })
      }
      for (const circle of svg.querySelectorAll<SVGCircleElement>('[data-step] circle')) {
        const step = circle.closest<SVGGElement>('[data-step]')!.dataset.step
        const b = circle.getBBox()
        boxes.push({
          name: `badge of ${step}`,
          step: `badge:${step}`,
          ...{ x: b.x, y: b.y, w: b.width, h: b.height },
        })
      }
      for (const path of svg.querySelectorAll<SVGPathElement>('[data-step] path')) {
        const step = path.closest<SVGGElement>('[data-step]')!.dataset.step
        const length = path.getTotalLength()
        const hit = new Set<string>()
        for (let d = 0; d <= length; d += 0.5) {
          const p = path.getPointAtLength(d)
          for (const box of boxes) {
            if (box.step === `badge:${step}`) continue
            if (
              p.x >= box.x - PAD &&
              p.x <= box.x + box.w + PAD &&
              p.y >= box.y - PAD &&
              p.y <= box.y + box.h + PAD
            )
              hit.add(box.name)
          }
        }
        for (const name of hit)
          found.push(`${step} arrow (${path.getAttribute('d')}) crosses ${name}`)
      }
    }
    return found
  })
}

describe.skipIf(!ok)('the cast diagram', () => {
  const env = useSiteInBrowser()

  for (const [width, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`no arrow crosses a label, at ${width} width`, async () => {
      const { page, errors } = await openPage(env.browser, viewport)
      for (const path of ['/chapters/the-cast/', '/', '/chapters/conditions/']) {
        await page.goto(`${env.site.url}${path}`)
        await page.waitForLoadState('load')
        expect(await page.locator('[data-cast] svg').count(), path).toBeGreaterThan(0)
        expect(await crossings(page), path).toEqual([])
      }
      expect(errors).toEqual([])
      await page.context().close()
    })
  }
})
