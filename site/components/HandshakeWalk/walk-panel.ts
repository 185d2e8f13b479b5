/** One station's panel: its checks, what to change when one failed, and what the step produced. */
import {
  stepInfo,
  stepData,
  type AssumeRoleWithWebIdentityResult,
  type Scenario,
  type StepId,
  type Trace,
} from '../../../lib/index.js'
import { checksList } from '../../lib/checks-view.js'
import { el } from '../../lib/dom.js'
import { evaluationView } from '../../lib/evaluation-view.js'
import { highlightJson } from '../../lib/json-highlight.js'
import { handOffToken } from '../../lib/token-handoff.js'
import { href } from '../../lib/paths.js'

/**
 * A station's panel; `scenario` (the one walked) lets the advice name the causes lib/explain
 * recognises (`diagnoseWalk`), as `trustwalk walk` prints them under "Why".
 */
export function stationPanel(
  trace: Trace,
  id: StepId,
  scenario?: Pick<Scenario, 'account'> & { roleArn?: string },
): DocumentFragment {
  const out = document.createDocumentFragment()
  const step = trace.steps.find((s) => s.id === id)
  const info = stepInfo(id)
  if (!step) return out
  const status = { pass: 'passed', fail: 'failed', skipped: 'skipped' }[step.status]
  out.append(
    el('h4', {}, `${info.number}. ${info.title} — ${status}`),
    el('p', {}, info.description),
  )
  if (step.status === 'skipped') {
    const failed = trace.steps.find((s) => s.status === 'fail')
    out.append(
      el(
        'p',
        { class: 'muted' },
        failed
          ? `Not reached: STS stopped at ${stepInfo(failed.id).title.toLowerCase()}, before this step.`
          : 'This step did not run.',
      ),
    )
  }
  if (step.checks.length) out.append(checksList(step.checks))
  const failedCheck = step.checks.find((c) => !c.ok)
  const evaluation = id === 'conditions' ? stepData(trace, 'conditions')?.evaluation : undefined
  const token = id === 'issue' ? stepData(trace, 'issue')?.token : undefined
  if (failedCheck) {
    // lib/explain loads on demand: only a failed walk needs its advice and diagnoses.
    const pending = el('span', { class: 'advice-pending' }, 'Loading the advice…')
    const advice = el('div', { class: 'advice' }, el('strong', {}, 'What to change: '), pending)
    const why = el('div', { class: 'why-pending' })
    if (scenario) advice.append(why)
    import('../../lib/walk-diagnoses.js').then(
      ({ walkAdviceView, walkWhyView }) => {
        pending.replaceWith(walkAdviceView(trace, failedCheck, evaluation))
        if (!scenario) return
        const view = walkWhyView(trace, scenario)
        if (view) why.replaceWith(view)
        else why.remove()
      },
      () => {
        pending.textContent = 'the advice could not be loaded (offline?): reload the page.'
        why.remove()
      },
    )
    out.append(advice)
  }
  if (evaluation) {
    const details = el(
      'details',
      { open: step.status === 'fail' },
      el('summary', {}, 'Every statement, condition and value of the trust policy'),
      evaluationView(evaluation),
    )
    out.append(details)
    const context = stepData(trace, 'conditions')?.requestContext
    if (context) out.append(requestContextView(context))
    // The evaluation and the advice cite "line 13, column 11": show the policy they count in.
    const policy = scenario ? policyText(scenario) : undefined
    if (policy) out.append(policyView(policy))
  }
  if (token !== undefined) {
    const button = el(
      'button',
      { type: 'button', class: 'btn' },
      'Open this token in the inspector',
    )
    button.addEventListener('click', () => {
      handOffToken(token)
      location.assign(href('inspect/'))
    })
    out.append(el('p', {}, button))
  }
  if (id === 'credentials' && trace.outcome.ok) out.append(responseView(trace.outcome.response))
  return out
}

/** The trust policy text IAM stored for the walked role (objects are stored as 2-space JSON). */
function policyText(
  scenario: Pick<Scenario, 'account'> & { roleArn?: string },
): string | undefined {
  const roles = scenario.account.roles ?? []
  const name = scenario.roleArn?.split('/').pop()
  const role = roles.find((r) => r.RoleName === name) ?? (roles.length === 1 ? roles[0] : undefined)
  const doc = role?.AssumeRolePolicyDocument
  if (doc === undefined) return undefined
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2)
}

/**
 * Every key STS put in the request context: those it took from the token's claims, and those it
 * took from the request itself, such as `aws:SourceIp` (the caller's address: the form's "Source IP").
 */
function requestContextView(context: object): HTMLElement {
  return el(
    'details',
    { class: 'request-context', 'data-request-context': '' },
    el('summary', {}, 'The request context: every key the conditions could test'),
    el(
      'pre',
      { class: 'json-view', tabindex: '0', 'aria-label': 'The request context' },
      highlightJson(JSON.stringify(context, null, 2)),
    ),
  )
}

function policyView(text: string): HTMLElement {
  const lines = text.split('\n')
  const width = String(lines.length).length
  return el(
    'details',
    { class: 'policy-text', 'data-policy-text': '' },
    el('summary', {}, 'The trust policy, with the line numbers cited above'),
    el(
      'pre',
      { tabindex: '0', 'aria-label': 'The trust policy, numbered' },
      ...lines.map((line, i) =>
        el(
          'span',
          { 'data-line': String(i + 1) },
          el(
            'span',
            { class: 'line-no', 'aria-hidden': 'true' },
            `${String(i + 1).padStart(width)}  `,
          ),
          `${line}\n`,
        ),
      ),
    ),
  )
}

function responseView(r: AssumeRoleWithWebIdentityResult): HTMLElement {
  const rows: [string, string][] = [
    ['AssumedRoleUser.Arn', r.AssumedRoleUser.Arn],
    ['AssumedRoleUser.AssumedRoleId', r.AssumedRoleUser.AssumedRoleId],
    ['Credentials.AccessKeyId', r.Credentials.AccessKeyId],
    ['Credentials.Expiration', r.Credentials.Expiration],
    ['SubjectFromWebIdentityToken', r.SubjectFromWebIdentityToken],
    ['Audience', r.Audience],
    ['Provider', r.Provider],
  ]
  const list = el('dl', { class: 'response' })
  for (const [name, value] of rows) list.append(el('dt', {}, name), el('dd', {}, value))
  return list
}
