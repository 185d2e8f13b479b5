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

/**
 * What each step carries beside its checks. The floors that fill a step describe its data by
 * augmenting these interfaces (`declare module '…/core/trace.js'`), so the ground floor names no
 * type of theirs: STS the provider, evaluation and credentials, `walk()` the token it minted.
 */
export interface DiscoveryStepData {}
export interface IssueStepData {}
export interface VerifyStepData {}
export interface ConditionsStepData {}
export interface CredentialsStepData {}

export interface StepDataMap {
  discovery: DiscoveryStepData
  issue: IssueStepData
  verify: VerifyStepData
  conditions: ConditionsStepData
  credentials: CredentialsStepData
}

export interface Step<Id extends StepId = StepId> {
  id: Id
  status: 'pass' | 'fail' | 'skipped'
  checks: Check[]
  data?: StepDataMap[Id]
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

/**
 * The data a step of a trace carries, typed for that step (`undefined` when the step never got that
 * far).
 *
 * @example
 * const conditions = stepData(await walk(getScenario('pull-request')), 'conditions')
 * conditions?.evaluation.decision // 'ImplicitDeny'
 */
export function stepData<Id extends StepId>(
  trace: { steps: readonly Step[] },
  id: Id,
): StepDataMap[Id] | undefined {
  return (trace.steps.find((s) => s.id === id) as Step<Id> | undefined)?.data
}

/**
 * A trace with more of one step: `checks` made before the ones it holds (the job's side of the
 * `issue` step, say) and `data` added to its own. A step that now has a failed check fails; a step
 * that had no checks and now has passing ones passes.
 *
 * @example
 * const composed = addToStep(stsTrace, 'issue', { checks: [minted], data: { token } })
 */
export function addToStep<Id extends StepId>(
  trace: Trace,
  id: Id,
  addition: { checks?: readonly Check[]; data?: Partial<StepDataMap[Id]> },
): Trace {
  const steps = trace.steps.map((step): Step => {
    if (step.id !== id) return step
    const checks = [...(addition.checks ?? []), ...step.checks]
    const status = checks.some((c) => !c.ok)
      ? 'fail'
      : step.status === 'skipped' && step.checks.length === 0 && checks.length > 0
        ? 'pass'
        : step.status
    const composed: Step = { id: step.id, status, checks }
    if (step.data !== undefined || addition.data !== undefined)
      composed.data = { ...step.data, ...addition.data } as StepDataMap[StepId]
    return composed
  })
  return { ...trace, steps }
}
