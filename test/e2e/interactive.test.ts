/**
 * The other interactive parts in Chromium: the signature lab (a flipped byte fails verify), the
 * policy playground (the decision flips when a condition is edited), the token inspector (decodes a
 * pasted token; a hostile claim value renders as text), the explainer and the error catalogue
 * (each naming the causes lib/explain recognises) —
 * each also driven from the keyboard, with no request leaving the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { createGitHubIssuer } from '../../lib/index.js'
import { requireTool } from '../support/tools.js'
import { launchChromium, openPage, serveSite, type StaticSite } from './harness.js'
import { foreignRequests } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\./
const XSS = '<img src=x onerror=alert(1)>'

describe.skipIf(!ok)('interactive parts', () => {
  let site: StaticSite
  let browser: Browser
  let token: string
  let hostile: string
  beforeAll(async () => {
    site = await serveSite()
    browser = await launchChromium()
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    token = await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo' },
      { audience: 'sts.amazonaws.com' },
    )
    hostile = await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo' },
      { audience: 'sts.amazonaws.com', claims: { workflow: XSS, [XSS]: 'key' } },
    )
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('chapter 5: flipping one payload byte fails verify; undo verifies again (keyboard)', async () => {
    const { page, requests, errors } = await openPage(browser)
    await page.goto(`${site.url}/chapters/signature/`)
    const lab = page.locator('[data-signature-lab]')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'true',
    )
    await lab.locator('[data-flip]').focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'false',
    )
    await expect
      .poll(() => lab.locator('.check.fail').first().getAttribute('data-check'))
      .toBe('verify.signature')
    await expect(lab.locator('[data-verdict]').textContent()).resolves.toContain(
      'InvalidIdentityToken',
    )
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'true',
    )
    expect(foreignRequests(requests, site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 5: a token signed by a retired key no longer verifies', async () => {
    const { page } = await openPage(browser)
    await page.goto(`${site.url}/chapters/signature/`)
    const state = () =>
      page.evaluate(
        () => document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified,
      )
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'true',
    )
    await page.locator('[data-rotate]').click()
    await expect.poll(() => page.locator('[data-kids] li').count()).toBe(2)
    expect(await state()).toBe('true')
    await page.locator('[data-retire]').click()
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-signature-lab]')?.dataset.verified === 'false',
    )
    await expect
      .poll(() =>
        page.locator('[data-signature-lab] .check.fail').first().getAttribute('data-check'),
      )
      .toBe('verify.kid-in-jwks')
    await page.context().close()
  })

  it('chapter 6: the decision flips when a condition is edited (keyboard only)', async () => {
    const { page, requests, errors } = await openPage(browser)
    await page.goto(`${site.url}/chapters/conditions/`)
    const playground = page.locator('[data-policy-playground]')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision ===
        'Allow',
    )
    const editor = playground.locator('textarea[data-policy]')
    const text = await editor.inputValue()
    const at = text.indexOf('refs/heads/main') + 'refs/heads/'.length
    // Focusing the editor upgrades it to the rich one (loaded on demand), which takes over the
    // focus and the selection: type once it has.
    const rich = playground.locator('.policy-editor .cm-content')
    await editor.evaluate((el: HTMLTextAreaElement, pos) => el.setSelectionRange(pos, pos + 4), at)
    await editor.focus()
    await rich.waitFor()
    await page.waitForFunction(() =>
      document.activeElement?.matches('[data-policy-playground] .policy-editor .cm-content'),
    )
    await page.keyboard.type('dev')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision ===
        'ImplicitDeny',
    )
    await expect(playground.locator('[data-decision]').textContent()).resolves.toContain(
      'ImplicitDeny',
    )
    await expect(playground.locator('[data-evaluation]').textContent()).resolves.toContain(
      'does not match',
    )
    // Choosing the dev-branch claims with the keyboard flips it back to Allow.
    await playground.locator('input[value="main"]').focus()
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision ===
        'Allow',
    )
    // Broken JSON is reported at its line, and the editor does not trap Tab.
    await rich.focus()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(',')
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision ===
        'invalid',
    )
    await expect(playground.locator('[data-parse-error]').textContent()).resolves.toMatch(
      /line \d+/,
    )
    await expect.poll(() => playground.locator('.cm-line.line-error').count()).toBe(1)
    await expect.poll(() => playground.locator('.cm-lineNumbers .num.line-error').count()).toBe(1)
    // Tab indents in the rich editor; Escape, then Tab, moves on.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(
        () =>
          document.activeElement?.tagName !== 'TEXTAREA' &&
          !document.activeElement?.closest('.cm-editor'),
      ),
    ).toBe(true)
    expect(foreignRequests(requests, site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 6: the guardrail refuses an audience-only policy', async () => {
    const { page } = await openPage(browser)
    await page.goto(`${site.url}/chapters/conditions/`)
    await page.locator('[data-policy-preset]').selectOption('aud-only')
    await expect(page.locator('[data-guardrail]').textContent()).resolves.toContain('Refused')
    await expect(page.locator('[data-guardrail-reason]').textContent()).resolves.toContain(
      'must evaluate',
    )
    await page.context().close()
  })

  it('the inspector decodes a pasted token, and never puts it in the URL', async () => {
    const { page, requests, errors } = await openPage(browser)
    await page.goto(`${site.url}/inspect/`)
    await page.locator('[data-token-inspector] [data-input]').focus()
    await page.keyboard.insertText(token)
    await expect(
      page.locator('[data-token-inspector] [data-status]').textContent(),
    ).resolves.toContain('Decoded')
    await expect(page.locator('tr[data-claim="sub"] .value').textContent()).resolves.toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main',
    )
    await expect(page.locator('tr[data-claim="sub"] .condkey').textContent()).resolves.toContain(
      'token.actions.githubusercontent.com:sub',
    )
    await expect(
      page.locator('tr[data-claim="repository_owner"] .condkey').textContent(),
    ).resolves.toContain('Not a condition key')
    expect(page.url()).not.toMatch(JWT)
    expect(requests.filter((u) => JWT.test(u))).toEqual([])
    expect(foreignRequests(requests, site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the inspector shows a hostile claim value as text', async () => {
    const { page, errors } = await openPage(browser)
    let dialogs = 0
    page.on('dialog', (d) => {
      dialogs++
      void d.dismiss()
    })
    await page.goto(`${site.url}/inspect/`)
    await page.locator('[data-token-inspector] [data-input]').fill(hostile)
    await expect(page.locator('tr[data-claim="workflow"] .value').textContent()).resolves.toBe(XSS)
    await expect(page.locator(`tr[data-claim="${XSS}"] th`).count()).resolves.toBe(1)
    expect(await page.locator('[data-token-inspector] img').count()).toBe(0)
    await page.waitForTimeout(300)
    expect(dialogs).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the inspector explains a malformed token instead of failing', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${site.url}/inspect/`)
    await page.locator('[data-token-inspector] [data-input]').fill('not.a-token')
    await expect(
      page.locator('[data-token-inspector] [data-status]').textContent(),
    ).resolves.toContain('Cannot read this token')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 4: the run form re-issues the token; a pull request changes sub', async () => {
    const { page, requests } = await openPage(browser)
    await page.goto(`${site.url}/chapters/token-issue/`)
    await expect
      .poll(() => page.locator('[data-run-form] [data-sub]').textContent())
      .toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    await page.locator('[data-run-form] select[name="event"]').selectOption('pull_request')
    await expect
      .poll(() => page.locator('[data-run-form] [data-sub]').textContent())
      .toBe('repo:octo-org/octo-repo:pull_request')
    await page.locator('[data-run-form] input[name="environment"]').fill('production')
    await expect
      .poll(() => page.locator('[data-run-form] [data-sub]').textContent())
      .toBe('repo:octo-org/octo-repo:environment:production')
    await expect
      .poll(() =>
        page.locator('#issue-inspector tr[data-claim="environment"] .value').textContent(),
      )
      .toBe('production')
    await page.locator('[data-run-form] input[name="owner"]').fill('not a name!')
    await expect
      .poll(() => page.locator('[data-run-form] input[name="owner"]').getAttribute('aria-invalid'))
      .toBe('true')
    expect(requests.filter((u) => JWT.test(u))).toEqual([])
    await page.context().close()
  })

  it('chapter 9: "Show me" replays an error in the walk, and the explainer explains a denial', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${site.url}/chapters/when-it-fails/`)
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#replay-walk')?.dataset.state === 'done',
    )
    await page.locator('#error-audience [data-show-me]').focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#replay-walk')?.dataset.outcome === 'fail',
    )
    await expect(page.locator('#replay-walk [data-outcome]').textContent()).resolves.toContain(
      'Incorrect token audience',
    )
    expect(page.url()).not.toContain('scenario=')
    // The walk's advice panel names the cause lib/explain recognises, with its source.
    const cause = page.locator('#replay-walk [data-diagnosis="audience-default"]')
    await expect(cause.textContent()).resolves.toContain('https://github.com/octo-org')
    await expect(cause.locator('a').getAttribute('href')).resolves.toMatch(/^https:\/\//)
    // The explainer loads when the reader reaches it (page budget).
    await page.locator('[data-explain-failure]').scrollIntoViewIfNeeded()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-explain-failure]')?.dataset.decision,
    )
    await expect(page.locator('[data-explain-output]').textContent()).resolves.toContain('sub')
    await expect(
      page.locator('[data-explain-failure]').getAttribute('data-decision'),
    ).resolves.toBe('ImplicitDeny')
    // The explainer's "Why": the pull-request preset is diagnosed as such.
    await expect(
      page.locator('[data-explain-why] [data-diagnosis="sub-pull-request"]').count(),
    ).resolves.toBe(1)
    // The catalogue lists the causes behind each error, the immutable-subject one among them.
    await expect(
      page
        .locator('#error-not-authorized [data-diagnosis="sub-name-form-vs-id-form"]')
        .textContent(),
    ).resolves.toContain('immutable subjects')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 9: the explainer advises from the diagnosis that fits an environment-scoped policy', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${site.url}/chapters/when-it-fails/`)
    const explainer = page.locator('[data-explain-failure]')
    await explainer.scrollIntoViewIfNeeded()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-explain-failure]')?.dataset.decision,
    )
    const K = 'token.actions.githubusercontent.com'
    const policy = (sub: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${K}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: sub } },
          },
        ],
      })
    const claims = (sub: string, extra: Record<string, string> = {}) =>
      JSON.stringify({
        iss: `https://${K}`,
        aud: 'sts.amazonaws.com',
        sub,
        repository: 'octo-org/octo-repo',
        repository_owner: 'octo-org',
        ref: 'refs/heads/main',
        ref_type: 'branch',
        event_name: 'push',
        ...extra,
      })
    const ENV = 'repo:octo-org/octo-repo:environment:prod'
    const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
    for (const [policySub, claimsJson, diagnosis, advice] of [
      [ENV, claims(MAIN), 'sub-no-environment', 'Add environment: prod to the job'],
      [
        ENV,
        claims('repo:octo-org/octo-repo:pull_request', { event_name: 'pull_request' }),
        'sub-pull-request',
        'with environment: prod, the environment the policy names',
      ],
      [MAIN, claims(ENV, { environment: 'prod' }), 'sub-environment', 'Trust the environment sub'],
    ] as const) {
      await explainer.locator('[data-explain-policy]').fill(policy(policySub))
      await explainer.locator('[data-explain-claims]').fill(claimsJson)
      const why = explainer.locator(`[data-explain-why] [data-diagnosis="${diagnosis}"]`)
      await expect.poll(() => why.count(), { message: diagnosis }).toBe(1)
      await expect(why.textContent()).resolves.toContain(advice)
      const text = `${await explainer.locator('[data-explain-why]').textContent()}\n${await explainer.locator('[data-explain-output]').textContent()}`
      if (policySub === ENV) expect(text, diagnosis).not.toMatch(/branch the policy names/)
    }
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 9: every error either replays with its own STS code or says why it cannot', async () => {
    const { page, errors } = await openPage(browser)
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(`${site.url}/chapters/when-it-fails/`)
    const entries = page.locator('[data-error-catalogue] > li')
    const count = await entries.count()
    expect(count).toBeGreaterThanOrEqual(12)
    let replayed = 0
    for (let i = 0; i < count; i++) {
      const entry = entries.nth(i)
      const button = entry.locator('[data-show-me]')
      if ((await button.count()) === 0) {
        await expect(entry.locator('.no-replay').textContent()).resolves.toMatch(/^No replay/)
        continue
      }
      const code = (await entry.locator('.code').textContent())?.trim() ?? ''
      const [, name, status] = /^(\w+) \((\d+)\)$/.exec(code) ?? []
      await button.click()
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('#replay-walk')?.dataset.state === 'done',
      )
      const outcome = await page.locator('#replay-walk [data-outcome]').textContent()
      expect(outcome, code).toContain(`${status} ${name}`)
      replayed++
    }
    expect(replayed).toBeGreaterThanOrEqual(8)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('chapter 10: every snippet has a copy button that copies it exactly', async () => {
    const { page, errors } = await openPage(browser)
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url })
    await page.goto(`${site.url}/chapters/set-it-up/`)
    const snippets = page.locator('figure.snippet')
    expect(await snippets.count()).toBeGreaterThanOrEqual(6)
    const first = snippets.first()
    await first.locator('.copy-button').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => first.locator('.copy-button').textContent()).toBe('Copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const shown = await first.locator('pre').innerText()
    expect(copied.trim()).toBe(shown.trim())
    expect(copied).toContain('repo:my-org/my-repo:ref:refs/heads/main')
    expect(await page.locator('pre.astro-code').count()).toBe(
      await page.locator('.copy-button').count(),
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the theme toggle works from the keyboard and is remembered', async () => {
    const { page } = await openPage(browser)
    await page.goto(`${site.url}/`)
    await page.locator('[data-theme-toggle]').focus()
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expect(page.locator('[data-theme-toggle]').getAttribute('aria-pressed')).resolves.toBe(
      'true',
    )
    await page.reload()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.context().close()
  })
})
