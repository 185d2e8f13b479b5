/**
 * The Trace: the one data type every surface renders. The CLI prints it, the site animates it,
 * tests assert on it. See DESIGN.md "The five steps and the Trace".
 */
import type { StsErrorCode } from './errors.js'

export type StepId = 'discovery' | 'issue' | 'verify' | 'conditions' | 'credentials'

/** The five steps, in order. */
export const STEP_IDS: readonly StepId[] = [
  'discovery',
  'issue',
  'verify',
  'conditions',
  'credentials',
] as const

/** One question the real system asks, and its answer. */
export interface Check {
  /** Stable id, e.g. `verify.aud-in-client-ids`. */
  id: string
  ok: boolean
  /** One plain sentence for a learner. */
  summary: string
  expected?: unknown
  actual?: unknown
  /** Documentation URL behind the rule. */
  source?: string
}

export interface Step {
  id: StepId
  status: 'pass' | 'fail' | 'skipped'
  checks: Check[]
  data?: unknown
}

/** The credentials STS returns (XML `Credentials`). */
export interface StsCredentials {
  AccessKeyId: string
  SecretAccessKey: string
  SessionToken: string
  /** ISO-8601 UTC, e.g. `2026-10-08T19:31:15Z`. */
  Expiration: string
}

/** `AssumeRoleWithWebIdentityResult`, field names exactly as the STS API reference. */
export interface AssumeRoleWithWebIdentityResult {
  Credentials: StsCredentials
  SubjectFromWebIdentityToken: string
  AssumedRoleUser: { Arn: string; AssumedRoleId: string }
  PackedPolicySize?: number
  Provider: string
  Audience: string
  SourceIdentity?: string
}

/** An STS error as plain data: code, message and HTTP status exactly as STS would answer. */
export interface StsErrorShape {
  code: StsErrorCode
  message: string
  status: number
  type?: 'Sender' | 'Receiver'
}

export interface Trace {
  /** Always all five, in order; after a failure the rest are `skipped`. */
  steps: Step[]
  outcome:
    { ok: true; response: AssumeRoleWithWebIdentityResult } | { ok: false; error: StsErrorShape }
}
