/**
 * The input caps (lib/node/input-limits.ts) hold the largest input AWS itself accepts, as its
 * documentation states it (URLs in input-limits.ts): STS's WebIdentityToken (20,000 characters),
 * IAM's AssumeRolePolicyDocument (131,072 characters of U+0009–U+00FF), CloudFormation's template
 * from S3 (1 MB) — so no real input is refused — and each refusal names AWS's figure.
 */
import { describe, expect, it } from 'vitest'
import {
  AUDIT_INPUT,
  CLAIMS_INPUT,
  DOCUMENT_INPUT,
  POLICY_INPUT,
  TOKEN_INPUT,
  formatBytes,
} from '../../lib/node/input-limits.js'

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8')

describe('input caps', () => {
  it("a token: STS's largest WebIdentityToken (20,000 characters, ASCII) fits, with a Bearer prefix and a JSON body", () => {
    const token = 'a'.repeat(20_000)
    expect(utf8(`{"count": 1, "value": "Bearer ${token}"}`)).toBeLessThanOrEqual(TOKEN_INPUT.bytes)
    expect(TOKEN_INPUT.why).toContain('20,000 characters')
    expect(CLAIMS_INPUT.bytes).toBeGreaterThanOrEqual(TOKEN_INPUT.bytes)
  })

  it("a trust policy: IAM's largest AssumeRolePolicyDocument fits, even all in Latin-1", () => {
    // 131,072 characters from CreateRole's pattern, the widest in UTF-8 (two bytes each).
    expect(utf8('\u00ff'.repeat(131_072))).toBeLessThanOrEqual(POLICY_INPUT.bytes)
    expect(utf8('\u00ff'.repeat(131_073))).toBeGreaterThan(POLICY_INPUT.bytes)
    expect(POLICY_INPUT.why).toContain('131,072 characters')
    expect(POLICY_INPUT.why).toContain('2,048 by default')
    expect(DOCUMENT_INPUT.bytes).toBeGreaterThan(POLICY_INPUT.bytes)
  })

  it("a file to audit: CloudFormation's largest template from S3 (1 MB, either megabyte) fits", () => {
    expect(AUDIT_INPUT.bytes).toBeGreaterThanOrEqual(1_000_000)
    expect(AUDIT_INPUT.bytes).toBeGreaterThanOrEqual(1024 * 1024)
    expect(AUDIT_INPUT.why).toContain('at most 1 MB')
  })

  it('formats the caps as people read them', () => {
    expect(formatBytes(TOKEN_INPUT.bytes)).toBe('64 KiB')
    expect(formatBytes(POLICY_INPUT.bytes)).toBe('256 KiB')
    expect(formatBytes(AUDIT_INPUT.bytes)).toBe('1 MiB')
    expect(formatBytes(1000)).toBe('1000 bytes')
  })
})
