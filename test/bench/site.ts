/**
 * `npm run bench:site` (after `astro build`): for every page of the built site, the JavaScript the
 * browser loads on page load (gzip bytes, measured from the responses Chromium received), against
 * the 80 KB budget; and, on the walk page, the time from navigation to the first completed walk.
 * Code loaded only on demand (an island's code when the reader reaches it, the WebContainer
 * sandbox) is not counted, because it is not shipped unless the reader goes there.
 * test/e2e/page-budget.test.ts holds every page to the same budget in CI.
 */
import type { Browser } from 'playwright-core'
import { launchChromium, openPage, serveSite } from '../e2e/harness.js'
import { PAGE_BUDGET, jsOnLoad, sitePages } from '../e2e/site-helpers.js'
import { CHROMIUM } from '../support/tools.js'
import { existsSync } from 'node:fs'

const BUDGET = PAGE_BUDGET
const WALK_RUNS = 5

async function walkTimes(browser: Browser, url: string, reducedMotion: boolean): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < WALK_RUNS; i++) {
    const { page } = await openPage(browser)
    if (reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(url)
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-handshake-walk]')?.dataset.state === 'done',
    )
    times.push(
      await page.evaluate(
        () => performance.getEntriesByName('trustwalk:walk-done')[0]?.startTime ?? NaN,
      ),
    )
    await page.context().close()
  }
  return times.sort((a, b) => a - b)
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? NaN
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`bench:site needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
    process.exitCode = 1
    return
  }
  const site = await serveSite()
  const browser = await launchChromium()
  try {
    const pages = sitePages()
    console.log(`JavaScript shipped on page load (gzip), budget ${kb(BUDGET)} per page`)
    let over = 0
    for (const path of pages) {
      const js = await jsOnLoad(browser, `${site.url}${path}`)
      if (js.gzip > BUDGET) over++
      console.log(
        `  ${path.padEnd(40)} ${kb(js.gzip).padStart(9)} gzip  ${kb(js.raw).padStart(9)} raw  ${String(js.files).padStart(2)} files  ${((100 * js.gzip) / BUDGET).toFixed(0).padStart(3)}% of budget  ${js.gzip <= BUDGET ? 'ok' : 'OVER BUDGET'}`,
      )
    }

    const walkPage = pages.find((p) => p.includes('the-walk')) ?? '/chapters/the-walk/'
    console.log(
      `\nWalk page ${walkPage}: navigation → first completed walk (median of ${WALK_RUNS})`,
    )
    for (const reduced of [false, true]) {
      const times = await walkTimes(browser, `${site.url}${walkPage}`, reduced)
      console.log(
        `  ${reduced ? 'reduced motion (no animation)' : 'with the token animation'.padEnd(29)}  median ${median(times).toFixed(0)} ms  (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)})`,
      )
    }
    if (over) {
      console.log(`\n${over} page(s) over the ${kb(BUDGET)} budget`)
      process.exitCode = 1
    }
  } finally {
    await browser.close()
    await site.close()
  }
}

await main()
