/**
 * One rendering of the diagnoses (lib/explain `diagnose`), shared by the explainer and the walk's
 * advice panel: the cause, what happened, the fix, the proven conditions and the source — the
 * same entries `trustwalk explain` and `trustwalk walk` print under "Why".
 */
import { proofLabel, proofOutcome, type Diagnosis, type ProvenFix } from '../../lib/index.js'
import { el } from './dom.js'

function proofView(p: ProvenFix): HTMLElement {
  return el(
    'div',
    { class: 'proof', 'data-proof': p.form },
    el('strong', {}, `${proofLabel(p)}:`),
    el('pre', {}, el('code', {}, JSON.stringify(p.condition, null, 2))),
    el('p', {}, `Re-evaluated: ${proofOutcome(p)}.`),
  )
}

/**
 * A "Why" block listing each diagnosis; `undefined` when there is none.
 *
 * @example
 * const why = diagnosesView(diagnose(trace)); if (why) panel.append(why)
 */
export function diagnosesView(diagnoses: readonly Diagnosis[]): HTMLElement | undefined {
  if (!diagnoses.length) return undefined
  return el(
    'div',
    { class: 'why', 'data-why': '' },
    el('strong', {}, 'Why: '),
    diagnosesList(diagnoses),
  )
}

/**
 * The diagnoses as a list, one item each (`data-diagnosis` is its id), for a page that has its own
 * "Why" heading.
 */
export function diagnosesList(diagnoses: readonly Diagnosis[], className?: string): HTMLElement {
  const list = el('ul', className ? { class: className } : {})
  for (const d of diagnoses) {
    list.append(
      el(
        'li',
        { 'data-diagnosis': d.id },
        el('strong', {}, d.title),
        el('p', {}, d.explanation),
        el('p', {}, el('em', {}, 'Fix: '), d.fix),
        ...(d.proofs ?? []).map(proofView),
        el('p', { class: 'source' }, 'Source: ', el('a', { href: d.source }, d.source)),
      ),
    )
  }
  return list
}
