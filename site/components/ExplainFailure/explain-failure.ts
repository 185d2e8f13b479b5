/**
 * The explainer: policy + claims (or a token) → the library's `evaluateClaims` (lib/explain) and
 * `explainEvaluation`, the lines `trustwalk explain` prints, and under "Why" the causes lib/explain
 * recognises (`diagnose`), as the CLI prints them.
 */
import {
  NOT_AUTHORIZED,
  diagnose,
  evaluateClaims,
  explainEvaluation,
  type ClaimsEvaluation,
} from '../../../lib/index.js'
import { readClaimsInput } from '../../lib/debug-input.js'
import { diagnosesView } from '../../lib/diagnoses-view.js'
import { el, find, replace } from '../../lib/dom.js'

export function initExplainFailure(root: HTMLElement): void {
  const policyInput = find<HTMLTextAreaElement>(root, '[data-explain-policy]')
  const claimsInput = find<HTMLTextAreaElement>(root, '[data-explain-claims]')
  const decision = find(root, '[data-explain-decision]')
  const output = find(root, '[data-explain-output]')
  const why = find(root, '[data-explain-why]')

  const update = () => {
    let claims: Record<string, unknown>
    try {
      claims = readClaimsInput(claimsInput.value).claims
    } catch (error) {
      replace(decision, el('span', { class: 'fail' }, 'Cannot read the claims'))
      replace(output, (error as Error).message)
      replace(why)
      return
    }
    const invalid = (message: string) => {
      replace(decision, el('span', { class: 'fail' }, 'MalformedPolicyDocument'))
      replace(output, message)
      replace(why)
      root.dataset.decision = 'invalid'
    }
    let result: ClaimsEvaluation
    try {
      result = evaluateClaims(policyInput.value, claims)
    } catch (error) {
      return invalid((error as Error).message)
    }
    if (result.ok) {
      const { evaluation } = result
      const allowed = evaluation.decision === 'Allow'
      replace(
        decision,
        el(
          'span',
          { class: allowed ? 'ok' : 'fail' },
          allowed
            ? '✓ Allowed: STS would issue credentials (if the token is genuine and fresh).'
            : `✗ ${evaluation.decision}: STS answers “${NOT_AUTHORIZED}”.`,
        ),
      )
      replace(output, explainEvaluation(evaluation).join('\n'))
      const diagnoses = diagnose(undefined, {
        claims,
        evaluation,
        policy: policyInput.value,
        requestContext: result.requestContext,
      })
      replace(why, diagnosesView(diagnoses))
      root.dataset.decision = evaluation.decision
    } else {
      invalid(result.error.message)
    }
  }
  policyInput.addEventListener('input', update)
  claimsInput.addEventListener('input', update)
  update()
}
