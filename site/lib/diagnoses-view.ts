/**
 * One rendering of the diagnoses (lib/explain `diagnose`), shared by the explainer and the walk's
 * advice panel: the cause, what happened, the fix, the proven conditions and the source — the
 * same entries `trustwalk explain` and `trustwalk walk` print under "Why".
 */
import type { Diagnosis, ProvenFix } from '../../lib/index.js'
import { el } from './dom.js'

const FORM: Record<ProvenFix['form'], string> = {
  'id-form': 'ID form',
  migration: 'Migration (both forms)',
}

function proofView(p: ProvenFix): HTMLElement {
  return el(
    'div',
    { class: 'proof', 'data-proof': p.form },
    el('strong', {}, `${FORM[p.form]}:`),
    el('pre', {}, el('code', {}, JSON.stringify(p.condition, null, 2))),
    el(
      'p',
      {},
      `Re-evaluated: this token ${p.decision}; the same run in the name form ${p.nameFormDecision}; a re-created repository with the same name (another id) ${p.otherRepositoryDecision}.`,
    ),
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
  const list = el('ul', {})
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
  return el('div', { class: 'why', 'data-why': '' }, el('strong', {}, 'Why: '), list)
}
