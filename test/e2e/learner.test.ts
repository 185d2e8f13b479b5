/**
 * What a learner trips over (issue 14 §2), each in Chromium: a result is always for the current
 * input or clearly absent (playground), the attack lab says "Fixed" only when it is, and a syntax
 * error is not an attack refused.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { fillEditor } from './editor-helpers.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, PHONE, foreignRequests } from './site-helpers.js'

const ok = requireTool('chromium', 'the learner checks drive the built site in a real browser')

async function dataset(page: Page, selector: string, key: string, want: string): Promise<void> {
  await page.waitForFunction(
    ([sel, k, w]) => document.querySelector<HTMLElement>(sel!)?.dataset[k!] === w,
    [selector, key, want],
    { timeout: 60_000 },
  )
}

/** Replace a textarea's whole text as typing would (an input event). */
async function setText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).evaluate((el: HTMLTextAreaElement, value) => {
    el.value = value
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }, text)
}

describe.skipIf(!ok)('what a learner trips over', () => {
  const env = useSiteInBrowser()

  it('the playground never keeps a stale decision, and says why there is none', async () => {
    const { page, requests, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/conditions/`)
    const playground = page.locator('[data-policy-playground]')
    await dataset(page, '[data-policy-playground]', 'decision', 'Allow')
    await page.locator('[data-policy-playground] .claims-details summary').click()
    const claims = '[data-policy-playground] textarea[data-claims]'
    const good = await page.locator(claims).inputValue()
    await setText(page, claims, good.slice(0, -3))
    await dataset(page, '[data-policy-playground]', 'decision', 'invalid-claims')
    const shown = await playground.locator('[data-decision]').textContent()
    expect(shown).not.toContain('Allow')
    expect(shown).toContain('No decision')
    await expect(playground.locator('[data-evaluation]').textContent()).resolves.toContain(
      'claims are not valid',
    )
    await setText(page, claims, '[1, 2]')
    await dataset(page, '[data-policy-playground]', 'decision', 'invalid-claims')
    await setText(page, claims, good)
    await dataset(page, '[data-policy-playground]', 'decision', 'Allow')

    // A broken policy: the evaluation panel says why it is empty.
    await setText(page, '[data-policy-playground] textarea[data-policy]', '{ "Version": ')
    await dataset(page, '[data-policy-playground]', 'decision', 'invalid')
    const panel = (await playground.locator('[data-evaluation]').textContent()) ?? ''
    expect(panel.trim()).not.toBe('')
    expect(panel).toContain('No evaluation')
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the attack lab: "pull requests may deploy" is fixed only when pull requests cannot deploy', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/attack-lab/`)
    // The lab loads when the reader reaches it (page budget).
    await page.locator('#attack-lab').scrollIntoViewIfNeeded()
    await dataset(page, '#attack-lab', 'verdict', 'open')
    await page.locator('#attack-lab [data-attack-preset]').selectOption('pull-requests')
    await dataset(page, '#attack-lab', 'verdict', 'open')
    await page.locator('#attack-lab [data-apply-fix]').click()
    await dataset(page, '#attack-lab', 'verdict', 'fixed')
    const policy = await page.locator('#attack-lab textarea').inputValue()
    expect(policy).not.toContain(':pull_request')
    await expect(
      page
        .locator('#attack-lab [data-finding]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-finding'))),
    ).resolves.not.toContain('pull-request-subject')
    await expect(page.locator('#attack-lab [data-verdict]').textContent()).resolves.toContain(
      'Fixed',
    )
    await expect(page.locator('#attack-lab [data-legit]').getAttribute('data-state')).resolves.toBe(
      'allowed',
    )

    // Editing the fixed policy back to a pull-request subject is not "Fixed", even though the
    // pinned attack (another account's recycled name) stays refused.
    await setText(
      page,
      '#attack-lab textarea',
      policy.replace('ref:refs/heads/main', 'pull_request'),
    )
    await page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLElement>('#attack-lab')?.dataset.verdict
        return v !== 'fixed' && v !== 'running'
      },
      undefined,
      { timeout: 60_000 },
    )
    await expect(page.locator('#attack-lab [data-verdict]').textContent()).resolves.not.toMatch(
      /^Fixed/,
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the attack lab reports a syntax error as a syntax error, not as a refused attack', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/attack-lab/`)
    // The lab loads when the reader reaches it (page budget).
    await page.locator('#attack-lab').scrollIntoViewIfNeeded()
    await dataset(page, '#attack-lab', 'verdict', 'open')
    const text = await page.locator('#attack-lab textarea').inputValue()
    await setText(page, '#attack-lab textarea', text.replace('"Effect"', '"Effect" "'))
    await dataset(page, '#attack-lab', 'verdict', 'invalid')
    const verdict = (await page.locator('#attack-lab [data-verdict]').textContent()) ?? ''
    expect(verdict).not.toContain('refused')
    expect(verdict).not.toContain('Loosen')
    expect(verdict).toContain('cannot be read')
    await expect(page.locator('#attack-lab [data-apply-fix]').isDisabled()).resolves.toBe(true)
    await expect(
      page.locator('#attack-lab [data-attack]').getAttribute('data-state'),
    ).resolves.toBeNull()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 4: the decoder shows the first token even when its script starts late', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    // Hold back the inspector's script until the form has issued its first token: the order in
    // which a slow network delivers the islands' scripts.
    await page.route('**/_astro/*.js', async (route) => {
      const response = await route.fetch()
      const body = await response.text()
      if (body.includes('Decoding does not prove who signed it')) {
        await new Promise((resolve) => setTimeout(resolve, 1500))
      }
      await route.fulfill({ response, body })
    })
    await page.goto(`${env.site.url}/chapters/token-issue/`)
    await expect
      .poll(() => page.locator('[data-run-form] [data-sub]').textContent())
      .toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document.querySelector('#issue-inspector tr[data-claim="sub"] .value')?.textContent,
          ),
        { timeout: 10_000 },
      )
      .toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    await expect(page.locator('#issue-inspector [data-status]').textContent()).resolves.toMatch(
      /^Decoded/,
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the inspector at phone width: claims first, no sideways scroll, whole names; none and iat', async () => {
    const { page, errors } = await openPage(env.browser, PHONE)
    await page.goto(`${env.site.url}/inspect/`)
    await page.locator('[data-token-inspector] [data-demo]').first().click()
    const inspector = page.locator('[data-token-inspector]').first()
    await expect
      .poll(() => inspector.locator('[data-payload] tr[data-claim]').count())
      .toBeGreaterThan(10)
    const layout = await inspector.evaluate((root) => {
      const wraps = [...root.querySelectorAll<HTMLElement>('.table-wrap')]
      const names = [...root.querySelectorAll<HTMLElement>('[data-payload] th.name')].map((th) => {
        const range = document.createRange()
        range.selectNodeContents(th)
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
        return {
          name: th.textContent,
          lines: lines.size,
          overflows: th.scrollWidth > th.clientWidth + 1,
        }
      })
      const input = root.querySelector('[data-input]')!.getBoundingClientRect()
      const firstClaim = root
        .querySelector('[data-payload] tr[data-claim]')!
        .getBoundingClientRect()
      return {
        scrolls: wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).length,
        broken: names.filter((n) => n.lines !== 1 || n.overflows).map((n) => n.name),
        firstClaimBelowInput: firstClaim.top - input.bottom,
      }
    })
    expect(layout.scrolls).toBe(0)
    expect(layout.broken).toEqual([])
    expect(layout.firstClaimBelowInput).toBeLessThan(PHONE.height)
    const when = await inspector.locator('tr[data-claim="iat"] .when').textContent()
    expect(when).not.toContain('in 0 s')
    await expect(
      inspector.locator('tr[data-claim="exp"] .explain').textContent(),
    ).resolves.toContain('does not document')

    // A token signed with `none` is flagged.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      iat: 1_800_000_000,
      exp: 1_800_000_300,
    })}.`
    await inspector.locator('[data-input]').fill(unsigned)
    await expect
      .poll(() => inspector.locator('[data-warning]').textContent())
      .toContain('not signed')
    expect(await inspector.locator('[data-warning]').isVisible()).toBe(true)
    await inspector.locator('[data-demo]').click()
    await expect.poll(() => inspector.locator('[data-warning]').textContent()).toBe('')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('workshop "only main": dropping the audience condition fails, and rows read as requirements', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/workshop/only-main/`)
    const solution = JSON.parse(
      await readFile(
        join(
          import.meta.dirname,
          '../../examples/workshop/02-only-main/solution/trust-policy.json',
        ),
        'utf8',
      ),
    )
    delete solution.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']
    await fillEditor(page.locator('[data-exercise-runner]'), JSON.stringify(solution, null, 2))
    await page.locator('button[data-check]').click()
    await page.locator('[data-status][data-kind="ok"], [data-status][data-kind="error"]').waitFor()
    await expect(page.locator('[data-status]').getAttribute('data-kind')).resolves.toBe('error')
    const failed = page.locator('[data-results] li[data-ok="false"]')
    await expect(failed.count()).resolves.toBe(1)
    const row = (await failed.textContent()) ?? ''
    expect(row).toContain('Must be denied')
    expect(row).toContain('the policy allows it')
    expect(row).not.toMatch(/Denied:.*→ Allow/)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('text glitches: no raw backticks, error cards are headings with anchors, the road map, the flipped character', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/examples/`)
    const titles = await page
      .locator('.example-title, .example-summary, .example-index a')
      .allTextContents()
    expect(titles.length).toBeGreaterThan(5)
    expect(titles.filter((t) => t.includes('`'))).toEqual([])
    expect(await page.locator('.example-summary code').count()).toBeGreaterThan(0)

    await page.goto(`${env.site.url}/chapters/conditions/`)
    const split = await page.evaluate(() =>
      [...document.querySelectorAll('main p')]
        .map((p) => p.textContent?.trim() ?? '')
        .filter((t) => t.length > 30 && / The$/.test(t)),
    )
    expect(split).toEqual([])

    await page.goto(`${env.site.url}/chapters/when-it-fails/`)
    const cards = await page.locator('[data-error-catalogue] > li').evaluateAll((items) =>
      items.map((li) => {
        const heading = li.querySelector('h2, h3, h4')
        const anchor = heading?.querySelector<HTMLAnchorElement>('a[href^="#error-"]')
        return { id: li.id, heading: !!heading, anchor: anchor?.getAttribute('href') }
      }),
    )
    expect(cards.length).toBeGreaterThan(5)
    for (const card of cards)
      expect(card).toEqual({ id: card.id, heading: true, anchor: `#${card.id}` })

    await page.goto(`${env.site.url}/chapters/why-federation/`)
    const roadMap = await page.locator('h2:has-text("The road ahead") + ol').textContent()
    expect(roadMap).toContain('Attack lab')

    await page.goto(`${env.site.url}/chapters/signature/`)
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'true',
    )
    const before = await page.locator('[data-byte-view] mark').textContent()
    expect(before).toBe('o')
    await page.locator('[data-flip]').click()
    await expect.poll(() => page.locator('[data-byte-view] mark').textContent()).toBe('n')
    await expect(page.locator('[data-byte-view]').textContent()).resolves.toContain('ncto-repo:ref')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('facts: Discovery metadata as the spec says, no undocumented STS time limit stated as fact', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/discovery/`)
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toMatch(/scopes_supported\s*is only RECOMMENDED/)
    expect(text).toMatch(/authorization_endpoint\s*REQUIRED, yet GitHub/)
    expect(text).not.toMatch(/scopes_supported\S*\s*are\s*required/)
    // The in-page walk's discovery checks: a wait is the simulator's, not AWS's.
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 20_000 })
      .toContain('AWS documents no time limit')
    expect(await page.locator('main').textContent()).not.toContain('answer within 5 s')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the walk shows the policy whose line and column it cites', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    const done = () =>
      page.waitForFunction(
        () => {
          const o = document.querySelector('#walk [data-outcome]')?.textContent ?? ''
          return /STS returned|AccessDenied|InvalidIdentityToken|Expired/.test(o)
        },
        undefined,
        { timeout: 60_000 },
      )
    await done()
    await page.locator('#walk [data-override="branch"]').fill('dev')
    await page.locator('#walk [data-override="branch"]').press('Enter')
    await expect
      .poll(() => page.locator('#walk [data-outcome]').textContent(), { timeout: 60_000 })
      .toContain('AccessDenied')
    const panel = page.locator('#walk [data-panel]')
    // The advice (lib/explain) loads once a walk fails.
    await page.waitForFunction(() => !document.querySelector('#walk .advice-pending'))
    const cited = /line (\d+), column (\d+)/.exec((await panel.textContent()) ?? '')
    expect(cited).not.toBeNull()
    const [, line, column] = cited!
    const policy = panel.locator('[data-policy-text]')
    await policy.locator('summary').click()
    const text = (await policy.locator(`[data-line="${line}"]`).textContent()) ?? ''
    // The line, without its number, from the cited column on: the key that was checked.
    const source = text.replace(/^\s*\d+ {2}/, '')
    expect(source.slice(Number(column) - 1)).toMatch(
      /^"token\.actions\.githubusercontent\.com:sub"/,
    )
    expect(errors).toEqual([])
    await page.context().close()
  })
})

describe.skipIf(!ok)('the Node sandbox, offline', () => {
  const env = useSiteInBrowser({
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  })

  it('says it is a third party when it starts, and falls back at once when offline', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    // Offline as the browser reports it, with nothing beyond the site reachable. (The context's
    // own offline mode would also block the site's lazily loaded chunks, unlike a cached visit.)
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false }),
    )
    await page.route('**/*', (route) =>
      route.request().url().startsWith(env.site.url) ? route.continue() : route.abort(),
    )
    await page.goto(`${env.site.url}/examples/`)
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true)
    const runner = page.locator('#example-02-issue-token')
    await expect(runner.locator('[data-sandbox]').textContent()).resolves.toContain(
      'stackblitz.com',
    )
    const started = Date.now()
    await runner.locator('[data-sandbox]').click()
    const status = runner.locator('[data-sandbox-status][data-kind="error"]')
    await status.waitFor({ timeout: 30_000 })
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(await status.textContent()).toContain('offline')
    expect(await status.textContent()).toContain('The in-page runner above works without it')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
