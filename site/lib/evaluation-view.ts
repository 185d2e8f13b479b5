/**
 * A PolicyEvaluation (from the library's `evaluateTrustPolicy`) as a readable tree — statement →
 * principal, action, conditions → values — each marked matched or not, in words and symbols. Also
 * the editor marks that point at the same places in the JSON.
 */
import type { PolicyEvaluation, StatementEvaluation } from '../../lib/index.js'
import { el, show, type Child } from './dom.js'
import type { EditorMarks, LineMark, SpanMark } from './policy-editor.js'

const yes = (ok: boolean, label?: string): HTMLElement =>
  el(
    'span',
    { class: ok ? 'mark-ok' : 'mark-no' },
    el('span', { 'aria-hidden': 'true' }, ok ? '✓ ' : '✗ '),
    label ?? (ok ? 'matches' : 'does not match'),
  )

function statementView(statement: StatementEvaluation): HTMLElement {
  const title = `Statement ${statement.index}${statement.sid ? ` “${statement.sid}”` : ''}: ${statement.effect}`
  const conditions = el('ul', { class: 'eval-conditions' })
  for (const condition of statement.conditions) {
    const values = el('ul', { class: 'eval-values' })
    for (const value of condition.values) {
      values.append(
        el(
          'li',
          {},
          yes(value.matched, value.matched ? 'value matches' : 'value does not match'),
          ' ',
          el('code', {}, value.value),
          value.resolved ? ` (→ ${value.resolved})` : '',
          value.problem ? el('span', { class: 'eval-problem' }, ` ${value.problem}`) : '',
        ),
      )
    }
    const context: Child = condition.present
      ? el(
          'span',
          { class: 'eval-context' },
          'request has ',
          el('code', {}, show(condition.contextValue)),
        )
      : el(
          'span',
          { class: 'eval-context absent' },
          condition.absentReason ?? 'the request has no such key',
        )
    conditions.append(
      el(
        'li',
        { 'data-condition': condition.key },
        yes(condition.matched, condition.matched ? 'holds' : 'fails'),
        ' ',
        el('code', {}, condition.operator),
        ' ',
        el('code', { class: 'eval-key' }, condition.key),
        el('div', { class: 'eval-reason' }, condition.reason),
        el('div', {}, context),
        values,
      ),
    )
  }
  return el(
    'li',
    { class: statement.applies ? 'eval-statement applies' : 'eval-statement' },
    el(
      'div',
      { class: 'eval-title' },
      yes(statement.applies, statement.applies ? 'applies' : 'does not apply'),
      ' — ',
      title,
    ),
    el('div', { class: 'eval-reason' }, statement.reason),
    el(
      'ul',
      { class: 'eval-elements' },
      el(
        'li',
        {},
        yes(statement.principal.matched),
        ' ',
        el('strong', {}, statement.principal.element),
        ' — ',
        statement.principal.reason,
      ),
      el(
        'li',
        {},
        yes(statement.action.matched),
        ' ',
        el('strong', {}, statement.action.element),
        ' — ',
        statement.action.reason,
      ),
      statement.conditions.length
        ? el(
            'li',
            {},
            yes(
              statement.conditionsMatched,
              statement.conditionsMatched ? 'all conditions hold' : 'a condition fails',
            ),
            ' ',
            el('strong', {}, 'Condition'),
            conditions,
          )
        : el('li', {}, el('strong', {}, 'Condition'), ' — none'),
    ),
  )
}

/** The whole evaluation: decision, reason, every statement, notes and warnings. */
export function evaluationView(evaluation: PolicyEvaluation): HTMLElement {
  const list = el('ol', { class: 'eval-statements' })
  for (const statement of evaluation.statements) list.append(statementView(statement))
  const extra = el('ul', { class: 'eval-notes' })
  for (const other of evaluation.additionalActions) {
    extra.append(el('li', {}, `${other.action}: ${other.decision} — ${other.why}`))
  }
  for (const note of evaluation.notes) extra.append(el('li', {}, note))
  for (const warning of evaluation.warnings)
    extra.append(
      el(
        'li',
        { class: 'eval-warning' },
        show((warning as { message?: string }).message ?? warning),
      ),
    )
  return el('div', { class: 'evaluation' }, list, extra.childElementCount ? extra : null)
}

/** Editor marks: each condition key and value underlined, each line with a ✓ or ✗ in the gutter. */
export function evaluationMarks(evaluation: PolicyEvaluation): EditorMarks {
  const lines = new Map<number, LineMark>()
  const spans = new Map<number, SpanMark>()
  const put = (line: number, ok: boolean) => {
    if (lines.get(line) !== 'miss') lines.set(line, ok ? 'match' : 'miss')
  }
  for (const statement of evaluation.statements) {
    for (const element of [statement.principal, statement.action]) {
      put(element.location.line, element.matched)
      spans.set(element.location.offset, element.matched ? 'match' : 'miss')
    }
    for (const condition of statement.conditions) {
      spans.set(condition.location.offset, condition.matched ? 'match' : 'miss')
      put(condition.location.line, condition.matched)
      for (const value of condition.values) {
        spans.set(value.location.offset, value.matched ? 'match' : 'miss')
        put(value.location.line, value.matched)
      }
    }
  }
  return { lines, spans }
}
