/**
 * `trustwalk audit` on policies trusting the other CI systems, end to end through the built CLI:
 * the findings of the platform's attacker model, each proven by a walk through that platform's
 * issuer emulator and STS; the platform's recommended policy passes `--fail-on medium`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILD_TIMEOUT, ensureBuilt, runCli, SLOW } from './setup.js'
import { CORPUS } from '../../audit/corpus.js'

let dir: string
const file = (name: string, content: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(content, null, 2))
  return path
}

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-audit-issuers-'))
}, BUILD_TIMEOUT)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const entry = (name: string) => CORPUS.find((e) => e.name === name)!

describe('trustwalk audit: other CI systems', SLOW, () => {
  it('a GitLab group wildcard: proven through the GitLab issuer, exit 1', async () => {
    const result = await runCli([
      'audit',
      file('gitlab.json', entry('gitlab-group-wildcard').policy),
    ])
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('(gitlab-group-wildcard)')
    expect(result.stdout).toMatch(
      /Proven: that token got credentials end to end \(GitLab issuer → STS → trust policy\)/,
    )
    expect(result.stdout).toContain('"gitlab.com:project_id": "PROJECT_ID"')
  })

  it('--json: each issuer counterexample verified by a walk', async () => {
    const result = await runCli([
      'audit',
      '--json',
      file('terraform.json', entry('terraform-organization-wide').policy),
    ])
    const findings = (
      JSON.parse(result.stdout) as {
        findings: {
          id: string
          issuerCounterexample?: { issuerKind: string; verified?: boolean; claims: { sub: string } }
        }[]
      }
    ).findings
    const ids = findings.map((f) => f.id)
    expect(ids).toContain('terraform-organization-wide')
    expect(ids).toContain('terraform-run-phase-wildcard')
    // IAM's create-time check accepts organization:acme:* (only :sub must be scoped).
    expect(ids).toContain('aws-guardrail-misses')
    for (const f of findings.filter((f) => f.id !== 'aws-guardrail-misses')) {
      expect(f.issuerCounterexample?.issuerKind).toBe('terraform')
      expect(f.issuerCounterexample?.verified).toBe(true)
    }
    expect(
      findings.find((f) => f.id === 'terraform-run-phase-wildcard')!.issuerCounterexample!.claims
        .sub,
    ).toMatch(/:run_phase:plan$/)
  })

  it.each([
    'gitlab-recommended-protected',
    'terraform-recommended',
    'circleci-recommended',
    'buildkite-recommended',
    'bitbucket-deployment',
  ])('%s passes --fail-on medium', async (name) => {
    const result = await runCli([
      'audit',
      '--fail-on',
      'medium',
      file(`${name}.json`, entry(name).policy),
    ])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
