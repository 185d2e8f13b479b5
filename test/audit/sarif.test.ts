/**
 * auditToSarif: the log validates against the official SARIF 2.1.0 JSON schema (rtm.5, as shipped
 * by @microsoft/jest-sarif) and has what GitHub code scanning requires
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * a tool name, rules with ids, results with ruleId, level, message text and a location with the
 * file URI and a region (startLine ≥ 1), and `security-severity` on rules.
 */
import { createRequire } from 'node:module'
import AjvDraft04 from 'ajv-draft-04'
import { describe, expect, it } from 'vitest'
import { auditDocument } from '../../lib/audit/file.js'
import { auditToSarif } from '../../lib/audit/sarif.js'
import type { AuditResult } from '../../lib/audit/types.js'
import { CORPUS } from './corpus.js'

const require = createRequire(import.meta.url)
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object
// ajv-draft-04 is CommonJS; under NodeNext its class is the default export's `default`.
type AjvClass = new (opts: Record<string, unknown>) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null }
}
const Ajv = ((AjvDraft04 as unknown as { default?: AjvClass }).default ??
  AjvDraft04) as unknown as AjvClass
// The schema's language pattern is not valid with the `u` flag; formats are not checked.
const ajv = new Ajv({
  strict: false,
  validateFormats: false,
  allErrors: true,
  unicodeRegExp: false,
})
const validate = ajv.compile(schema)

const results: AuditResult[] = CORPUS.map((e) => {
  const text = typeof e.policy === 'string' ? e.policy : JSON.stringify(e.policy, null, 2)
  return (
    auditDocument(text, `policies/${e.name}.json`, e.options)[0] ?? {
      fileName: `policies/${e.name}.json`,
      policyName: e.name,
      findings: [],
    }
  )
})
const sarif = auditToSarif(results, { version: '0.1.0' })

describe('auditToSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(sarif)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('the validator rejects a broken log (the check can fail)', () => {
    const broken = structuredClone(sarif) as unknown as { runs: { results: { level: string }[] }[] }
    broken.runs[0]!.results[0]!.level = 'fatal'
    expect(validate(broken)).toBe(false)
    expect(validate({ version: '2.1.0' })).toBe(false)
  })

  it('has one run by trustwalk with one rule per finding id that occurs', () => {
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const run = sarif.runs[0]!
    expect(run.tool.driver.name).toBe('trustwalk')
    expect(run.tool.driver.version).toBe('0.1.0')
    const ids = new Set(results.flatMap((r) => r.findings.map((f) => f.id)))
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual([...ids].sort())
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(5)
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0)
      expect(Number(rule.properties['security-severity'])).toBeLessThanOrEqual(10)
      expect(rule.helpUri).toMatch(/^https:\/\//)
    }
  })

  it('has one result per finding, with ruleId, ruleIndex, level, message and location', () => {
    const run = sarif.runs[0]!
    expect(run.results).toHaveLength(results.reduce((n, r) => n + r.findings.length, 0))
    const levels = {
      critical: 'error',
      high: 'error',
      medium: 'warning',
      low: 'note',
      info: 'note',
    } as const
    let i = 0
    for (const r of results) {
      for (const f of r.findings) {
        const out = run.results[i++]!
        expect(out.ruleId).toBe(f.id)
        expect(run.tool.driver.rules[out.ruleIndex]!.id).toBe(f.id)
        expect(out.level).toBe(levels[f.severity])
        expect(out.message.text).toContain(f.title)
        const loc = out.locations[0]!.physicalLocation
        expect(loc.artifactLocation.uri).toBe(r.fileName)
        expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%')
        expect(loc.region.startLine).toBe(f.location.line ?? 1)
        expect(loc.region.startColumn).toBe(f.location.column ?? 1)
        expect(out.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe(
          `${r.policyName}/${f.location.path}`,
        )
        expect(Object.values(out.partialFingerprints)[0]).toMatch(/^[0-9a-f]{16}$/)
      }
    }
  })

  it('says in the message when a counterexample was verified end to end', () => {
    const f = results.flatMap((r) => r.findings).find((x) => x.counterexample)!
    const one = auditToSarif([
      {
        fileName: 'p.json',
        policyName: 'p',
        findings: [{ ...f, counterexample: { ...f.counterexample!, verified: true } }],
      },
    ])
    expect(one.runs[0]!.results[0]!.message.text).toMatch(/verified end to end through STS/)
    expect(one.runs[0]!.results[0]!.properties.counterexample?.sub).toBe(
      f.counterexample!.claims.sub,
    )
  })

  it('writes repository-relative URIs with forward slashes and encodes spaces', () => {
    const one = auditToSarif([
      {
        fileName: '.\\infra\\my roles\\deploy.json',
        policyName: 'p',
        findings: results.flatMap((r) => r.findings).slice(0, 1),
      },
    ])
    expect(one.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'infra/my%20roles/deploy.json',
    )
    expect(validate(one)).toBe(true)
  })

  it('keeps fingerprints stable when only lines move', () => {
    const f = results.flatMap((r) => r.findings)[0]!
    const a = auditToSarif([{ fileName: 'p.json', policyName: 'p', findings: [f] }])
    const b = auditToSarif([
      {
        fileName: 'p.json',
        policyName: 'p',
        findings: [{ ...f, location: { ...f.location, line: 99 } }],
      },
    ])
    expect(a.runs[0]!.results[0]!.partialFingerprints).toEqual(
      b.runs[0]!.results[0]!.partialFingerprints,
    )
  })

  it('names the provider of each result when a policy trusts several CI issuers', () => {
    // One statement trusting GitHub and GitLab that lets no run in: a no-run-allowed finding of
    // each issuer, at the same path.
    const both = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: [
              'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
              'arn:aws:iam::123456789012:oidc-provider/gitlab.com',
            ],
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:sub': 'invalid' },
          },
        },
      ],
    }
    const log = auditToSarif(auditDocument(JSON.stringify(both, null, 2), 'both.json'))
    expect(validate(log)).toBe(true)
    const mine = log.runs[0]!.results.filter((r) => r.ruleId === 'no-run-allowed')
    expect(mine.map((r) => r.properties.provider).sort()).toEqual([
      'https://gitlab.com',
      'https://token.actions.githubusercontent.com',
    ])
    expect(mine[0]!.locations[0]!.logicalLocations).toEqual(mine[1]!.locations[0]!.logicalLocations)
    // Same rule, same place, two providers: two alerts, not one.
    expect(mine[0]!.partialFingerprints).not.toEqual(mine[1]!.partialFingerprints)
    // A policy trusting one issuer has no provider property (older alerts keep their fingerprints).
    for (const r of auditToSarif(results).runs[0]!.results)
      expect(r.properties.provider).toBeUndefined()
  })

  it('is an empty but valid log when nothing was found', () => {
    const empty = auditToSarif([])
    expect(empty.runs[0]!.results).toEqual([])
    expect(validate(empty)).toBe(true)
  })
})
