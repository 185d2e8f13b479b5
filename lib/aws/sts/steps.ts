/**
 * Turning the checks STS made, in the order it made them, into the five-step Trace (CONTRACTS.md
 * "The trace convention"): checks are grouped by their id prefix; a step with a failed check is
 * `fail`; a step with no checks never ran and is `skipped`; a step that comes after the failing
 * one and had not finished is `skipped` too, keeping the checks it did make.
 */
import type { StsError } from '../../core/errors.js'
import {
  STEP_IDS,
  type AssumeRoleWithWebIdentityResult,
  type Check,
  type Step,
  type StepDataMap,
  type StepId,
  type Trace,
} from '../../core/trace.js'
import type {} from './step-data.js'

/**
 * The step a check belongs to: the part of its id before the first dot.
 *
 * @example
 * stepOf({ id: 'verify.aud-in-client-ids', ok: true, summary: '' }) // 'verify'
 */
export function stepOf(check: Check): StepId | undefined {
  const prefix = check.id.split('.')[0] as StepId
  return STEP_IDS.includes(prefix) ? prefix : undefined
}

/**
 * Build a Trace from checks (in the order they ran), the outcome and per-step data.
 *
 * @example
 * assembleTrace(checks, { ok: false, error }, { issue: { claims } }).steps.map((s) => s.status)
 * // ['skipped', 'pass', 'fail', 'skipped', 'skipped']
 */
export function assembleTrace(
  checks: readonly Check[],
  outcome: { ok: true; response: AssumeRoleWithWebIdentityResult } | { ok: false; error: StsError },
  data: Partial<StepDataMap> = {},
): Trace {
  const byStep = new Map<StepId, Check[]>(STEP_IDS.map((id) => [id, []]))
  for (const check of checks) byStep.get(stepOf(check) ?? 'issue')!.push(check)
  const failing = STEP_IDS.findIndex((id) => byStep.get(id)!.some((c) => !c.ok))
  const steps: Step[] = STEP_IDS.map((id, index) => {
    const stepChecks = byStep.get(id)!
    let status: Step['status']
    if (stepChecks.some((c) => !c.ok)) status = 'fail'
    else if (stepChecks.length === 0) status = 'skipped'
    // STS reads the request and the token (issue) before it fetches anything (discovery), so the
    // issue step is complete even when discovery, shown before it, fails.
    else if (failing >= 0 && index > failing && id !== 'issue') status = 'skipped'
    else status = 'pass'
    const step: Step = { id, status, checks: stepChecks }
    if (data[id] !== undefined) step.data = data[id]
    return step
  })
  if (!outcome.ok && failing < 0) {
    // An error with no failed check would leave the trace claiming success; never let that pass.
    throw new Error(`assembleTrace: outcome ${outcome.error.code} has no failed check`)
  }
  return {
    steps,
    outcome: outcome.ok
      ? { ok: true, response: outcome.response }
      : { ok: false, error: outcome.error.toJSON() },
  }
}
