/**
 * The attack lab in Chromium: on a loose policy the attacker's token gets credentials from STS (in
 * the page); after trustwalk's fix the attack is refused and the legitimate deploy still succeeds;
 * pasting another policy re-audits it. Nothing leaves the page.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { DESKTOP, PHONE, foreignRequests, saveScreenshot } from './site-helpers.js'

const ok = requireTool('chromium', 'the attack lab runs the audit and the walk in a real browser')

async function verdict(page: Page, expected: string): Promise<void> {
  // The lab loads when the reader reaches it (page budget); a no-op once it is on screen.
  await page.locator('#attack-lab').scrollIntoViewIfNeeded()
  await page.waitForFunction(
    (want) => document.querySelector<HTMLElement>('#attack-lab')?.dataset.verdict === want,
    expected,
    { timeout: 60_000 },
  )
}

describe.skipIf(!ok)('the attack lab', () => {
  const env = useSiteInBrowser()

  it('shows the attack succeeding on a loose policy and failing after the fix', async () => {
    const { page, requests, errors } = await openPage(env.browser, DESKTOP)
    await page.goto(`${env.site.url}/chapters/attack-lab/`)
    await verdict(page, 'open')
    const attack = page.locator('#attack-lab [data-attack]')
    await expect(attack.getAttribute('data-state')).resolves.toBe('allowed')
    await expect(attack.locator('.outcome').textContent()).resolves.toContain(
      'STS issued credentials to the attacker',
    )
    await expect(attack.locator('.sub').textContent()).resolves.toMatch(
      /^repo:octo-org\/(?!octo-repo:)/,
    )
    await expect(
      page.locator('#attack-lab [data-finding]').first().getAttribute('data-finding'),
    ).resolves.toBe('organization-wide')
    await saveScreenshot(page, 'attack-lab-open-desktop')

    await page.locator('#attack-lab [data-apply-fix]').click()
    await verdict(page, 'fixed')
    await expect(attack.getAttribute('data-state')).resolves.toBe('refused')
    await expect(attack.locator('.outcome').textContent()).resolves.toContain('AccessDenied')
    await expect(page.locator('#attack-lab [data-legit]').getAttribute('data-state')).resolves.toBe(
      'allowed',
    )
    await expect(
      page.locator('#attack-lab [data-legit] .outcome').textContent(),
    ).resolves.toContain('STS issued credentials to the deploy')
    await saveScreenshot(page, 'attack-lab-fixed-desktop')
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('proves a preset the AWS guardrail accepts, and a pasted policy, from the keyboard', async () => {
    const { page, errors } = await openPage(env.browser, PHONE)
    await page.goto(`${env.site.url}/chapters/attack-lab/`)
    await verdict(page, 'open')
    await page.locator('#attack-lab [data-attack-preset]').selectOption('repo-star')
    await verdict(page, 'open')
    await expect(page.locator('#attack-lab [data-attack] .sub').textContent()).resolves.toMatch(
      /^repo:mallory-org\//,
    )
    await expect(
      page.locator('#attack-lab [data-finding]').first().getAttribute('data-finding'),
    ).resolves.toBe('subject-wildcard')

    // Paste a tight policy: no attack left to run.
    const tight = await page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#attack-lab [data-attack-preset]')!
      return [...select.options].some((o) => o.value === 'tight')
    })
    expect(tight).toBe(true)
    await page.locator('#attack-lab [data-attack-preset]').focus()
    await page.locator('#attack-lab [data-attack-preset]').selectOption('tight')
    await verdict(page, 'none')
    await expect(page.locator('#attack-lab [data-attack]').textContent()).resolves.toContain(
      'No attack to run',
    )
    await saveScreenshot(page, 'attack-lab-phone')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
