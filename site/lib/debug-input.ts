/**
 * What the debug page was given, read as the CLI reads it: the trust policy in any form `trustwalk
 * audit` accepts (lib/audit `extractTrustPolicies`: a policy, `aws iam get-role` output,
 * CloudFormation or Terraform JSON), and the claims from a token, the runner's `{"value": …}`
 * answer, the claims JSON a job printed, or `trustwalk decode --json` output. Also the share link's
 * fragment, which carries only a policy and claims — never a token. The explainer (chapter 10)
 * reads its claims box the same way.
 */
import {
  decodeJwt,
  extractToken,
  extractTrustPolicies,
  type ExtractedTrustPolicy,
} from '../../lib/index.js'

/** The name the pasted text goes by in messages and in `extractTrustPolicies`. */
const PASTED = 'pasted policy'

/** The trust policies found in the pasted text (several for a template with several roles). */
export interface PolicyInput {
  policies: ExtractedTrustPolicy[]
}

/**
 * The trust policies in the pasted text. A JSON object in which none is found is passed on as it
 * is, so that the policy parser names what is wrong with it (`MalformedPolicyDocument`).
 *
 * @throws {InvalidInputError} when the text is not JSON (with its line and column).
 * @example
 * readPolicyInput(getRoleOutput).policies[0].name // 'deploy' (the role's name)
 */
export function readPolicyInput(text: string): PolicyInput {
  const found = extractTrustPolicies(text, PASTED)
  if (found.length) return { policies: found }
  return {
    policies: [
      {
        name: 'the pasted policy',
        format: 'trust-policy',
        fileName: PASTED,
        path: '',
        document: text,
        locate: (path) => ({ path }),
        notes: [],
      },
    ],
  }
}

/** Where the claims came from. */
export type ClaimsForm = 'token' | 'value-body' | 'claims' | 'decode-json'

export interface ClaimsInput {
  form: ClaimsForm
  claims: Record<string, unknown>
  /** The token, when one was pasted (then its signature can be checked against a JWKS). */
  token?: string
}

/** How each form is named on the page. */
export const CLAIMS_FORM_LABEL: Record<ClaimsForm, string> = {
  token: 'a token',
  'value-body': 'the runner’s {"value": …} answer',
  claims: 'claims JSON',
  'decode-json': 'trustwalk decode --json output',
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The claims in the pasted text: a JSON object is claims (or `{"header", "payload"}` from
 * `trustwalk decode --json`), unless it holds the token in `value`, `id_token` or `token`; anything
 * else is a token (`Bearer ` prefix, quotes and line breaks allowed — lib `extractToken`).
 *
 * @throws {MalformedTokenError} for a token that cannot be decoded; an Error for other JSON.
 * @example
 * readClaimsInput('{"count":1,"value":"eyJ…"}').form // 'value-body'
 * readClaimsInput('{"sub":"repo:o/r:ref:refs/heads/main"}').form // 'claims'
 */
export function readClaimsInput(text: string): ClaimsInput {
  const trimmed = text.trim()
  if (trimmed === '')
    throw new Error('Paste a token, the runner’s {"value": …} answer, or the claims JSON.')
  if (trimmed.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch (error) {
      throw new Error(`This is not JSON: ${(error as Error).message}`)
    }
    if (!isObject(parsed)) throw new Error('The claims must be a JSON object.')
    const wrapped = ['value', 'id_token', 'token'].some((k) => typeof parsed[k] === 'string')
    if (wrapped) {
      const token = extractToken(trimmed)
      return { form: 'value-body', claims: decodeJwt(token).payload, token }
    }
    if (isObject(parsed.header) && isObject(parsed.payload)) {
      return { form: 'decode-json', claims: parsed.payload }
    }
    return { form: 'claims', claims: parsed }
  }
  const token = extractToken(trimmed)
  return { form: 'token', claims: decodeJwt(token).payload, token }
}

/** What a share link carries: the policy text and the claims — never a token. */
export interface SharedState {
  policy?: string
  claims?: string
}

/**
 * The URL fragment (`#…`, never sent to a server) for a share link.
 *
 * @example
 * shareFragment({ policy: '{…}', claims: '{"sub":"…"}' }) // '#policy=%7B…&claims=…'
 */
export function shareFragment(state: SharedState): string {
  const params = new URLSearchParams()
  if (state.policy !== undefined) params.set('policy', state.policy)
  if (state.claims !== undefined) params.set('claims', state.claims)
  return `#${params.toString()}`
}

/** The policy and claims a share link's fragment carries (nothing for another fragment). */
export function readShareFragment(hash: string): SharedState {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const policy = params.get('policy')
  const claims = params.get('claims')
  return {
    ...(policy !== null && { policy }),
    ...(claims !== null && { claims }),
  }
}
