/** The one-line result of a walk: STS's answer, as the job would see it. */
import { stepInfo, type Trace } from '../../../lib/index.js'
import { el } from '../../lib/dom.js'

export function outcomeView(trace: Trace | undefined, problem?: string): DocumentFragment {
  const out = document.createDocumentFragment()
  if (!trace) {
    out.append(el('span', { class: 'fail' }, '✗ This run cannot exist: '), problem ?? '')
    return out
  }
  if (trace.outcome.ok) {
    const r = trace.outcome.response
    out.append(
      el('span', { class: 'ok' }, '✓ STS returned credentials'),
      ` for ${r.AssumedRoleUser.Arn}, valid until ${r.Credentials.Expiration}.`,
    )
    return out
  }
  const error = trace.outcome.error
  const failed = trace.steps.find((s) => s.status === 'fail')
  const check = failed?.checks.find((c) => !c.ok)
  out.append(
    el('span', { class: 'fail' }, `✗ STS answered ${error.status} ${error.code}: `),
    el('code', {}, error.message),
  )
  if (failed) {
    out.append(
      el('br'),
      `Stopped at ${stepInfo(failed.id).title.toLowerCase()}`,
      check ? `: ${check.summary}` : '.',
    )
  }
  return out
}
