/**
 * Audit results as SARIF 2.1.0, the format GitHub code scanning reads
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning,
 * schema https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json).
 *
 * One run, tool `trustwalk`, one rule per finding id that occurs (with `security-severity`, which
 * code scanning turns into Critical/High/Medium/Low), and one result per finding located by file
 * URI, line and column.
 */
import { FINDING_RULES } from './catalogue.js'
import type { AuditResult, Finding, FindingId, Severity } from './types.js'

/** SARIF `level` per severity: code scanning shows error/warning/note. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
}

/** GitHub reads `security-severity` (0.1–10) as Critical ≥ 9, High ≥ 7, Medium ≥ 4, else Low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.1',
}

export interface SarifOptions {
  /** The trustwalk version to report as `tool.driver.version`. */
  version?: string
  /** Where the tool is documented. */
  informationUri?: string
}

/** The SARIF log (only the parts trustwalk writes). */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

export interface SarifRun {
  tool: { driver: SarifDriver }
  results: SarifResult[]
  columnKind: 'utf16CodeUnits'
}

export interface SarifDriver {
  name: 'trustwalk'
  informationUri: string
  version?: string
  rules: SarifRule[]
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  helpUri: string
  help: { text: string; markdown: string }
  defaultConfiguration: { level: 'error' | 'warning' | 'note' }
  properties: { tags: string[]; 'security-severity': string; precision: 'very-high' | 'high' }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: 'error' | 'warning' | 'note'
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string }
      region: { startLine: number; startColumn: number }
    }
    logicalLocations: { fullyQualifiedName: string; kind: 'member' }[]
  }[]
  partialFingerprints: Record<string, string>
  properties: {
    severity: Severity
    policy: string
    counterexample?: { sub: unknown; repository: unknown }
    /** The provider's issuer URL, when the policy trusts more than one CI issuer (`Finding.provider`). */
    provider?: string
  }
}

/**
 * Convert audit results (from one or more files) to a SARIF 2.1.0 log for GitHub code scanning.
 *
 * @example
 * const sarif = auditToSarif([{ fileName: 'iam/deploy.json', policyName: 'deploy.json', findings }])
 * JSON.stringify(sarif) // upload with github/codeql-action/upload-sarif
 */
export function auditToSarif(
  results: readonly AuditResult[],
  options: SarifOptions = {},
): SarifLog {
  const informationUri = options.informationUri ?? 'https://github.com/trustwalk/trustwalk'
  const ruleIds: FindingId[] = []
  for (const r of results)
    for (const f of r.findings) if (!ruleIds.includes(f.id)) ruleIds.push(f.id)
  const rules = ruleIds.map((id) => sarifRule(id, informationUri))
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => sarifResult(r, f, ruleIds.indexOf(f.id))),
  )
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustwalk',
            informationUri,
            ...(options.version === undefined ? {} : { version: options.version }),
            rules,
          },
        },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  }
}

function sarifRule(id: FindingId, informationUri: string): SarifRule {
  const rule = FINDING_RULES.get(id)!
  const refs = rule.references.map((u) => `- ${u}`).join('\n')
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.summary },
    helpUri: rule.references[0] ?? informationUri,
    help: {
      text: `${rule.summary}\n\nReferences:\n${refs}`,
      markdown: `${rule.summary}\n\n**References**\n\n${refs}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'iam', 'github-actions', 'oidc'],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
    },
  }
}

function sarifResult(result: AuditResult, finding: Finding, ruleIndex: number): SarifResult {
  const uri = artifactUri(result.fileName)
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('/')
  const ce = finding.counterexample
  const proof = ce
    ? ` Proof: ${ce.attacker} (sub "${String(ce.claims.sub)}") is allowed${ce.verified ? ' — verified end to end through STS' : ''}.`
    : ''
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.title}. ${finding.explanation}${proof}\nFix:\n${finding.fix}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: relative ? { uri, uriBaseId: '%SRCROOT%' } : { uri },
          region: {
            startLine: Math.max(1, finding.location.line ?? 1),
            startColumn: Math.max(1, finding.location.column ?? 1),
          },
        },
        logicalLocations: [
          { fullyQualifiedName: `${result.policyName}/${finding.location.path}`, kind: 'member' },
        ],
      },
    ],
    partialFingerprints: {
      // The provider joins in only when a policy trusts several, so older alerts keep theirs.
      'trustwalk/v1': fingerprint(
        `${finding.id}|${result.policyName}|${finding.location.path}${finding.provider ? `|${finding.provider.issuer}` : ''}`,
      ),
    },
    properties: {
      severity: finding.severity,
      policy: result.policyName,
      ...(ce ? { counterexample: { sub: ce.claims.sub, repository: ce.claims.repository } } : {}),
      ...(finding.provider ? { provider: finding.provider.issuer } : {}),
    },
  }
}

/** A repository-relative URI: forward slashes, no leading `./`, spaces and `%` encoded. */
function artifactUri(fileName: string): string {
  const slashed = fileName.replaceAll('\\', '/').replace(/^(\.\/)+/, '')
  if (/^[a-z][a-z0-9+.-]*:/i.test(slashed) && !/^[a-z]:\//i.test(slashed)) return slashed
  return slashed
    .split('/')
    .map((seg) => encodeURIComponent(seg).replaceAll('%40', '@'))
    .join('/')
}

/** A stable 16-hex fingerprint (two FNV-1a 32-bit hashes), so alerts survive line moves. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x811c9dc5 | 1) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}
