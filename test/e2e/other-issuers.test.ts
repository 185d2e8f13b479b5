/**
 * The other CI systems on the site (issue 13): the "Other CI systems" chapter renders every issuer
 * of the registry from the library (issuer URL, AWS keys, the happy-path trust policy, IAM's
 * shared-issuer message) and is axe clean; the walk offers the issuer scenarios grouped by issuer,
 * loads them on demand and walks them (a GitLab happy path passes, a tag named main stops at
 * conditions), and a failure link in the chapter opens its walk; the token inspector explains a
 * GitLab or CircleCI token's claims with that issuer's claim docs; the playground has a claims and
 * a policy preset per issuer, and each issuer's recommended policy allows its own claims only.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  checkGuardrail,
  DEMO_ACCOUNT_ID,
  getIssuerProfile,
  ISSUERS,
  ISSUER_SCENARIOS,
  issuerTrustPolicy,
} from '../../lib/index.js'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser } from './harness.js'
import { foreignRequests, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')

async function walkDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('#walk')?.dataset.state === 'done',
  )
}

describe.skipIf(!ok)('other CI systems on the site', () => {
  const env = useSiteInBrowser()

  it('the chapter shows every issuer, its keys, its policy and IAM’s message, axe clean', async () => {
    const { page, requests, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/other-issuers/`)
    for (const p of ISSUERS) {
      const section = page.locator(`[data-issuer="${p.kind}"]`)
      await expect(section.locator('h3').textContent()).resolves.toBe(p.name)
      const text = (await section.textContent()) ?? ''
      expect(text).toContain(p.issuerUrl(p.exampleRun))
      expect(text).toContain(p.subject(p.exampleRun))
    }
    const gitlab = (await page.locator('[data-issuer="gitlab"]').textContent()) ?? ''
    expect(gitlab).toContain('gitlab.com:project_id')
    expect(gitlab).toContain('"gitlab.com:namespace_id"')
    const terraform = (await page.locator('[data-issuer="terraform"]').textContent()) ?? ''
    expect(terraform).toMatch(/app\.terraform\.io:sub only —/)
    const message = checkGuardrail(
      issuerTrustPolicy({
        accountId: DEMO_ACCOUNT_ID,
        issuer: 'https://gitlab.com',
        equals: { aud: 'sts.amazonaws.com' },
      }),
    ).message!
    await expect(page.locator('[data-shared-issuer-check] q').textContent()).resolves.toBe(message)
    const failures = ISSUER_SCENARIOS.filter((s) => !s.name.endsWith('-happy-path'))
    await expect(page.locator('[data-issuer] li a').count()).resolves.toBe(failures.length)
    expect(await seriousViolations(page)).toEqual([])
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the walk groups the issuer scenarios and walks a GitLab pipeline', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/the-walk/`)
    await walkDone(page)
    const groups = await page
      .locator('#walk [data-scenario] optgroup')
      .evaluateAll((els) => els.map((g) => g.getAttribute('label')))
    expect(groups).toEqual(['GitHub Actions', ...ISSUERS.slice(1).map((p) => p.name)])
    const gitlabOptions = await page
      .locator('#walk [data-issuer-group="gitlab"] option')
      .evaluateAll((els) => els.map((o) => (o as HTMLOptionElement).value))
    expect(gitlabOptions).toEqual(
      ISSUER_SCENARIOS.filter((s) => s.issuerKind === 'gitlab').map((s) => s.name),
    )
    await page.locator('#walk [data-scenario]').selectOption('gitlab-happy-path')
    await page.waitForURL(/scenario=gitlab-happy-path/)
    await walkDone(page)
    await expect(page.locator('#walk [data-state]').allTextContents()).resolves.toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
    ])
    await expect(page.locator('#walk [data-overrides]').isHidden()).resolves.toBe(true)
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'STS returned credentials',
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('a failure link in the chapter opens its walk, which stops where AWS stops it', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/other-issuers/`)
    await page.locator('[data-issuer="gitlab"] a[href*="scenario=gitlab-tag-named-main"]').click()
    await walkDone(page)
    await expect(page.locator('#walk [data-scenario]').inputValue()).resolves.toBe(
      'gitlab-tag-named-main',
    )
    await expect(page.locator('#walk [data-state]').allTextContents()).resolves.toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'skipped',
    ])
    await expect(page.locator('#walk [data-outcome]').textContent()).resolves.toContain(
      'AccessDenied',
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  for (const kind of ['gitlab', 'circleci'] as const) {
    it(`the inspector explains a ${kind} token's claims with ${kind}'s claim docs`, async () => {
      const profile = getIssuerProfile(kind)
      const issuer = await profile.createIssuer({ keys: 'demo' })
      const token = await issuer.issueToken(profile.exampleRun, {
        audience: profile.awsAudience(profile.exampleRun),
      })
      const { page, errors } = await openPage(env.browser)
      await page.goto(`${env.site.url}/inspect/`)
      await page.locator('[data-token-inspector] [data-input]').fill(token)
      const claim = Object.keys(profile.claimDocs).find(
        (c) => profile.claims(profile.exampleRun)[c] !== undefined && c !== 'iss' && c !== 'sub',
      )!
      const row = page.locator(
        `[data-token-inspector] [data-payload] tr[data-claim="${claim}"] .explain`,
      )
      await page.waitForFunction(
        ([c]) =>
          document.querySelector(`[data-payload] tr[data-claim="${c}"] .explain`)?.textContent !==
          '…',
        [claim],
      )
      await expect(row.textContent()).resolves.toBe(profile.explainClaim(claim))
      expect(errors).toEqual([])
      await page.context().close()
    })
  }

  it('the playground has a preset per issuer: its policy allows its claims, not another’s', async () => {
    const { page, errors } = await openPage(env.browser)
    await page.goto(`${env.site.url}/chapters/conditions/`)
    const playground = page.locator('[data-policy-playground]')
    const decision = (value: string) =>
      page.waitForFunction(
        (v) =>
          document.querySelector<HTMLElement>('[data-policy-playground]')?.dataset.decision === v,
        value,
      )
    for (const p of ISSUERS.slice(1)) {
      await playground.locator('[data-policy-preset]').selectOption(`${p.kind}-recommended`)
      await playground.locator(`input[data-claims-preset][value="${p.kind}"]`).check()
      await decision('Allow')
      const claims = JSON.parse(
        (await playground
          .locator(`input[data-claims-preset][value="${p.kind}"]`)
          .getAttribute('data-claims'))!,
      )
      expect(claims.iss).toBe(p.issuerUrl(p.exampleRun))
      expect(claims.sub).toBe(p.subject(p.exampleRun))
    }
    // Bitbucket's policy is selected: GitLab's claims are from another provider.
    await playground.locator('input[data-claims-preset][value="gitlab"]').check()
    await decision('ImplicitDeny')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
