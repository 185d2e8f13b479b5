/**
 * The handshake walk (chapter 8) in Chromium: a changed branch stops the token at conditions with
 * the sentence naming the sub mismatch; the state survives a reload from the URL (which never holds
 * the token); the stations work from the keyboard; and screenshots of a passing and a failing walk
 * at desktop and phone widths land in test-artifacts/.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, PHONE, foreignRequests, saveScreenshot } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\./

async function walkDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('#walk')?.dataset.state === 'done',
  )
}

describe.skipIf(!ok)('the handshake walk', () => {
  const env = useSiteInBrowser()

  it('passes every station in the happy path', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    const states = await page.locator('#walk [data-state]').allTextContents()
    expect(states).toEqual(['passed', 'passed', 'passed', 'passed', 'passed'])
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'STS returned credentials',
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('stops at conditions, naming the sub mismatch, when the branch is dev', async () => {
    const { page, requests, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    await page.locator('#walk [data-override="branch"]').fill('dev')
    await page.locator('#walk [data-override="branch"]').press('Enter')
    await walkDone(page)
    const states = await page.locator('#walk [data-state]').allTextContents()
    expect(states).toEqual(['passed', 'passed', 'passed', 'failed', 'skipped'])
    const selected = page.locator('#walk [role="tab"][aria-selected="true"]')
    await expect(selected.getAttribute('data-station')).resolves.toBe('conditions')
    const failed = await page
      .locator('#walk [data-panel] .check.fail .summary')
      .first()
      .textContent()
    expect(failed).toMatch(/sub/)
    expect(failed).toContain('refs/heads/dev')
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'AccessDenied',
    )
    await expect(page.locator('#walk [data-panel] .advice').textContent()).resolves.toContain(
      'What to change',
    )
    // lib/explain's advice loads once the walk has failed: the edit names the token's sub.
    await page.waitForFunction(() => !document.querySelector('#walk .advice-pending'))
    await expect(
      page.locator('#walk [data-panel] .advice li').first().textContent(),
    ).resolves.toContain('repo:octo-org/octo-repo:ref:refs/heads/dev')

    // The state is in the address bar; the token is not, and nothing left the page.
    expect(new URL(page.url()).searchParams.get('branch')).toBe('dev')
    expect(page.url()).not.toMatch(JWT)
    expect(requests.filter((u) => JWT.test(u))).toEqual([])
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])

    // Reloading the shared address shows the same walk.
    await page.reload()
    await walkDone(page)
    await expect(page.locator('#walk [data-override="branch"]').inputValue()).resolves.toBe('dev')
    expect(await page.locator('#walk [data-state]').allTextContents()).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'skipped',
    ])
    await page.context().close()
  })

  it('switches the run to the ID form and sets the caller IP (issue 12)', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    await page.locator('#walk [data-override="subjectForm"]').selectOption('id')
    await walkDone(page)
    expect(await page.locator('#walk [data-state]').allTextContents()).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'skipped',
    ])
    await expect(page.locator('#walk [data-scenario-desc]').textContent()).resolves.toContain(
      'subject form → ID form',
    )
    const failed = await page
      .locator('#walk [data-panel] .check.fail .summary')
      .first()
      .textContent()
    expect(failed).toMatch(/repo:octo-org@\d+\/octo-repo@\d+:ref:refs\/heads\/main/)
    // The diagnosis names the cause, as `trustwalk walk` does under "Why".
    await page.waitForFunction(() => !document.querySelector('#walk .why-pending'))
    await expect(page.locator('#walk [data-panel] .advice').textContent()).resolves.toMatch(
      /immutable/i,
    )
    expect(new URL(page.url()).searchParams.get('subjectForm')).toBe('id')

    await page.locator('#walk [data-override="subjectForm"]').selectOption('name')
    await page.locator('#walk [data-override="sourceIp"]').fill('203.0.113.7')
    await page.locator('#walk [data-override="sourceIp"]').press('Enter')
    await walkDone(page)
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'STS returned credentials',
    )
    await page.locator('#walk [data-station="conditions"]').click()
    const context = page.locator('#walk [data-request-context]')
    await context.locator('summary').click()
    await expect(context.textContent()).resolves.toMatch(/"aws:SourceIp":\s*"203\.0\.113\.7"/)
    expect(new URL(page.url()).searchParams.get('sourceIp')).toBe('203.0.113.7')

    // Not an address: the field is marked and nothing is walked.
    await page.locator('#walk [data-override="sourceIp"]').fill('300.1.2.3')
    await page.locator('#walk [data-override="sourceIp"]').press('Enter')
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#walk')?.dataset.state === 'error',
    )
    await expect(
      page.locator('#walk [data-override="sourceIp"]').getAttribute('aria-invalid'),
    ).resolves.toBe('true')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('opens a shared link to a scenario', async () => {
    const { page } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/the-walk/?scenario=wrong-audience`)
    await walkDone(page)
    await expect(page.locator('#walk [data-scenario]').inputValue()).resolves.toBe('wrong-audience')
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'Incorrect token audience',
    )
    await page.context().close()
  })

  it('works from the keyboard alone', async () => {
    const { page } = await openPage(env.browser)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    // Start at the branch field, then keyboard only.
    await page.locator('#walk [data-override="branch"]').focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('dev')
    await page.keyboard.press('Enter')
    await walkDone(page)
    // Tab into the stations: the selected one (conditions) takes focus; arrows move.
    await page.locator('#walk [data-walk-reset]').focus()
    let guard = 0
    while (
      (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'tab' &&
      guard++ < 10
    ) {
      await page.keyboard.press('Tab')
    }
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-station')),
    ).resolves.toBe('conditions')
    await page.keyboard.press('ArrowLeft')
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('data-station')),
    ).resolves.toBe('verify')
    await expect(page.locator('#walk [data-panel] h4').textContent()).resolves.toContain('Verify')
    await page.keyboard.press('End')
    await expect(page.locator('#walk [data-panel] h4').textContent()).resolves.toContain(
      'Credentials — skipped',
    )
    // The scenario select changes with the keyboard too.
    await page.locator('#walk [data-scenario]').focus()
    await page.keyboard.press('ArrowDown')
    await walkDone(page)
    await expect(page.locator('#walk [data-scenario]').inputValue()).resolves.not.toBe('happy-path')
    await page.context().close()
  })

  it('honours prefers-reduced-motion: no transition on the token card', async () => {
    const { page } = await openPage(env.browser)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    const duration = await page
      .locator('#walk [data-token-card]')
      .evaluate((el) => getComputedStyle(el).transitionDuration)
    expect(parseFloat(duration)).toBeLessThan(0.02)
    await page.context().close()
  })

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('saves screenshots of a passing and a failing walk (%s)', async (name, viewport) => {
    const { page } = await openPage(env.browser, viewport)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    await page.locator('#walk').scrollIntoViewIfNeeded()
    const pass = await saveScreenshot(page, `walk-pass-${name}`)
    await page.goto(`${env.site.url}/chapters/the-walk/?scenario=happy-path&branch=dev`)
    await walkDone(page)
    await page.locator('#walk [role="tablist"]').scrollIntoViewIfNeeded()
    const fail = await saveScreenshot(page, `walk-fail-${name}`)
    expect([pass, fail].every((p) => p.endsWith('.png'))).toBe(true)
    // Nothing overflows the viewport sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.context().close()
  })
})
