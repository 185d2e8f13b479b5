/**
 * One rendering of a list of Checks (lib/core/trace.ts), shared by the walk, the signature
 * lab and the discovery viewer: the learner sentence, expected vs actual, and the source link.
 */
import type { Check } from '../../lib/index.js'
import { el, show } from './dom.js'

/** A check's values for display; long strings (tokens, keys) are shortened in the middle. */
export function shortValue(value: unknown, max = 160): string {
  const text = show(value)
  return text.length > max ? `${text.slice(0, max / 2)}…${text.slice(-max / 2 + 10)}` : text
}

/** `<ol>` of checks with ✓ / ✗ marks that do not rely on colour alone. */
export function checksList(checks: readonly Check[]): HTMLOListElement {
  const list = el('ol', { class: 'checks' })
  for (const check of checks) {
    const item = el(
      'li',
      { class: check.ok ? 'check ok' : 'check fail', 'data-check': check.id },
      el('span', { class: 'mark', 'aria-hidden': 'true' }, check.ok ? '✓' : '✗'),
      el('span', { class: 'visually-hidden' }, check.ok ? 'Passed: ' : 'Failed: '),
      el('span', { class: 'summary' }, check.summary),
    )
    const details = el('div', { class: 'check-details' })
    if (check.expected !== undefined || check.actual !== undefined) {
      const rows = el('dl', { class: 'expected-actual' })
      if (check.expected !== undefined)
        rows.append(
          el('dt', {}, 'Expected'),
          el('dd', { class: 'mono' }, shortValue(check.expected)),
        )
      if (check.actual !== undefined)
        rows.append(el('dt', {}, 'Actual'), el('dd', { class: 'mono' }, shortValue(check.actual)))
      details.append(rows)
    }
    details.append(el('code', { class: 'check-id' }, check.id))
    if (check.source) {
      details.append(
        ' · ',
        el('a', { href: check.source, rel: 'noreferrer noopener', target: '_blank' }, 'source'),
      )
    }
    item.append(details)
    list.append(item)
  }
  return list
}

/** The first failed check, if any. */
export function firstFailure(checks: readonly Check[]): Check | undefined {
  return checks.find((c) => !c.ok)
}
