/**
 * The workshop on the site, in Chromium: every exercise page runs its hidden checks in the page —
 * the starting file fails, the solution passes — with per-check results, no foreign requests,
 * and no serious accessibility violations.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { EXERCISES } from '../workshop/folders.js'
import { fillEditor } from './editor-helpers.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { foreignRequests, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the workshop pages are tested in a real browser')

/** Press "Check my answer" and read the outcome and every check. */
async function check(page: Page) {
  await page.locator('button[data-check]').click()
  await page.locator('[data-status][data-kind="ok"], [data-status][data-kind="error"]').waitFor({
    timeout: 30_000,
  })
  const results = await page.locator('[data-results] li').evaluateAll((items) =>
    items.map((li) => ({
      id: (li as HTMLElement).dataset.checkId,
      ok: (li as HTMLElement).dataset.ok === 'true',
    })),
  )
  return {
    kind: await page.locator('[data-status]').getAttribute('data-kind'),
    status: (await page.locator('[data-status]').textContent()) ?? '',
    results,
  }
}

describe.skipIf(!ok)('workshop pages', () => {
  const env = useSiteInBrowser()

  it('the workshop index links every exercise, in order', async () => {
    const { page } = await openPage(env.browser)
    await page.goto(`${env.site.url}/workshop/`)
    const links = await page
      .locator('ol.exercises a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links).toEqual(EXERCISES.map((e) => `/workshop/${e.id}/`))
    expect(await seriousViolations(page)).toEqual([])
    await page.context().close()
  })

  for (const [i, exercise] of EXERCISES.entries()) {
    it(`${i + 1}. ${exercise.id}: the starting file fails, the solution passes`, async () => {
      const { page, requests, errors } = await openPage(env.browser)
      await page.goto(`${env.site.url}/workshop/${exercise.id}/`)
      const editor = page.locator('.example-editor-input')
      expect(await editor.inputValue()).toBe(exercise.start)

      const start = await check(page)
      expect(start.kind, start.status).toBe('error')
      expect(start.results.some((r) => !r.ok)).toBe(true)

      await fillEditor(page.locator('[data-exercise-runner]'), exercise.solution)
      const solved = await check(page)
      expect(solved.kind, solved.status).toBe('ok')
      expect(solved.status).toMatch(/^All \d+ checks pass/)
      expect(solved.results.length).toBeGreaterThan(0)
      expect(solved.results.every((r) => r.ok)).toBe(true)

      expect(foreignRequests(requests, env.site.url)).toEqual([])
      expect(errors).toEqual([])
      if (i === 0 || i === EXERCISES.length - 1) expect(await seriousViolations(page)).toEqual([])
      await page.context().close()
    })
  }

  it('keeps the learner’s file across a reload, and Reset restores the start', async () => {
    const exercise = EXERCISES[1]!
    const { page } = await openPage(env.browser)
    await page.goto(`${env.site.url}/workshop/${exercise.id}/`)
    await fillEditor(page.locator('[data-exercise-runner]'), '{ "draft": true }')
    await page.reload()
    expect(await page.locator('.example-editor-input').inputValue()).toBe('{ "draft": true }')
    const broken = await check(page)
    expect(broken.results).toEqual([{ id: 'policy.valid', ok: false }])
    await page.locator('button[data-reset]').click()
    expect(await page.locator('.example-editor-input').inputValue()).toBe(exercise.start)
    await page.context().close()
  })
})
