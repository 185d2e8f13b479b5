/**
 * `trustwalk audit` on the built CLI: human output, the JSON shape, SARIF for GitHub code
 * scanning, --fail-on, the input formats (trust policy, aws iam get-role, CloudFormation,
 * Terraform JSON, stdin) and bad input. Counterexamples are re-checked here with the engine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestContextFromToken } from '../../../lib/aws/policy/context.js'
import { evaluateTrustPolicy } from '../../../lib/aws/policy/evaluate.js'
import { ensureBuilt, lines, ROOT, runCli, SLOW, BUILD_TIMEOUT } from './setup.js'

const K = 'token.actions.githubusercontent.com'
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${K}`
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info']

function policy(condition: object): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  }
}

const ORG_WIDE = policy({
  StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
  StringLike: { [`${K}:sub`]: 'repo:octo-org/*' },
})
const AUD_ONLY = policy({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' } })

let dir: string
const file = (name: string, content: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

interface JsonFinding {
  id: string
  severity: string
  title: string
  location: { path: string; line?: number; column?: number }
  fix: string
  file: string
  policy: string
  counterexample?: {
    run: Record<string, unknown>
    claims: Record<string, unknown>
    verified?: boolean
  }
}

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'trustwalk-audit-'))
}, BUILD_TIMEOUT)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('trustwalk audit', SLOW, () => {
  it('reports an org-wide policy for a person: severity, location, proof, fix; exit 1', async () => {
    const result = await runCli(['audit', file('org-wide.json', ORG_WIDE)])
    expect(result.status).toBe(1)
    const out = result.stdout
    expect(out).toMatch(
      /^ {2}HIGH +Every repository of the owner can assume the role {2}\(organization-wide\)$/m,
    )
    expect(out).toMatch(
      /line \d+, column \d+ {2}Statement\[0\]\.Condition\.StringLike\["token\.actions\.githubusercontent\.com:sub"\]/,
    )
    expect(out).toContain('Proven: that token got credentials end to end')
    expect(out).toMatch(/Fix:\n +"Condition": \{/)
    expect(out).toMatch(/Summary: .*1 high/)
    expect(out).toContain('at or above --fail-on high: exit status 1.')
  })

  it('--json keeps the documented names, and each counterexample really is allowed', async () => {
    const path = file('aud-only.json', AUD_ONLY)
    const result = await runCli(['audit', path, '--json'])
    expect(result.status).toBe(1)
    const { findings } = JSON.parse(result.stdout) as { findings: JsonFinding[] }
    expect(findings.length).toBeGreaterThan(0)
    for (const f of findings) {
      expect(f).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        fix: expect.any(String),
        file: path,
      })
      expect(SEVERITIES).toContain(f.severity)
      expect(f.location.path).toEqual(expect.any(String))
    }
    const proven = findings.filter((f) => f.counterexample)
    expect(proven.length).toBeGreaterThan(0)
    expect(SEVERITIES.indexOf(proven[0]!.severity)).toBeLessThanOrEqual(1)
    for (const f of proven) {
      const { claims, run } = f.counterexample!
      expect(run).toMatchObject({ owner: expect.any(String), repo: expect.any(String) })
      for (const claim of [
        'iss',
        'sub',
        'aud',
        'exp',
        'iat',
        'repository',
        'repository_owner',
        'ref',
        'event_name',
      ]) {
        expect(claims, `${f.id} ${claim}`).toHaveProperty(claim)
      }
      const context = requestContextFromToken(claims, { Url: `https://${K}`, Arn: PROVIDER })
      expect(evaluateTrustPolicy(AUD_ONLY, context).decision, f.id).toBe('Allow')
    }
    // The aud-only policy lets another owner in: the proof comes from outside octo-org.
    expect(proven.some((f) => f.counterexample!.claims.repository_owner !== 'octo-org')).toBe(true)
  })

  it('--fail-on decides the exit status', async () => {
    const path = file('org-wide-2.json', ORG_WIDE)
    expect((await runCli(['audit', path, '--fail-on', 'none'])).status).toBe(0)
    expect((await runCli(['audit', path, '--fail-on', 'critical'])).status).toBe(0)
    expect((await runCli(['audit', path, '--fail-on', 'medium'])).status).toBe(1)
    const typo = await runCli(['audit', path, '--fail-on', 'hihg'])
    expect(typo.status).toBe(2)
    expect(typo.stderr).toContain("Did you mean 'high'?")
    // The README's example policy has no high finding.
    expect((await runCli(['audit', 'examples/explain/policy.json'])).status).toBe(0)
  })

  it('--format sarif writes SARIF 2.1.0 as GitHub code scanning reads it', async () => {
    file('org-wide.json', ORG_WIDE)
    const json = JSON.parse(
      (await runCli(['audit', 'org-wide.json', '--json'], { cwd: dir })).stdout,
    ) as { findings: JsonFinding[] }
    const result = await runCli(['audit', 'org-wide.json', '--format', 'sarif'], { cwd: dir })
    expect(result.status).toBe(1)
    const sarif = JSON.parse(result.stdout)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0.*\.json$/)
    expect(sarif.runs).toHaveLength(1)
    const [run] = sarif.runs
    expect(run.tool.driver).toMatchObject({ name: 'trustwalk', version: pkg.version })
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id)
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toEqual(expect.any(String))
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0)
    }
    expect(run.results).toHaveLength(json.findings.length)
    run.results.forEach((r: Record<string, any>, i: number) => {
      const f = json.findings[i]!
      expect(r.ruleId).toBe(f.id)
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId)
      expect(['error', 'warning', 'note']).toContain(r.level)
      expect(r.message.text).toEqual(expect.any(String))
      const physical = r.locations[0].physicalLocation
      expect(physical.artifactLocation.uri).toBe('org-wide.json')
      expect(physical.region.startLine).toBe(f.location.line ?? 1)
    })
  })

  it('reads aws iam get-role output, CloudFormation and Terraform JSON, and stdin', async () => {
    const getRole = file('role.json', {
      Role: { RoleName: 'deploy', Path: '/', AssumeRolePolicyDocument: AUD_ONLY },
    })
    const cfn = file('template.json', {
      Resources: {
        DeployRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: ORG_WIDE } },
      },
    })
    const tf = file('main.tf.json', {
      resource: {
        aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: JSON.stringify(ORG_WIDE) } },
      },
    })
    const result = await runCli(['audit', getRole, cfn, tf, '-', '--json', '--fail-on', 'none'], {
      input: JSON.stringify(ORG_WIDE),
    })
    expect(result.status).toBe(0)
    const { findings, policies } = JSON.parse(result.stdout) as {
      findings: JsonFinding[]
      policies: { file: string; policy: string }[]
    }
    expect(policies.map((p) => p.file)).toEqual([getRole, cfn, tf, 'stdin'])
    expect(policies[0]!.policy).toBe('deploy')
    for (const source of [getRole, cfn, tf, 'stdin']) {
      expect(
        findings.some((f) => f.file === source),
        source,
      ).toBe(true)
    }
    // Locations point into each file: the CloudFormation finding is on the template's own line.
    const text = readFileSync(cfn, 'utf8').split('\n')
    const inTemplate = findings.find((f) => f.file === cfn && f.id === 'organization-wide')!
    expect(text[inTemplate.location.line! - 1]).toContain('repo:octo-org/*')
  })

  it('bad input: exit 2 with one sentence', async () => {
    const missing = await runCli(['audit', join(dir, 'nope.json')])
    expect(missing.status).toBe(2)
    expect(lines(missing.stderr)).toEqual([expect.stringContaining('no such file')])
    const notJson = await runCli(['audit', file('broken.json', '{"Statement": [')])
    expect(notJson.status).toBe(2)
    expect(notJson.stderr).toMatch(/broken\.json:\d+:\d+: not JSON/)
    const none = await runCli(['audit', file('package.json', { name: 'x' })])
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('no role trust policy found')
    const malformed = file('bad-role.json', {
      Role: { RoleName: 'bad', AssumeRolePolicyDocument: { Statement: [{ Effect: 'allow' }] } },
    })
    const bad = await runCli(['audit', malformed, '--json'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stdout).policies[0].error.code).toBe('MalformedPolicyDocument')
    expect(bad.stderr).toContain('Invalid Effect')
    expect((await runCli(['audit'])).status).toBe(2)
    expect((await runCli(['audit', 'x.json', '--format', 'sarf'])).stderr).toContain(
      "Did you mean 'sarif'?",
    )
  })
})
