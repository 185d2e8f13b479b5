/**
 * The walk's "Why" (lib/explain `diagnoseWalk`), in a module of its own so that pages load the
 * diagnosis catalogue only when a walk fails and its advice is shown (the 80 KB page budget).
 */
import { diagnoseWalk, type Scenario, type Trace } from '../../lib/index.js'
import { diagnosesView } from './diagnoses-view.js'

/** The causes lib/explain recognises behind a walked scenario's failure, rendered; or nothing. */
export function walkWhyView(
  trace: Trace,
  scenario: Pick<Scenario, 'account'> & { roleArn?: string },
): HTMLElement | undefined {
  return diagnosesView(diagnoseWalk(trace, scenario))
}
