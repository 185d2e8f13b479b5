/**
 * The trust-policy playground: policy text + claims → the library's request context, evaluation
 * and guardrail, re-run on every keystroke.
 */
import {
  checkGuardrail,
  evaluateTrustPolicy,
  oidcProviderArn,
  PolicyDocumentError,
  requestContextFromToken,
  whatToChange,
} from '../../../lib/index.js'
import { CLAIM_PRESETS, findPreset, presetClaims } from '../../lib/claim-presets.js'
import { ACCOUNT_ID } from '../../lib/demo-world.js'
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

    let claims: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(claimsText)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('the claims must be a JSON object')
      }
      claims = parsed as Record<string, unknown>
      replace(claimsError)
    } catch (error) {
      replace(claimsError, `Claims: ${(error as Error).message}`)
      return
    }
    const iss =
      typeof claims.iss === 'string' ? claims.iss : 'https://token.actions.githubusercontent.com'
    const provider = { Url: iss, Arn: oidcProviderArn(ACCOUNT_ID, iss) }
    const context = requestContextFromToken(claims, provider, { roleSessionName: 'GitHubActions' })
    replace(find(root, '[data-context]'), highlightJson(JSON.stringify(context, null, 2)))

    const text = policyEditor.value()
    try {
      const evaluation = evaluateTrustPolicy(text, context)
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
      const edits = whatToChange(evaluation)
      replace(
        reason,
        evaluation.reason,
        edits.length
          ? el('ul', { class: 'edits' }, ...edits.map((edit) => el('li', {}, edit)))
          : null,
      )
      replace(find(root, '[data-evaluation]'), evaluationView(evaluation))
      root.dataset.decision = evaluation.decision
    } catch (error) {
      const problem = error instanceof PolicyDocumentError ? error : undefined
      policyEditor.mark(problem?.line ? { lines: new Map([[problem.line, 'error']]) } : {})
      replace(parseError, problem ? `MalformedPolicyDocument: ${problem.message}` : String(error))
      replace(decision, el('span', { class: 'fail' }, '✗ Not a valid policy'))
      replace(reason, 'IAM would refuse to save this document, so nothing is evaluated.')
      replace(find(root, '[data-evaluation]'))
      root.dataset.decision = 'invalid'
    }
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
    const preset = POLICY_PRESETS.find((p) => p.id === id)
    if (preset) policyEditor.setValue(preset.text)
  })
  for (const radio of root.querySelectorAll<HTMLInputElement>('[data-claims-preset]')) {
    radio.addEventListener('change', () => {
      if (radio.checked)
        claimsEditor.setValue(JSON.stringify(presetClaims(findPreset(radio.value)), null, 2))
    })
  }
  claimsEditor.setValue(claimsText)
}
