/**
 * The code editors (issue 14 §2): a policy's values are never cut off — at phone, desktop and wide
 * widths, in the light editor the page starts with and in the rich one (CodeMirror) it upgrades to
 * on the first interaction; the rich editor is not shipped on page load, only fetched when asked;
 * once upgraded, typing still re-evaluates, the failing condition's line is marked, Tab indents and
 * Escape then Tab leaves, and the page stays accessible. If the chunk cannot load, the light editor
 * keeps working.
 */
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { fillEditor } from './editor-helpers.js'
import { DESKTOP, PHONE, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the editors are measured and driven in a real browser')
const WIDE = { width: 1920, height: 1080 }
const SUB = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const RICH_CHUNK = /\/rich-editor\.[\w-]+\.js$/
const POLICY = '[data-policy-playground] .policy-editor'

/**
 * Text inside `container` that lies outside the box the reader sees: any character whose box
 * ends right of (or starts left of) the visible part of the editor, clipped by every ancestor
 * that hides or scrolls overflow.
 */
async function cutText(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    let left = -Infinity
    let right = Infinity
    for (let e: Element | null = root; e; e = e.parentElement) {
      if (getComputedStyle(e).overflowX === 'visible' && e !== root) continue
      const box = e.getBoundingClientRect()
      left = Math.max(left, box.left)
      right = Math.min(right, box.right)
    }
    const cut: string[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      if (!text.trim()) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const rect of range.getClientRects()) {
        if (rect.width && (rect.right > right + 1 || rect.left < left - 1)) {
          cut.push(
            `${text.trim().slice(0, 60)} (${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(left)}–${Math.round(right)})`,
          )
          break
        }
      }
    }
    return cut
  })
}

async function decision(page: Page, want: string): Promise<void> {
  await page.waitForFunction(
    (w) => document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision === w,
    want,
    { timeout: 60_000 },
  )
}

/** Focus the light editor and wait until the rich one has taken over, with the focus. */
async function upgrade(page: Page, editor: Locator): Promise<Locator> {
  await editor.locator('textarea').focus()
  const content = editor.locator('.cm-content')
  await content.waitFor()
  await page.waitForFunction(
    (sel) => document.activeElement === document.querySelector(`${sel} .cm-content`),
    POLICY,
  )
  return content
}

describe.skipIf(!ok)('code editors', () => {
  const env = useSiteInBrowser()

  for (const [name, viewport] of [
    ['390 px', PHONE],
    ['1280 px', DESKTOP],
    ['1920 px', WIDE],
  ] as const) {
    it(`at ${name} the policy's sub value is shown whole, before and after the upgrade`, async () => {
      const { page, errors } = await openPage(env.browser, viewport)
      await page.goto(`${env.site.url}/chapters/conditions/`)
      await decision(page, 'Allow')
      const editor = page.locator(POLICY)
      const light = editor.locator('pre.highlight')
      expect(await light.textContent()).toContain(SUB)
      expect(await cutText(light)).toEqual([])
      expect(await editor.locator('.frame').evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0)

      const rich = await upgrade(page, editor)
      // The rich editor replaces the light one (which stays in the page, hidden, holding the text).
      expect(await light.isVisible()).toBe(false)
      expect(await editor.locator('textarea').isVisible()).toBe(false)
      expect(await editor.locator('.cm-editor').count()).toBe(1)
      expect(await rich.textContent()).toContain(SUB)
      expect(await cutText(rich)).toEqual([])
      const scroller = editor.locator('.cm-scroller')
      expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(1)
      expect(errors).toEqual([])
      await page.context().close()
    })
  }

  it('the rich editor is fetched on the first focus, not on page load', async () => {
    const { page, requests } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/conditions/`, { waitUntil: 'networkidle' })
    await decision(page, 'Allow')
    expect(requests.filter((u) => RICH_CHUNK.test(new URL(u).pathname))).toEqual([])
    expect(await page.locator('.cm-editor').count()).toBe(0)
    await upgrade(page, page.locator(POLICY))
    expect(requests.filter((u) => RICH_CHUNK.test(new URL(u).pathname))).toHaveLength(1)
    await page.context().close()
  })

  it('once upgraded: typing re-evaluates, the failing line is marked, Escape then Tab leaves', async () => {
    const { page, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/conditions/`)
    await decision(page, 'Allow')
    const editor = page.locator(POLICY)
    const textarea = editor.locator('textarea')
    // The caret the reader left in the light editor is where the rich one starts.
    const text = await textarea.inputValue()
    const at = text.indexOf('refs/heads/main') + 'refs/heads/'.length
    await textarea.evaluate(
      (el: HTMLTextAreaElement, pos) => el.setSelectionRange(pos, pos + 4),
      at,
    )
    const rich = await upgrade(page, editor)
    expect(await rich.getAttribute('aria-label')).toBe('Trust policy (JSON) — edit it')
    await page.keyboard.type('dev')
    await decision(page, 'ImplicitDeny')
    // The textarea still holds the text; the condition's value line is marked as not matching.
    expect(await textarea.inputValue()).toContain('refs/heads/dev"')
    const missed = editor.locator('.cm-line.line-miss', { hasText: 'refs/heads/dev' })
    await expect.poll(() => missed.count()).toBe(1)
    await expect.poll(() => editor.locator('.cm-mark-gutter .line-miss').count()).toBeGreaterThan(0)
    await expect(editor.locator('.cm-mark-gutter .line-miss').first().textContent()).resolves.toBe(
      '✗',
    )
    // Keys and strings are highlighted.
    expect(await editor.locator('.cm-line .tok-propertyName').count()).toBeGreaterThan(3)
    expect(await editor.locator('.cm-line .tok-string').count()).toBeGreaterThan(3)

    // Broken JSON: the error's line is marked.
    await page.keyboard.press('Control+End')
    await page.keyboard.type(',')
    await decision(page, 'invalid')
    await expect.poll(() => editor.locator('.cm-line.line-error').count()).toBe(1)

    // Tab indents (the focus stays); Escape then Tab moves on — and the page says so, to the eye
    // and to a screen reader (the hint describes the editor).
    const hint = await rich.getAttribute('aria-describedby')
    const keys = editor.locator('.editor-keys')
    await expect(keys.textContent()).resolves.toContain('Esc then Tab leaves the editor')
    expect(hint?.split(' ')).toContain(await keys.getAttribute('id'))
    expect(await keys.isVisible()).toBe(true)
    const before = await textarea.inputValue()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Tab')
    expect(await textarea.inputValue()).not.toBe(before)
    expect(await rich.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(
        () =>
          !document.activeElement?.closest('.cm-editor') &&
          document.activeElement?.tagName !== 'TEXTAREA' &&
          document.activeElement !== document.body,
      ),
    ).toBe(true)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an upgraded editor follows text set from outside (a preset) and stays accessible', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page } = await openPage(env.browser, PHONE)
      await page.addInitScript((t) => localStorage.setItem('trustwalk-theme', t), theme)
      await page.goto(`${env.site.url}/chapters/conditions/`)
      await decision(page, 'Allow')
      const editor = page.locator(POLICY)
      const rich = await upgrade(page, editor)
      await page.locator('[data-policy-preset]').selectOption('aud-only')
      await expect
        .poll(() => rich.textContent())
        .not.toContain('token.actions.githubusercontent.com:sub')
      expect(await rich.textContent()).toBe(
        (await editor.locator('textarea').inputValue()).replace(/\n/g, ''),
      )
      expect(await seriousViolations(page)).toEqual([])
      await page.context().close()
    }
  })

  it('if the rich editor cannot load, the light editor keeps working', async () => {
    const { page } = await openPage(env.browser, DESKTOP)
    await page.route(RICH_CHUNK, (route) => route.abort())
    await page.goto(`${env.site.url}/chapters/conditions/`)
    await decision(page, 'Allow')
    const textarea = page.locator(`${POLICY} textarea`)
    const text = await textarea.inputValue()
    const at = text.indexOf('refs/heads/main') + 'refs/heads/'.length
    await textarea.focus()
    await page.waitForTimeout(500)
    await textarea.evaluate(
      (el: HTMLTextAreaElement, pos) => el.setSelectionRange(pos, pos + 4),
      at,
    )
    await page.keyboard.type('dev')
    await decision(page, 'ImplicitDeny')
    expect(await page.locator('.cm-editor').count()).toBe(0)
    expect(await textarea.isVisible()).toBe(true)
    await page.context().close()
  })

  it('the workshop file: wraps, upgrades with the file, and Ctrl+Enter checks it', async () => {
    const { page, errors } = await openPage(env.browser, PHONE)
    await page.goto(`${env.site.url}/workshop/only-main/`)
    const editor = page.locator('.example-editor')
    expect(await cutText(editor.locator('.example-editor-highlight'))).toEqual([])
    const start = await editor.locator('textarea').inputValue()
    await editor.locator('textarea').focus()
    const rich = editor.locator('.cm-content')
    await rich.waitFor()
    expect(await editor.locator('.example-editor-highlight').isVisible()).toBe(false)
    expect(await editor.locator('textarea').isVisible()).toBe(false)
    expect(await rich.getAttribute('aria-label')).toBe('Edit trust-policy.json')
    expect(await cutText(rich)).toEqual([])
    expect(await editor.locator('.cm-line .tok-propertyName').count()).toBeGreaterThan(0)
    await fillEditor(page.locator('[data-exercise-runner]'), '{ "draft": true }')
    expect(await editor.locator('textarea').inputValue()).toBe('{ "draft": true }')
    expect(start).not.toBe('{ "draft": true }')
    await rich.focus()
    await page.keyboard.press('Control+Enter')
    await page.locator('[data-status][data-kind="error"]').waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })
})
