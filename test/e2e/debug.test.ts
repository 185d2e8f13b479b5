/**
 * The "Debug a denial" page in Chromium: every form of trust policy (policy JSON, get-role output,
 * CloudFormation, Terraform) and of token (a token, the runner's {"value"} answer, claims JSON);
 * STS's exact answer for an audience mismatch, a sub mismatch and an immutable-subject mismatch;
 * a token verified against a pasted JWKS; the audit on demand; the share link (no token in it);
 * no request leaving the page; and no serious axe violations.
 */
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createGitHubIssuer, decodeJwt, type GitHubIssuer } from '../../lib/index.js'
import { requireTool } from '../support/tools.js'
import { openPage, useSiteInBrowser, type WatchedPage } from './harness.js'
import { foreignRequests, seriousViolations } from './site-helpers.js'

const ok = requireTool('chromium', 'the site tests drive the built site in a real browser')

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      },
    },
  ],
}
const OTHER_POLICY = {
  ...POLICY,
  Statement: [
    {
      ...POLICY.Statement[0],
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/other-repo:ref:refs/heads/main',
        },
      },
    },
  ],
}
const GET_ROLE = {
  Role: {
    Path: '/',
    RoleName: 'deploy',
    Arn: 'arn:aws:iam::123456789012:role/deploy',
    AssumeRolePolicyDocument: POLICY,
  },
}
const CLOUDFORMATION = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    OtherRole: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: 'other', AssumeRolePolicyDocument: OTHER_POLICY },
    },
    DeployRole: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: 'deploy', AssumeRolePolicyDocument: POLICY },
    },
  },
}
const TERRAFORM = {
  resource: {
    aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: JSON.stringify(POLICY) } },
  },
}
const IMMUTABLE_CLAIMS = readFileSync(
  join(import.meta.dirname, '../../examples/explain/claims-immutable.json'),
  'utf8',
)
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity'

/** Wait until the page has judged the current input. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const state = document.querySelector<HTMLElement>('[data-debug-denial]')?.dataset.state
    return state === 'done' || state === 'invalid' || state === 'waiting'
  })
}

async function paste(page: Page, policy: unknown, claims: string): Promise<void> {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2)
  await page.locator('[data-debug-policy]').fill(text)
  await page.locator('[data-debug-claims]').fill(claims)
  // The result is for this input: wait out the pending run before reading it.
  await page.waitForTimeout(50)
  await settled(page)
}

const data = (page: Page, key: string) =>
  page.locator('[data-debug-denial]').getAttribute(`data-${key}`)
const answer = (page: Page) => page.locator('[data-debug-answer]').textContent()

describe.skipIf(!ok)('the debug page', () => {
  const env = useSiteInBrowser()
  let issuer: GitHubIssuer
  let mainToken: string
  let audienceToken: string
  let prToken: string

  beforeAll(async () => {
    issuer = await createGitHubIssuer({ keys: 'demo' })
    const run = { owner: 'octo-org', repo: 'octo-repo', branch: 'main' }
    mainToken = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
    // configure-aws-credentials without `audience:` on a provider registered for another client ID.
    audienceToken = await issuer.issueToken(run, { audience: 'https://github.com/octo-org' })
    prToken = await issuer.issueToken(
      {
        owner: 'octo-org',
        repo: 'octo-repo',
        event: 'pull_request',
        headRef: 'f',
        baseRef: 'main',
      },
      { audience: 'sts.amazonaws.com' },
    )
  })

  async function open(hash = ''): Promise<WatchedPage> {
    const watched = await openPage(env.browser)
    await watched.page.goto(`${env.site.url}/debug/${hash}`)
    await settled(watched.page)
    return watched
  }

  it('is linked from the home page’s first screen and from the header', async () => {
    const { page } = await openPage(env.browser)
    await page.goto(`${env.site.url}/`)
    const link = page.locator('main a[href$="/debug/"]').first()
    await expect(link.isVisible()).resolves.toBe(true)
    const box = await link.boundingBox()
    expect(box!.y + box!.height).toBeLessThan(900)
    await expect(page.locator('header nav a[href$="/debug/"]').textContent()).resolves.toBe(
      'Debug a denial',
    )
    await link.click()
    await page.waitForURL(/\/debug\/$/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Debug a denial')
    await page.context().close()
  })

  it('is linked from the home page’s first screen on a phone too', async () => {
    const { page } = await openPage(env.browser, { width: 390, height: 844 })
    await page.goto(`${env.site.url}/`)
    const box = await page.locator('main a[href$="/debug/"]').first().boundingBox()
    expect(box!.y + box!.height).toBeLessThan(844)
    await page.context().close()
  })

  it('is linked, once each, from the token inspector and the explainer', async () => {
    const { page } = await openPage(env.browser)
    for (const [path, island] of [
      ['/inspect/', '[data-token-inspector]'],
      ['/chapters/when-it-fails/', '[data-explain-failure]'],
    ] as const) {
      await page.goto(`${env.site.url}${path}`)
      const links = page.locator(`${island} a[href$="/debug/"]`)
      await expect(links.count(), path).resolves.toBe(1)
      await expect(links.textContent(), path).resolves.toBe('Debug a denial')
      await links.click()
      await page.waitForURL(/\/debug\/$/)
      await expect(page.locator('h1').textContent()).resolves.toBe('Debug a denial')
    }
    await page.context().close()
  })

  it('reads every policy form: policy JSON, get-role output, CloudFormation (pick the role), Terraform', async () => {
    const { page, requests, errors } = await open()
    const claims = JSON.stringify(decodeJwt(mainToken).payload)
    for (const [policy, format] of [
      [POLICY, 'trust-policy'],
      [GET_ROLE, 'get-role'],
      [TERRAFORM, 'terraform'],
    ] as const) {
      await paste(page, policy, claims)
      expect(await data(page, 'policy-format'), format).toBe(format)
      expect(await data(page, 'outcome'), format).toBe('ok')
      await expect(answer(page)).resolves.toContain('STS would return credentials')
    }
    await paste(page, CLOUDFORMATION, claims)
    expect(await data(page, 'policy-format')).toBe('cloudformation')
    const role = page.locator('[data-debug-role]')
    await expect(role.isVisible()).resolves.toBe(true)
    // The first role is the other repository's: denied; picking DeployRole lets the run in.
    expect(await data(page, 'outcome')).toBe('AccessDenied')
    await role.selectOption({
      label: (await role.locator('option', { hasText: 'DeployRole' }).textContent()) ?? '',
    })
    await page.waitForTimeout(50)
    await settled(page)
    expect(await data(page, 'outcome')).toBe('ok')
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('reads every token form: the token, the runner’s {"value"} answer, the claims JSON', async () => {
    const { page, requests, errors } = await open()
    const forms: [string, string][] = [
      [mainToken, 'token'],
      [JSON.stringify({ count: 1, value: mainToken }), 'value-body'],
      [JSON.stringify(decodeJwt(mainToken).payload, null, 2), 'claims'],
    ]
    for (const [text, form] of forms) {
      await paste(page, POLICY, text)
      expect(await data(page, 'claims-form'), form).toBe(form)
      expect(await data(page, 'outcome'), form).toBe('ok')
    }
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('an audience mismatch: STS’s exact answer is “Incorrect token audience”, not “Not authorized”', async () => {
    const { page, requests } = await open()
    await paste(page, GET_ROLE, audienceToken)
    expect(await data(page, 'outcome')).toBe('InvalidIdentityToken')
    await expect(page.locator('[data-debug-message]').textContent()).resolves.toBe(
      'Incorrect token audience',
    )
    await expect(answer(page)).resolves.not.toContain('Not authorized')
    await expect(
      page.locator('[data-step="verify"] .check.fail').first().getAttribute('data-check'),
    ).resolves.toMatch(/aud/)
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    await page.context().close()
  })

  it('a sub mismatch (a pull request): Not authorized, the failing condition, the CLI’s diagnosis and fix', async () => {
    const { page } = await open()
    await paste(page, POLICY, JSON.stringify({ value: prToken }))
    expect(await data(page, 'outcome')).toBe('AccessDenied')
    await expect(page.locator('[data-debug-message]').textContent()).resolves.toBe(NOT_AUTHORIZED)
    const why = page.locator('[data-diagnosis="sub-pull-request"]')
    await expect(why.textContent()).resolves.toContain('pull_request')
    await expect(why.textContent()).resolves.toContain('Fix: ')
    await expect(
      page.locator('[data-step="conditions"] [data-condition$=":sub"] .mark-no').count(),
    ).resolves.toBeGreaterThan(0)
    await expect(page.locator('[data-debug-changes] li').count()).resolves.toBeGreaterThan(0)
    await page.context().close()
  })

  it('an immutable-subject mismatch: ID-form sub vs a name-form policy, with a proven corrected policy to copy', async () => {
    const { page } = await open()
    await paste(page, POLICY, IMMUTABLE_CLAIMS)
    expect(await data(page, 'outcome')).toBe('AccessDenied')
    await expect(page.locator('[data-debug-message]').textContent()).resolves.toBe(NOT_AUTHORIZED)
    await expect(page.locator('[data-diagnosis="sub-name-form-vs-id-form"]').count()).resolves.toBe(
      1,
    )
    const corrected = await page.locator('[data-debug-corrected] pre').first().textContent()
    expect(corrected).toContain('repo:octo-org@68182552/octo-repo@608268327:ref:refs/heads/main')
    // The corrected policy lets this run in: paste it back.
    await paste(page, corrected!, IMMUTABLE_CLAIMS)
    expect(await data(page, 'outcome')).toBe('ok')
    await page.context().close()
  })

  it('judges an IpAddress fence on aws:SourceIp by the caller IP given, and refuses a non-address', async () => {
    const { page, requests } = await open()
    const fenced = structuredClone(POLICY) as typeof POLICY & {
      Statement: { Condition: Record<string, unknown> }[]
    }
    fenced.Statement[0]!.Condition.IpAddress = { 'aws:SourceIp': '203.0.113.0/24' }
    await paste(page, fenced, mainToken)
    // No address: the key is absent, so the fence does not match.
    expect(await data(page, 'outcome')).toBe('AccessDenied')
    await page.locator('.source-ip summary').click()
    const ip = page.locator('[data-debug-source-ip]')
    await ip.fill('203.0.113.7')
    await page.waitForTimeout(50)
    await settled(page)
    expect(await data(page, 'outcome')).toBe('ok')
    await ip.fill('198.51.100.1')
    await page.waitForTimeout(50)
    await settled(page)
    expect(await data(page, 'outcome')).toBe('AccessDenied')
    await ip.fill('not-an-ip')
    await page.waitForTimeout(50)
    await settled(page)
    await expect(answer(page)).resolves.toContain('not an IPv4 or IPv6 address')
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    await page.context().close()
  })

  it('checks a real token’s signature against a pasted JWKS, and a wrong key fails it', async () => {
    const { page, requests } = await open()
    await paste(page, POLICY, mainToken)
    expect(await data(page, 'signature-checked')).toBe('false')
    await page.locator('.jwks summary').click()
    await page.locator('[data-debug-jwks]').fill(JSON.stringify(issuer.jwks()))
    await page.waitForTimeout(50)
    await settled(page)
    expect(await data(page, 'signature-checked')).toBe('true')
    expect(await data(page, 'outcome')).toBe('ok')
    const other = await createGitHubIssuer()
    await page.locator('[data-debug-jwks]').fill(JSON.stringify(other.jwks()))
    await page.waitForTimeout(50)
    await settled(page)
    expect(await data(page, 'outcome')).toBe('InvalidIdentityToken')
    expect(foreignRequests(requests, env.site.url)).toEqual([])
    await page.context().close()
  })

  it('audits the policy on request: what else it lets in', async () => {
    const { page } = await open()
    const wide = {
      ...POLICY,
      Statement: [
        {
          ...POLICY.Statement[0],
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' },
          },
        },
      ],
    }
    await paste(page, wide, JSON.stringify(decodeJwt(mainToken).payload))
    await page.locator('[data-debug-audit]').click()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-debug-denial]')?.dataset.audit === 'done',
    )
    await expect(
      page.locator('[data-debug-audit-output] [data-finding]').count(),
    ).resolves.toBeGreaterThan(0)
    await page.context().close()
  })

  it('puts nothing in the URL until asked; the share link holds the policy and claims, never the token', async () => {
    const { page, requests } = await open()
    await paste(page, POLICY, JSON.stringify({ count: 1, value: prToken }))
    expect(await page.evaluate(() => location.href)).toBe(`${env.site.url}/debug/`)
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
    await page.locator('[data-debug-share]').click()
    const url = await page.evaluate(() => location.href)
    const [signature] = prToken.split('.').slice(2)
    expect(url).toContain('#')
    expect(url).not.toContain(prToken.split('.')[0]!)
    expect(url).not.toContain(signature!)
    expect(decodeURIComponent(url)).not.toContain('"value"')
    expect(decodeURIComponent(url)).toContain('pull_request')
    // Opened elsewhere, the link shows the same answer.
    const second = await open(url.slice(url.indexOf('#')))
    expect(await data(second.page, 'claims-form')).toBe('claims')
    expect(await data(second.page, 'outcome')).toBe('AccessDenied')
    // Once the input changes, the stale link leaves the address bar.
    await second.page.locator('[data-debug-claims]').fill(prToken)
    expect(await second.page.evaluate(() => location.href)).toBe(`${env.site.url}/debug/`)
    expect(foreignRequests([...requests, ...second.requests], env.site.url)).toEqual([])
    await second.page.context().close()
    await page.context().close()
  })

  it('names a policy it cannot read as STS would (MalformedPolicyDocument), and says what to paste', async () => {
    const { page } = await open()
    await paste(page, '{"Version": "2012-10-17", "Statment": []}', mainToken)
    expect(await data(page, 'state')).toBe('invalid')
    await expect(answer(page)).resolves.toContain('MalformedPolicyDocument')
    await paste(page, '', mainToken)
    expect(await data(page, 'state')).toBe('waiting')
    await page.context().close()
  })

  it('shows how to print a failed job’s claims on each CI system, never the token', async () => {
    const { page } = await open()
    const recipes = (await page.locator('main').textContent()) ?? ''
    for (const name of [
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'core.getIDToken',
      'id_tokens:',
      'CIRCLE_OIDC_TOKEN_V2',
      'buildkite-agent oidc request-token',
      'BITBUCKET_STEP_OIDC_TOKEN',
    ])
      expect(recipes).toContain(name)
    // Every recipe prints the payload (the middle part), not the token.
    const blocks = await page.locator('main pre.astro-code').allTextContents()
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    for (const block of blocks)
      expect(block).toMatch(/split\('\.'\)\[1\]|split\("\."\)\[1\]|cut -d\. -f2/)
    await page.context().close()
  })

  it('fits a phone’s width: nothing makes the page scroll sideways, empty or with a result', async () => {
    const { page } = await openPage(env.browser, { width: 390, height: 844 })
    await page.goto(`${env.site.url}/debug/`)
    await settled(page)
    const width = () => page.evaluate(() => document.documentElement.scrollWidth)
    expect(await width()).toBeLessThanOrEqual(390)
    await paste(page, POLICY, IMMUTABLE_CLAIMS)
    for (const d of await page.locator('[data-debug-walk] details').all())
      await d.evaluate((e) => ((e as HTMLDetailsElement).open = true))
    expect(await width()).toBeLessThanOrEqual(390)
    await page.context().close()
  })

  it('ships at most 80 KB of gzip JavaScript on load; the auditor loads only when asked', async () => {
    const { page } = await openPage(env.browser)
    const bodies: Promise<Buffer | undefined>[] = []
    const scripts: string[] = []
    page.on('response', (response) => {
      if (/\.m?js(\?|$)/.test(response.url())) {
        scripts.push(response.url())
        bodies.push(response.body().catch(() => undefined))
      }
    })
    await page.goto(`${env.site.url}/debug/`, { waitUntil: 'networkidle' })
    const loaded = (await Promise.all(bodies)).filter((b): b is Buffer => b !== undefined)
    const gzip = loaded.reduce((n, b) => n + gzipSync(b).length, 0)
    expect(gzip).toBeLessThanOrEqual(80 * 1024)
    const before = scripts.length
    await paste(page, POLICY, JSON.stringify(decodeJwt(mainToken).payload))
    await page.locator('[data-debug-audit]').click()
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-debug-denial]')?.dataset.audit === 'done',
    )
    expect(scripts.length).toBeGreaterThan(before)
    await page.context().close()
  })

  it('has no serious axe violations, empty and with a result, in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await openPage(env.browser)
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await page.goto(`${env.site.url}/debug/`)
      await settled(page)
      expect(await seriousViolations(page), `${scheme}, empty`).toEqual([])
      await paste(page, POLICY, IMMUTABLE_CLAIMS)
      await page.locator('[data-debug-audit]').click()
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-debug-denial]')?.dataset.audit === 'done',
      )
      expect(await seriousViolations(page), `${scheme}, result`).toEqual([])
      await page.context().close()
    }
  })
})
