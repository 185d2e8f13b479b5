/**
 * The debug page's views: STS's answer as the job sees it, the walk with the failing check, the
 * recognised causes (lib/explain's diagnoses, laid out as on every page), the
 * corrected policy the diagnosis proved, and the audit summary. Everything shown here was decided
 * by the library; these functions only lay it out.
 */
import {
  proofLabel,
  proofOutcome,
  stepInfo,
  type Check,
  type ClaimsExplanation,
  type Diagnosis,
  type Finding,
  type Trace,
} from '../../../lib/index.js'
import { checksList } from '../../lib/checks-view.js'
import { diagnosesList } from '../../lib/diagnoses-view.js'
import { el } from '../../lib/dom.js'
import { evaluationView } from '../../lib/evaluation-view.js'

/** STS's answer, exactly as the job's log shows it (code and message), or the credentials. */
export function answerView(trace: Trace): DocumentFragment {
  const out = document.createDocumentFragment()
  if (trace.outcome.ok) {
    const r = trace.outcome.response
    out.append(
      el('span', { class: 'ok' }, '✓ STS would return credentials'),
      ` for ${r.AssumedRoleUser.Arn}.`,
    )
    return out
  }
  const { error } = trace.outcome
  out.append(
    el('span', { class: 'fail' }, `✗ ${error.code}: `),
    el('code', { 'data-debug-message': '' }, error.message),
  )
  const failed = trace.steps.find((s) => s.status === 'fail')
  const check = failed?.checks.find((c) => !c.ok)
  if (failed)
    out.append(
      el('br'),
      el(
        'span',
        { class: 'stopped' },
        `STS stopped at step ${stepInfo(failed.id).number}, ${stepInfo(failed.id).title.toLowerCase()}`,
        check ? `: ${check.summary}` : '.',
      ),
    )
  return out
}

/** A step's checks: open when one failed, folded behind a summary when all passed. */
function stepChecks(status: string, checks: readonly Check[]): HTMLElement {
  if (status === 'fail') return checksList(checks)
  return el(
    'details',
    {},
    el('summary', {}, `${checks.length} check${checks.length === 1 ? '' : 's'} passed`),
    checksList(checks),
  )
}

/** The five steps as STS ran them: each check, and the trust policy's evaluation. */
export function walkView(e: ClaimsExplanation, note?: Check): HTMLElement {
  const list = el('ol', { class: 'debug-walk' })
  for (const step of e.trace.steps) {
    const info = stepInfo(step.id)
    const checks = step.id === 'discovery' && note ? [note, ...step.checks] : step.checks
    const status = step.status === 'pass' ? 'passed' : step.status === 'fail' ? 'failed' : 'skipped'
    const item = el(
      'li',
      { class: `debug-step ${step.status}`, 'data-step': step.id, 'data-status': step.status },
      el('strong', {}, `${info.title} — ${status}`),
      el('span', { class: 'step-summary' }, ` (${info.summary})`),
      checks.length ? stepChecks(step.status, checks) : null,
    )
    if (step.id === 'conditions') {
      const reached = step.checks.length > 0 && step.status !== 'skipped'
      if (!reached)
        item.append(el('p', {}, 'STS never got here; this is what the trust policy would decide:'))
      item.append(
        el(
          'p',
          {},
          'Trust policy: ',
          el('strong', { class: e.decision === 'Allow' ? 'ok' : 'fail' }, e.decision),
          ` — ${e.evaluation.reason}`,
        ),
        evaluationView(e.evaluation),
      )
    }
    list.append(item)
  }
  return list
}

/** The "Why" section: each recognised cause, as every page shows it (site/lib/diagnoses-view). */
export function diagnosesView(diagnoses: readonly Diagnosis[]): HTMLElement | undefined {
  return diagnoses.length ? diagnosesList(diagnoses, 'debug-why') : undefined
}

/** A block of text to copy: a `<pre>` and a button that puts its text on the clipboard. */
export function copyBlock(label: string, text: string): HTMLElement {
  const code = el('code', {}, text)
  const button = el('button', { type: 'button', class: 'btn copy' }, `Copy ${label}`)
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Select the text and copy it'),
    )
  })
  return el(
    'div',
    { class: 'copy-block' },
    button,
    el('pre', { class: 'json-view', tabindex: 0, 'aria-label': label }, code),
  )
}

/**
 * The corrected trust policies the diagnoses proved (each re-evaluated by lib/explain), or a
 * sentence saying why there is none.
 */
export function correctedView(
  diagnoses: readonly Diagnosis[],
  allowed: boolean,
  where: string,
): HTMLElement {
  const proofs = diagnoses.flatMap((d) => d.proofs ?? [])
  if (allowed) return el('p', {}, 'Nothing to correct: the trust policy lets this run in.')
  if (!proofs.length)
    return el(
      'p',
      {},
      'trustwalk proves no policy change for this cause: apply the fix above (it may be in the job, the provider or the token request rather than the policy).',
    )
  const box = el('div', {}, el('p', {}, `Paste one of these as ${where}:`))
  for (const p of proofs) {
    box.append(
      el('h3', {}, proofLabel(p)),
      el('p', {}, `Re-evaluated: ${proofOutcome(p)}.`),
      copyBlock('corrected policy', p.policy),
    )
  }
  return box
}

/** The audit findings at or above medium: title and the explanation's first sentence. */
export function auditView(findings: readonly Finding[]): HTMLElement {
  if (!findings.length)
    return el(
      'p',
      { 'data-audit-clean': '' },
      'The auditor finds nothing at or above medium severity: no other repository, branch, pull request or issuer it tried gets in.',
    )
  const list = el('ul', { class: 'debug-audit' })
  for (const f of findings) {
    const first = /^.*?[.!?](?=\s|$)/.exec(f.explanation)?.[0] ?? f.explanation
    list.append(
      el(
        'li',
        { 'data-finding': f.id },
        el('span', { class: `severity ${f.severity}` }, f.severity.toUpperCase()),
        ' ',
        el('strong', {}, f.title),
        el('p', {}, first),
      ),
    )
  }
  return list
}
