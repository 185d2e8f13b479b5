/**
 * The runnable examples in Chromium: every example's Run prints its committed expected output in
 * the page; edited code with a syntax error, a throw or an endless loop gives a readable message
 * and a usable page; the Node sandbox falls back cleanly without network; `npm start` (astro
 * preview) serves the pages cross-origin isolated.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { listExamples, maskRandom, ROOT } from '../examples/catalog.js'
import {
  SITE_DIR,
  launchChromium,
  openPage,
  serveSite,
  useSiteInBrowser,
  type StaticSite,
} from './harness.js'
import { fillEditor } from './editor-helpers.js'
import { seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the example runner is tested in a real browser')
const examples = listExamples()
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

/** Click Run and wait until the status says how it ended. */
async function run(runner: Locator): Promise<{ status: string; kind: string; output: string }> {
  await runner.locator('[data-run]').click()
  // The click sets the status to "Running…" (kind info) before anything else happens.
  await runner
    .locator('[data-status][data-kind]:not([data-kind="info"])')
    .waitFor({ timeout: 30_000 })
  return {
    status: (await runner.locator('[data-status]').textContent()) ?? '',
    kind: (await runner.locator('[data-status]').getAttribute('data-kind')) ?? '',
    output: (await runner.locator('[data-output]').textContent()) ?? '',
  }
}

async function edit(runner: Locator, code: string): Promise<void> {
  await runner.locator('[data-edit]').click()
  await fillEditor(runner, code)
}

/** Gzipped bytes of the JavaScript a page loaded (from dist-site). */
function gzippedJs(requests: string[], origin: string): number {
  return requests
    .filter((u) => u.startsWith(origin) && new URL(u).pathname.endsWith('.js'))
    .map((u) => gzipSync(readFileSync(join(SITE_DIR, new URL(u).pathname))).length)
    .reduce((a, b) => a + b, 0)
}

describe.skipIf(!ok)('examples in the page', () => {
  let site: StaticSite
  let browser: Browser
  let page: Page
  let requests: string[]
  let errors: string[]
  beforeAll(async () => {
    site = await serveSite()
    browser = await launchChromium()
    ;({ page, requests, errors } = await openPage(browser))
    await page.goto(`${site.url}/examples/`)
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('shows every example, its source highlighted from the file', async () => {
    const names = await page
      .locator('[data-example-runner]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name))
    expect(names).toEqual(examples.map((e) => e.name))
    for (const example of examples) {
      const code = page.locator(`#example-${example.name} [data-view] pre.astro-code`)
      expect((await code.textContent())?.trim()).toBe(readFileSync(example.file, 'utf8').trim())
    }
  })

  it('loads no runner, transpiler or sandbox code until asked, and little JavaScript', () => {
    expect(requests.some((u) => /example-worker|sucrase|sandbox-|webcontainer/i.test(u))).toBe(
      false,
    )
    expect(gzippedJs(requests, site.url)).toBeLessThanOrEqual(80 * 1024)
  })

  for (const example of examples) {
    it(`${example.name}: Run prints the expected output`, async () => {
      const runner = page.locator(`#example-${example.name}`)
      const result = await run(runner)
      if (example.nodeOnly) {
        expect(result.status).toContain('needs Node')
        expect(result.status).toContain(`npx tsx examples/${example.name}.ts`)
        return
      }
      expect(result.kind, result.status).toBe('ok')
      expect(maskRandom(result.output)).toBe(readFileSync(example.expectedFile, 'utf8'))
    })
  }

  it('has no serious accessibility violations after the runs', async () => {
    expect(await seriousViolations(page)).toEqual([])
  })

  it('never talked to another origin, and logged no errors', () => {
    expect(requests.filter((u) => !u.startsWith(site.url))).toEqual([])
    expect(errors).toEqual([])
  })

  it('runs edited code, and shows a syntax error with its line', async () => {
    const runner = page.locator('#example-01-discovery')
    await edit(
      runner,
      "import { fixedClock } from 'trustwalk'\nconsole.log('edited', fixedClock(0)().getTime())\n",
    )
    expect((await run(runner)).output).toBe('edited 0\n')
    await fillEditor(runner, "const broken = (\nconsole.log('never')\n")
    const result = await run(runner)
    expect(result.kind).toBe('error')
    expect(result.status).toMatch(/does not compile on line \d+, column \d+: SyntaxError/)
    expect(result.output).toBe('')
  })

  it('shows a thrown error with its line, and what was printed before it', async () => {
    const runner = page.locator('#example-01-discovery')
    await fillEditor(runner, "console.log('before')\n\nthrow new RangeError('boom')\n")
    const result = await run(runner)
    expect(result.output).toBe('before\n')
    expect(result.status).toContain('stopped with an error on line 3')
    expect(result.status).toContain('RangeError: boom')
  })

  it('stops an endless loop, and the page stays usable', async () => {
    const runner = page.locator('#example-01-discovery')
    await runner.evaluate((el) => ((el as HTMLElement).dataset.timeoutMs = '1500'))
    await fillEditor(runner, 'while (true) {}\n')
    const started = Date.now()
    const result = await run(runner)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.status).toContain('did not finish (an endless loop?)')
    expect(await page.evaluate(() => 6 * 7)).toBe(42)
    await runner.locator('[data-reset]').click()
    await runner.evaluate((el) => delete (el as HTMLElement).dataset.timeoutMs)
    expect((await run(runner)).kind).toBe('ok')
  })

  it('without isolation, the sandbox button says why and offers the service worker', async () => {
    const runner = page.locator('#example-03-verify')
    await runner.locator('[data-sandbox]').click()
    const status = runner.locator('[data-sandbox-status]')
    await expect.poll(() => status.textContent()).toContain('cross-origin isolated')
    expect(await status.textContent()).toContain('press Run')
    expect(await runner.locator('[data-sandbox-enable]').isVisible()).toBe(true)
  })
})

describe.skipIf(!ok)('examples in the chapters', () => {
  const env = useSiteInBrowser()

  it('every example sits next to a chapter, which loads at most 80 KB of JavaScript (gzip)', async () => {
    const placed: string[] = []
    for (const chapter of [
      'discovery',
      'token-issue',
      'signature',
      'conditions',
      'credentials',
      'the-walk',
      'other-issuers',
    ]) {
      const { page, requests } = await openPage(env.browser)
      await page.goto(`${env.site.url}/chapters/${chapter}/`)
      await page.waitForLoadState('load')
      await page.waitForTimeout(500)
      const names = await page
        .locator('[data-example-runner]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name ?? ''))
      placed.push(...names)
      expect(gzippedJs(requests, env.site.url), chapter).toBeLessThanOrEqual(80 * 1024)
      expect(
        requests.some((u) => /example-worker|sandbox-files/.test(u)),
        chapter,
      ).toBe(false)
      await page.context().close()
    }
    expect(placed.sort()).toEqual(examples.map((e) => e.name))
  })

  it('runs an example inside its chapter', async () => {
    const { page } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/signature/`)
    const result = await run(page.locator('#example-03-verify'))
    expect(result.kind).toBe('ok')
    expect(maskRandom(result.output)).toBe(
      readFileSync(examples.find((e) => e.name === '03-verify')!.expectedFile, 'utf8'),
    )
  })
})

describe.skipIf(!ok)('a host that cannot send headers (GitHub Pages)', () => {
  const env = useSiteInBrowser()

  it('"Enable the sandbox" installs the service worker and the reloaded page is isolated', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/examples/`)
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false)
    const runner = page.locator('#example-01-discovery')
    await runner.locator('[data-sandbox]').click()
    await runner.locator('[data-sandbox-enable]').click()
    await page.waitForEvent('load', { timeout: 20_000 })
    await page.waitForFunction(() => crossOriginIsolated === true, null, { timeout: 10_000 })
    // Still the same site, and the in-page runner works under the worker's COEP.
    const result = await run(page.locator('#example-01-discovery'))
    expect(result.kind).toBe('ok')
    expect(errors).toEqual([])
  })

  it('pages have no serious accessibility violations in the dark theme', async () => {
    for (const path of ['/examples/', '/workshop/', `/workshop/${'only-main'}/`]) {
      const { page } = await openPage(env.browser)
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
      await page.goto(`${env.site.url}${path}`)
      expect(await seriousViolations(page), path).toEqual([])
      await page.context().close()
    }
  })
})

describe.skipIf(!ok)('the Node sandbox without network', () => {
  const env = useSiteInBrowser(ISOLATION)

  it('times out with the fallback message, and Run still works', async () => {
    const { page } = await openPage(env.browser)
    // No network: every request that leaves the site fails.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(env.site.url) ? route.continue() : route.abort(),
    )
    await page.goto(`${env.site.url}/examples/`)
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
    const runner = page.locator('#example-02-issue-token')
    const started = Date.now()
    await runner.locator('[data-sandbox]').click()
    const status = runner.locator('[data-sandbox-status][data-kind="error"]')
    await status.waitFor({ timeout: 30_000 })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(await status.textContent()).toMatch(/did not start within 10 s|could not start/)
    expect(await status.textContent()).toContain('The in-page runner above works without it')
    const result = await run(runner)
    expect(result.kind).toBe('ok')
    expect(maskRandom(result.output)).toBe(
      readFileSync(examples.find((e) => e.name === '02-issue-token')!.expectedFile, 'utf8'),
    )
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe.skipIf(!ok)('npm start (astro preview)', () => {
  let preview: ChildProcess
  let url: string
  let browser: Browser
  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    preview = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/astro/astro.js'),
        'preview',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
    )
    for (let i = 0; i < 150; i++) {
      const up = await fetch(`${url}/`).then(
        () => true,
        () => false,
      )
      if (up) break
      await new Promise((r) => setTimeout(r, 200))
    }
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    preview?.kill()
  })

  it('serves pages with the sandbox cross-origin isolated, and Run works under COEP', async () => {
    const response = await fetch(`${url}/examples/`)
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp')
    const { page, errors } = await openPage(browser)
    await page.goto(`${url}/examples/`)
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
    const result = await run(page.locator('#example-04-evaluate-policy'))
    expect(result.kind, result.status).toBe('ok')
    expect(errors).toEqual([])
  })
})
