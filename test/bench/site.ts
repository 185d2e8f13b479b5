/**
 * `npm run bench:site` (after `astro build`): for every page, the JavaScript the browser loads on
 * page load (gzip bytes, measured from the responses Chromium received), against the 80 KB budget
 * for chapter pages; and, on the walk page, the time from navigation to the first completed walk.
 * Code loaded only on demand (e.g. the WebContainer sandbox) is not counted, because it is not
 * shipped unless the reader asks for it.
 */
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { launchChromium, openPage, serveSite } from '../e2e/harness.js'
import { CHROMIUM } from '../support/tools.js'
import { existsSync } from 'node:fs'

const BUDGET = 80 * 1024
const WALK_RUNS = 5

async function jsOnLoad(
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
  // Inline <script> content ships with the HTML; count it too.
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
    const { page } = await openPage(browser)
    await page.goto(`${site.url}/`)
    const chapters = await page
      .locator('nav[aria-label="Table of contents"] a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
    await page.context().close()
    const pages = ['/', ...chapters, '/inspect/', '/debug/']

    console.log(`JavaScript shipped on page load (gzip), budget ${kb(BUDGET)} per chapter page`)
    let over = 0
    for (const path of pages) {
      const js = await jsOnLoad(browser, `${site.url}${path}`)
      // Chapter pages and the debug page (the engineer's first stop) are held to the budget.
      const chapter = path.startsWith('/chapters/') || path === '/debug/'
      const verdict = js.gzip <= BUDGET ? 'ok' : chapter ? 'OVER BUDGET' : 'over (not a chapter)'
      if (chapter && js.gzip > BUDGET) over++
      console.log(
        `  ${path.padEnd(34)} ${kb(js.gzip).padStart(9)} gzip  ${kb(js.raw).padStart(9)} raw  ${String(js.files).padStart(2)} files  ${((100 * js.gzip) / BUDGET).toFixed(0).padStart(3)}% of budget  ${verdict}`,
      )
    }

    const walkPage = chapters.find((p) => p.includes('the-walk')) ?? '/chapters/the-walk/'
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
      console.log(`\n${over} chapter page(s) over the ${kb(BUDGET)} budget`)
      process.exitCode = 1
    }
  } finally {
    await browser.close()
    await site.close()
  }
}

await main()
