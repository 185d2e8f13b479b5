/**
 * The explainer: policy + claims (or a token) → the library's `evaluateTrustPolicy` and
 * `explainEvaluation`, the lines `trustwalk explain` prints.
 */
import {
  decodeJwt,
  evaluateTrustPolicy,
  explainEvaluation,
  extractToken,
  oidcProviderArn,
  requestContextFromToken,
} from '../../../lib/index.js'
import { ACCOUNT_ID } from '../../lib/demo-world.js'
import { el, find, replace } from '../../lib/dom.js'

/** Claims from pasted JSON, or from a pasted token's payload. */
export function readClaims(text: string): Record<string, unknown> {
  const trimmed = text.trim()
  if (trimmed.startsWith('{') && !/"value"\s*:/.test(trimmed)) {
    const parsed: unknown = JSON.parse(trimmed)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the claims must be a JSON object')
    }
    return parsed as Record<string, unknown>
  }
  return decodeJwt(extractToken(trimmed)).payload
}

/** The provider the policy names for this issuer (so the account matches), else an example one. */
export function providerArnIn(policyText: string, iss: string): string {
  const host = iss.replace(/^https:\/\//, '')
  for (const match of policyText.matchAll(/arn:aws[\w-]*:iam::\d{12}:oidc-provider\/[^"\s]+/g)) {
    if (match[0].endsWith(`oidc-provider/${host}`)) return match[0]
  }
  return oidcProviderArn(ACCOUNT_ID, iss)
}

export function initExplainFailure(root: HTMLElement): void {
  const policyInput = find<HTMLTextAreaElement>(root, '[data-explain-policy]')
  const claimsInput = find<HTMLTextAreaElement>(root, '[data-explain-claims]')
  const decision = find(root, '[data-explain-decision]')
  const output = find(root, '[data-explain-output]')

  const update = () => {
    let claims: Record<string, unknown>
    try {
      claims = readClaims(claimsInput.value)
    } catch (error) {
      replace(decision, el('span', { class: 'fail' }, 'Cannot read the claims'))
      replace(output, (error as Error).message)
      return
    }
    const iss =
      typeof claims.iss === 'string' ? claims.iss : 'https://token.actions.githubusercontent.com'
    const context = requestContextFromToken(
      claims,
      { Url: iss, Arn: providerArnIn(policyInput.value, iss) },
      { roleSessionName: 'GitHubActions' },
    )
    try {
      const evaluation = evaluateTrustPolicy(policyInput.value, context)
      const allowed = evaluation.decision === 'Allow'
      replace(
        decision,
        el(
          'span',
          { class: allowed ? 'ok' : 'fail' },
          allowed
            ? '✓ Allowed: STS would issue credentials (if the token is genuine and fresh).'
            : `✗ ${evaluation.decision}: STS answers “Not authorized to perform sts:AssumeRoleWithWebIdentity”.`,
        ),
      )
      replace(output, explainEvaluation(evaluation).join('\n'))
      root.dataset.decision = evaluation.decision
    } catch (error) {
      replace(decision, el('span', { class: 'fail' }, 'MalformedPolicyDocument'))
      replace(output, (error as Error).message)
      root.dataset.decision = 'invalid'
    }
  }
  policyInput.addEventListener('input', update)
  claimsInput.addEventListener('input', update)
  update()
}
