/**
 * The trust-policy playground: policy text + claims → the library's `evaluateClaims` (request
 * context, evaluation, what to change) and guardrail, re-run on every keystroke.
 */
import { checkGuardrail, evaluateClaims, type ClaimsEvaluation } from '../../../lib/index.js'
import { CLAIM_PRESETS, findPreset, presetClaims } from '../../lib/claim-presets.js'
import { el, find, replace } from '../../lib/dom.js'
import { evaluationMarks, evaluationView } from '../../lib/evaluation-view.js'
import { highlightJson } from '../../lib/json-highlight.js'
import { createJsonEditor, type JsonEditor } from '../../lib/policy-editor.js'
import { POLICY_PRESETS } from '../../lib/policy-presets.js'

export function initPolicyPlayground(root: HTMLElement): void {
  const [policyRoot, claimsRoot] = [...root.querySelectorAll<HTMLElement>('[data-json-editor]')]
  if (!policyRoot || !claimsRoot) return
  let claimsText = JSON.stringify(presetClaims(CLAIM_PRESETS[0]!), null, 2)
  const policyEditor: JsonEditor = createJsonEditor(policyRoot, () => update())
  const claimsEditor: JsonEditor = createJsonEditor(claimsRoot, (text) => {
    claimsText = text
    update()
  })

  function update(): void {
    const decision = find(root, '[data-decision]')
    const reason = find(root, '[data-reason]')
    const parseError = find(root, '[data-parse-error]')
    const claimsError = find(root, '[data-claims-error]')

    /** The claims cannot be evaluated: say so everywhere a result would be, never keep the last. */
    const noClaims = (message: string): void => {
      replace(claimsError, `Claims: ${message}`)
      replace(decision, el('span', { class: 'fail' }, '✗ No decision: the claims are not valid'))
      replace(
        reason,
        `Nothing is evaluated until the claims are a JSON object again (${message}). Fix them under “See or edit the claims”, or pick a preset.`,
      )
      replace(find(root, '[data-context]'))
      replace(
        find(root, '[data-evaluation]'),
        el(
          'p',
          { class: 'muted', 'data-no-result': '' },
          'No evaluation: the claims are not valid.',
        ),
      )
      policyEditor.mark({})
      renderGuardrail(policyEditor.value())
      root.dataset.decision = 'invalid-claims'
    }

    let claims: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(claimsText)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('the claims must be a JSON object')
      }
      claims = parsed as Record<string, unknown>
      replace(claimsError)
    } catch (error) {
      noClaims((error as Error).message)
      return
    }
    const text = policyEditor.value()
    let result: ClaimsEvaluation
    try {
      result = evaluateClaims(text, claims)
    } catch (error) {
      noClaims((error as Error).message)
      return
    }
    replace(
      find(root, '[data-context]'),
      highlightJson(JSON.stringify(result.requestContext, null, 2)),
    )

    if (result.ok) {
      const { evaluation } = result
      replace(parseError)
      policyEditor.mark(evaluationMarks(evaluation))
      const allowed = evaluation.decision === 'Allow'
      replace(
        decision,
        el(
          'span',
          { class: allowed ? 'ok' : 'fail' },
          allowed ? '✓ Allow' : `✗ ${evaluation.decision}`,
        ),
      )
      const edits = result.whatToChange
      replace(
        reason,
        evaluation.reason,
        edits.length
          ? el('ul', { class: 'edits' }, ...edits.map((edit) => el('li', {}, edit)))
          : null,
      )
      replace(find(root, '[data-evaluation]'), evaluationView(evaluation))
      root.dataset.decision = evaluation.decision
    } else {
      const problem = result.error
      policyEditor.mark(problem.line ? { lines: new Map([[problem.line, 'error']]) } : {})
      replace(parseError, `MalformedPolicyDocument: ${problem.message}`)
      replace(decision, el('span', { class: 'fail' }, '✗ Not a valid policy'))
      replace(reason, 'IAM would refuse to save this document, so nothing is evaluated.')
      replace(
        find(root, '[data-evaluation]'),
        el(
          'p',
          { class: 'muted', 'data-no-result': '' },
          `No evaluation: IAM would refuse this policy${problem.line ? ` (line ${problem.line})` : ''}. Fix it and every statement, condition and value is shown again.`,
        ),
      )
      root.dataset.decision = 'invalid'
    }
    renderGuardrail(policyEditor.value())
  }

  /** AWS's write-time check reads only the policy, so it is shown whatever the claims are. */
  function renderGuardrail(text: string): void {
    const guard = guardrail(text)
    replace(
      find(root, '[data-guardrail]'),
      el('span', { class: guard.ok ? 'ok' : 'fail' }, guard.ok ? '✓ Accepted' : '✗ Refused'),
    )
    replace(
      find(root, '[data-guardrail-reason]'),
      guard.ok
        ? 'IAM would let you create this role. That is not a review: the guardrail accepts repo:* too.'
        : (guard.message ?? ''),
    )
  }

  function guardrail(text: string): { ok: boolean; message?: string } {
    try {
      return checkGuardrail(text)
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  }

  find<HTMLSelectElement>(root, '[data-policy-preset]').addEventListener('change', (event) => {
    const id = (event.target as HTMLSelectElement).value
    const select = event.target as HTMLSelectElement
    // Another CI system's preset carries its text (rendered at build time from the library).
    const text =
      POLICY_PRESETS.find((p) => p.id === id)?.text ?? select.selectedOptions[0]?.dataset.text
    if (text !== undefined) policyEditor.setValue(text)
  })
  for (const radio of root.querySelectorAll<HTMLInputElement>('[data-claims-preset]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return
      const claims = radio.dataset.claims
        ? (JSON.parse(radio.dataset.claims) as Record<string, unknown>)
        : presetClaims(findPreset(radio.value))
      claimsEditor.setValue(JSON.stringify(claims, null, 2))
    })
  }
  claimsEditor.setValue(claimsText)
}
