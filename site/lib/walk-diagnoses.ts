/**
 * The walk's advice for a failed check — what to change (lib/explain `adviceFor`, `whatToChange`)
 * and why (`diagnoseWalk`) — in a module of its own, so that pages load lib/explain only when a
 * walk fails and its advice is shown (the 80 KB page budget).
 */
import {
  adviceFor,
  diagnoseWalk,
  whatToChange,
  type Check,
  type PolicyEvaluation,
  type Scenario,
  type Trace,
} from '../../lib/index.js'
import { el } from './dom.js'
import { diagnosesView } from './diagnoses-view.js'

/** What to change after `failed`: the check's advice, then the trust policy's edits, if any. */
export function walkAdviceView(
  trace: Trace,
  failed: Check,
  evaluation: PolicyEvaluation | undefined,
): DocumentFragment {
  const out = document.createDocumentFragment()
  out.append(adviceFor(failed, trace.outcome.ok ? {} : { error: trace.outcome.error }))
  const edits = evaluation ? whatToChange(evaluation) : []
  if (edits.length) out.append(el('ul', {}, ...edits.map((edit) => el('li', {}, edit))))
  return out
}

/** The causes lib/explain recognises behind a walked scenario's failure, rendered; or nothing. */
export function walkWhyView(
  trace: Trace,
  scenario: Pick<Scenario, 'account'> & { roleArn?: string },
): HTMLElement | undefined {
  return diagnosesView(diagnoseWalk(trace, scenario))
}
