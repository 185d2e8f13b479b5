/**
 * `trustwalk decode` on tokens of the other CI systems: each claim explained with that issuer's
 * docs, and the condition keys AWS fills for that provider marked.
 */
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../../lib/core/clock.js'
import { ISSUERS } from '../../../lib/issuers/index.js'
import { runMain } from './in-process.js'

const clock = fixedClock('2026-10-08T18:31:15Z')

async function tokenOf(kind: string): Promise<string> {
  const profile = ISSUERS.find((p) => p.kind === kind)!
  const run = profile.exampleRun
  const issuer = await profile.createIssuer({ url: profile.issuerUrl(run), keys: 'demo', clock })
  return issuer.issueToken(run, { audience: profile.awsAudience(run) })
}

describe('trustwalk decode for other issuers', () => {
  it("GitLab: GitLab's claim docs, gitlab.com condition keys marked", async () => {
    const result = await runMain(['decode', '--no-color', await tokenOf('gitlab')])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('The numeric id of the project the token names')
    expect(result.stdout).toContain('condition key gitlab.com:project_id')
    expect(result.stdout).not.toContain('Not a claim GitHub issues')
    expect(result.stdout).not.toContain('condition key gitlab.com:project_path')
    expect(result.stdout).toContain("sub, taken apart (GitLab's format):")
    expect(result.stdout).toMatch(/├ project_path +acme\/app/)
  })

  it('CircleCI: the project-id key under the per-organisation prefix', async () => {
    const result = await runMain(['decode', '--no-color', await tokenOf('circleci')])
    expect(result.stdout).toMatch(
      /condition key oidc\.circleci\.com\/org\/[0-9a-f-]+:oidc\.circleci\.com\/project-id/,
    )
    expect(result.stdout).toContain('Rerun job with SSH')
  })

  it.each(['terraform', 'buildkite', 'bitbucket'])('%s: every claim is explained', async (kind) => {
    const result = await runMain(['decode', '--no-color', await tokenOf(kind)])
    expect(result.status).toBe(0)
    expect(result.stdout).not.toMatch(/Not a claim .* issues/)
  })
})
