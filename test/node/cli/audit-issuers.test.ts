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

  describe('a role trusting GitHub and GitLab: each statement audited with its own model', () => {
    const both = () => ({
      Version: '2012-10-17',
      Statement: [
        ...(entry('environment-ref-ids').policy as { Statement: object[] }).Statement,
        ...(entry('gitlab-aud-only').policy as { Statement: object[] }).Statement,
      ],
    })

    it('the GitLab statement without sub: its finding, proven, named GitLab', async () => {
      const result = await runCli(['audit', file('both.json', both())])
      expect(result.status).toBe(1)
      expect(result.stdout).toContain('(gitlab-any-project)')
      expect(result.stdout).toMatch(
        /Statement\[1\]\.Condition\.StringEquals\["gitlab\.com:aud"\]  \(GitLab: https:\/\/gitlab\.com\)/,
      )
      expect(result.stdout).toMatch(
        /Proven: that token got credentials end to end \(GitLab issuer → STS → trust policy\)/,
      )
    })

    it('--json: every finding names its provider', async () => {
      const result = await runCli(['audit', '--json', file('both.json', both())])
      const findings = (
        JSON.parse(result.stdout) as {
          findings: {
            id: string
            provider?: { issuer: string; issuerKind?: string }
            issuerCounterexample?: { verified?: boolean }
          }[]
        }
      ).findings
      expect(findings.every((f) => f.provider !== undefined)).toBe(true)
      const gitlab = findings.find((f) => f.id === 'gitlab-any-project')!
      expect(gitlab.provider).toMatchObject({ issuer: 'https://gitlab.com', issuerKind: 'gitlab' })
      expect(gitlab.issuerCounterexample?.verified).toBe(true)
      expect(findings.find((f) => f.id === 'aws-guardrail-rejects')?.provider?.issuerKind).toBe(
        'gitlab',
      )
    })
  })
})
