/**
 * Beyond the tutorials (issue 14 §3), in Chromium: progress kept in localStorage only and shown on
 * the contents pages; the learner's attempt kept and shown against the solution; the quick start
 * at the top of the setup chapter, linked from the home page.
 */
import { describe, expect, it } from 'vitest'
import { requireTool } from '../support/tools.js'
import { fillEditor } from './editor-helpers.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, foreignRequests, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'progress and the solution diff are tested in a real browser')

describe.skipIf(!ok)('progress, the solution diff, the quick start', () => {
  const env = useSiteInBrowser()

  it('a finished chapter and a solved exercise are ticked on the contents pages, from localStorage', async () => {
    const { page, requests, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/discovery/`)
    const button = page.locator('[data-chapter-done]')
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false')
    await button.click()
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true')

    await page.goto(`${env.site.url}/`)
    const toc = page.locator('nav[aria-label="Table of contents"]')
    await expect.poll(() => toc.locator('a[data-done]').count()).toBe(1)
    await expect(toc.locator('a[data-done]').getAttribute('data-chapter')).resolves.toBe(
      'discovery',
    )
    await expect(toc.locator('a[data-done]').textContent()).resolves.toContain('(finished)')

    // An exercise counts once every check passes.
    await page.goto(`${env.site.url}/workshop/only-main/`)
    const solution = await page.evaluate(
      () => JSON.parse(document.querySelector('script[data-solution]')!.textContent!) as string,
    )
    await fillEditor(page.locator('[data-exercise-runner]'), solution)
    await page.locator('button[data-check]').click()
    await page.locator('[data-status][data-kind="ok"]').waitFor()
    await page.goto(`${env.site.url}/workshop/`)
    await expect.poll(() => page.locator('a[data-exercise-link][data-done]').count()).toBe(1)
    await expect(
      page.locator('a[data-exercise-link][data-done]').getAttribute('data-exercise-link'),
    ).resolves.toBe('only-main')

    // Stored locally, nowhere else; undo works.
    const stored = await page.evaluate(() => localStorage.getItem('trustwalk-progress'))
    expect(JSON.parse(stored!)).toEqual({ chapter: ['discovery'], exercise: ['only-main'] })
    expect(page.url()).not.toContain('discovery')
    await page.goto(`${env.site.url}/chapters/discovery/`)
    await page.locator('[data-chapter-done]').click()
    await expect(page.locator('[data-chapter-done]').getAttribute('aria-pressed')).resolves.toBe(
      'false',
    )
    await expect
      .poll(() => page.locator('nav a[data-chapter="discovery"][data-done]').count())
      .toBe(0)
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('"Show a solution" keeps the learner’s file and shows it against the solution', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/workshop/only-main/`)
    const editor = page.locator('.example-editor-input')
    const start = await editor.inputValue()
    const attempt = start
      .replace('"StringLike"', '"StringEquals"')
      .replace(':*"', ':ref:refs/heads/main*"')
    await fillEditor(page.locator('[data-exercise-runner]'), attempt)
    await page.locator('[data-solution-details] summary').click()
    await expect
      .poll(() => page.locator('[data-solution-diff] [data-diff]').count())
      .toBeGreaterThan(5)
    expect(await editor.inputValue()).toBe(attempt)
    const removed = await page.locator('[data-solution-diff] [data-diff="del"]').allTextContents()
    const added = await page.locator('[data-solution-diff] [data-diff="ins"]').allTextContents()
    expect(removed.join('')).toContain('refs/heads/main*')
    expect(added.join('')).toContain('"repo:octo-org/octo-repo:ref:refs/heads/main"')
    expect(await page.locator('[data-attempt]').isVisible()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the home page links the three-step quick start at the top of the setup chapter', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/`)
    await page.locator('a[href$="#quick-start"]').click()
    await page.waitForURL(/set-it-up\/#quick-start$/)
    const heading = page.locator('#quick-start')
    await expect(heading.textContent()).resolves.toContain('three steps')
    // It is the first section of the chapter's text.
    const first = await page.evaluate(
      () =>
        document.querySelector('.prose')?.firstElementChild?.querySelector('#quick-start') !== null,
    )
    expect(first).toBe(true)
    await expect(page.locator('.quick-start ol > li').count()).resolves.toBe(3)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
