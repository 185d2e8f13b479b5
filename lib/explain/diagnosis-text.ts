/**
 * A diagnosis in plain lines — "Why" in `trustwalk explain` and `trustwalk walk` — so every
 * surface words the cause, the fix, the proven conditions and the source the same way.
 */
import type { Diagnosis, ProvenFix } from './diagnoses.js'

const FORM_LABEL: Record<ProvenFix['form'], string> = {
  'id-form': 'ID form',
  migration: 'Migration (both forms)',
}

/**
 * What a proven fix is called, on every surface.
 *
 * @example
 * proofLabel(proof) // 'Migration (both forms)'
 */
export function proofLabel(p: ProvenFix): string {
  return FORM_LABEL[p.form]
}

/**
 * What re-running the evaluation with a proven fix gave, on every surface.
 *
 * @example
 * proofOutcome(proof) // 'this token Allow; the same run in the name form Allow; a re-created repository with the same name (another id) ImplicitDeny'
 */
export function proofOutcome(p: ProvenFix): string {
  return `this token ${p.decision}; the same run in the name form ${p.nameFormDecision}; a re-created repository with the same name (another id) ${p.otherRepositoryDecision}`
}

/**
 * What a proven fix shows: the condition to write and the decisions the evaluation gave with it.
 *
 * @example
 * proofLines(proof) // ['ID form: {"StringEquals":{…}}', '  re-evaluated: this token Allow; …']
 */
export function proofLines(p: ProvenFix): string[] {
  return [`${proofLabel(p)}: ${JSON.stringify(p.condition)}`, `  re-evaluated: ${proofOutcome(p)}`]
}

/**
 * One diagnosis as lines: title, explanation, fix, proofs, source (no bullets, no indentation).
 *
 * @example
 * diagnosisLines(diagnose(trace)[0])
 * // ['The job declares an environment, so its sub no longer names the branch', 'A job with …', 'Fix: …', 'Source: https://…']
 */
export function diagnosisLines(d: Diagnosis): string[] {
  return [
    d.title,
    d.explanation,
    `Fix: ${d.fix}`,
    ...(d.proofs ?? []).flatMap(proofLines),
    `Source: ${d.source}`,
  ]
}
