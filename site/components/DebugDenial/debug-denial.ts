/**
 * "Debug a denial": the pasted trust policy (any form `trustwalk audit` reads) and the token or
 * claims go through lib/explain `explainClaims` — the real AssumeRoleWithWebIdentity, as
 * `trustwalk explain` runs it — and `diagnoseExplanation`; the page shows STS's exact answer, the
 * walk, the causes, the proven policy and, on request, the audit. Nothing is fetched: a token's
 * signature is checked only against a JWKS the reader pastes, served to the verifier in memory.
 * Nothing goes into the URL or storage unless the reader asks for a share link, and that link
 * carries the policy and the claims, never a token.
 */
import {
  diagnoseExplanation,
  discoveryUrl,
  explainClaims,
  fixedClock,
  type Check,
  type ClaimsExplanation,
  type ExtractedTrustPolicy,
  type Fetch,
} from '../../../lib/index.js'
import {
  CLAIMS_FORM_LABEL,
  readClaimsInput,
  readPolicyInput,
  readShareFragment,
  shareFragment,
  type ClaimsInput,
} from '../../lib/debug-input.js'
import { el, find, replace } from '../../lib/dom.js'
import { answerView, auditView, correctedView, diagnosesView, walkView } from './debug-view.js'

/** Where the pasted keys are served from, inside this page only (`.invalid` never resolves). */
const PASTED_JWKS_URL = 'https://pasted-jwks.trustwalk.invalid/jwks'

/** Discovery checks that describe the in-memory document rather than the issuer (as the CLI's --jwks). */
const SYNTHETIC_DISCOVERY = new Set([
  'discovery.configuration-fetched',
  'discovery.configuration-json',
  'discovery.issuer-matches',
  'discovery.jwks-uri',
  'discovery.jwks-fetched',
])

/** A `fetch` that answers discovery for `issuer` with the pasted keys, and nothing else. */
function pastedKeys(issuer: string, jwks: string): Fetch {
  const configuration = discoveryUrl(issuer)
  return async (input) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === configuration) return Response.json({ issuer, jwks_uri: PASTED_JWKS_URL })
    if (url === PASTED_JWKS_URL)
      return new Response(jwks, { headers: { 'content-type': 'application/json' } })
    return new Response('This page fetches nothing.', { status: 404 })
  }
}

const FORMAT_LABEL: Record<ExtractedTrustPolicy['format'], string> = {
  'trust-policy': 'a trust policy',
  'get-role': 'aws iam get-role output',
  'list-roles': 'aws iam list-roles output',
  'authorization-details': 'aws iam get-account-authorization-details output',
  cloudformation: 'a CloudFormation template',
  terraform: 'Terraform JSON',
  'terraform-show': 'terraform show -json output',
}

export function initDebugDenial(root: HTMLElement): void {
  const policyInput = find<HTMLTextAreaElement>(root, '[data-debug-policy]')
  const claimsInput = find<HTMLTextAreaElement>(root, '[data-debug-claims]')
  const jwksInput = find<HTMLTextAreaElement>(root, '[data-debug-jwks]')
  const atIat = find<HTMLInputElement>(root, '[data-debug-at-iat]')
  const sourceIpInput = find<HTMLInputElement>(root, '[data-debug-source-ip]')
  const roleField = find(root, '[data-debug-role-field]')
  const roleSelect = find<HTMLSelectElement>(root, '[data-debug-role]')
  const policyNote = find(root, '[data-debug-policy-note]')
  const claimsNote = find(root, '[data-debug-claims-note]')
  const answer = find(root, '[data-debug-answer]')
  const why = find(root, '[data-debug-why]')
  const changes = find(root, '[data-debug-changes]')
  const corrected = find(root, '[data-debug-corrected]')
  const walk = find(root, '[data-debug-walk]')
  const auditButton = find<HTMLButtonElement>(root, '[data-debug-audit]')
  const auditOutput = find(root, '[data-debug-audit-output]')
  const shareButton = find<HTMLButtonElement>(root, '[data-debug-share]')
  const shareStatus = find(root, '[data-debug-share-status]')

  let policies: ExtractedTrustPolicy[] = []
  let claimsRead: ClaimsInput | undefined
  let run = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const chosen = (): ExtractedTrustPolicy | undefined =>
    policies[Number(roleSelect.value) || 0] ?? policies[0]

  const clearResult = (message: string, state: string) => {
    replace(answer, message)
    replace(why)
    replace(changes)
    replace(corrected)
    replace(walk)
    root.dataset.state = state
  }

  const readPolicy = (): boolean => {
    const previous = roleSelect.value
    try {
      policies = policyInput.value.trim() ? readPolicyInput(policyInput.value).policies : []
    } catch (error) {
      policies = []
      replace(policyNote, el('span', { class: 'fail' }, (error as Error).message))
      roleField.hidden = true
      return false
    }
    roleSelect.replaceChildren(
      ...policies.map((p, i) =>
        el('option', { value: String(i) }, `${p.name} (${p.path || 'the whole document'})`),
      ),
    )
    if (previous && Number(previous) < policies.length) roleSelect.value = previous
    roleField.hidden = policies.length < 2
    const first = policies[0]
    replace(
      policyNote,
      first
        ? policies.length > 1
          ? `Read as ${FORMAT_LABEL[first.format]} holding ${policies.length} trust policies: pick the role below.`
          : `Read as ${FORMAT_LABEL[first.format]}${first.format === 'trust-policy' ? '' : ` (role ${first.name})`}.`
        : '',
    )
    root.dataset.policyFormat = first?.format ?? ''
    return policies.length > 0
  }

  const readClaims = (): boolean => {
    try {
      claimsRead = claimsInput.value.trim() ? readClaimsInput(claimsInput.value) : undefined
    } catch (error) {
      claimsRead = undefined
      replace(claimsNote, el('span', { class: 'fail' }, (error as Error).message))
      root.dataset.claimsForm = ''
      return false
    }
    root.dataset.claimsForm = claimsRead?.form ?? ''
    replace(
      claimsNote,
      claimsRead
        ? `Read as ${CLAIMS_FORM_LABEL[claimsRead.form]}${claimsRead.token ? ': decoded here; its signature is checked only against keys you paste below.' : '.'}`
        : '',
    )
    return claimsRead !== undefined
  }

  const update = async () => {
    const mine = ++run
    replace(auditOutput)
    auditButton.disabled = true
    const policyOk = readPolicy()
    const claimsOk = readClaims()
    const policy = chosen()
    if (!policyOk || !claimsOk || !policy || !claimsRead) {
      clearResult('Paste a trust policy and a token or its claims above.', 'waiting')
      return
    }
    root.dataset.state = 'working'
    const { claims, token } = claimsRead
    const jwks = jwksInput.value.trim()
    const sourceIp = sourceIpInput.value.trim()
    const verify = token !== undefined && jwks !== ''
    const iss = typeof claims.iss === 'string' ? claims.iss : ''
    const iat = typeof claims.iat === 'number' ? claims.iat : undefined
    let explanation: ClaimsExplanation
    try {
      explanation = await explainClaims({
        policy: policy.document,
        claims,
        ...(verify && {
          token,
          fetch: pastedKeys(iss, jwks),
          ...(atIat.checked && iat !== undefined && { clock: fixedClock(iat * 1000) }),
        }),
        claimsSource: `the ${CLAIMS_FORM_LABEL[claimsRead.form]} pasted here`,
        ...(sourceIp !== '' && { sourceIp }),
      })
    } catch (error) {
      if (mine !== run) return
      const e = error as Error & { code?: string }
      clearResult('', 'invalid')
      replace(
        answer,
        el('span', { class: 'fail' }, `✗ ${e.code ?? 'Error'}: `),
        el('code', {}, e.message),
      )
      return
    }
    if (mine !== run) return
    const diagnoses = diagnoseExplanation(explanation, policy.document, claims)
    const note: Check | undefined = verify
      ? {
          id: 'discovery.jwks-given',
          ok: true,
          summary:
            "The keys come from the JWKS pasted on this page; discovery from the token's iss was not used.",
        }
      : undefined
    const trace = verify
      ? {
          ...explanation.trace,
          steps: explanation.trace.steps.map((s) => ({
            ...s,
            checks: s.checks.filter((c) => !SYNTHETIC_DISCOVERY.has(c.id)),
          })),
        }
      : explanation.trace
    const shown = { ...explanation, trace }
    replace(answer, answerView(trace))
    replace(
      why,
      diagnosesView(diagnoses) ??
        el(
          'p',
          {},
          trace.outcome.ok
            ? 'Nothing failed.'
            : 'No known cause recognised; the walk below shows the failing check.',
        ),
    )
    replace(
      changes,
      ...(explanation.whatToChange.length
        ? explanation.whatToChange.map((c) => el('li', {}, c))
        : [el('li', {}, 'Nothing: STS would issue credentials.')]),
    )
    const where =
      policy.format === 'trust-policy'
        ? 'the role’s trust policy'
        : `the AssumeRolePolicyDocument of ${policy.name} (at ${policy.path} in what you pasted)`
    replace(corrected, correctedView(diagnoses, trace.outcome.ok, where))
    replace(walk, walkView(shown, note))
    root.dataset.outcome = trace.outcome.ok ? 'ok' : trace.outcome.error.code
    root.dataset.signatureChecked = String(explanation.signatureChecked)
    root.dataset.state = 'done'
    auditButton.disabled = false
  }

  const schedule = () => {
    clearTimeout(timer)
    // A run still in flight is for the old input: its result must not be shown.
    run++
    root.dataset.state = 'working'
    timer = setTimeout(() => void update(), 120)
  }

  auditButton.addEventListener('click', () => {
    const policy = chosen()
    if (!policy) return
    replace(auditOutput, 'Auditing…')
    root.dataset.audit = 'working'
    void import('./debug-audit.js').then(
      ({ auditSummary }) => {
        try {
          replace(auditOutput, auditView(auditSummary(policy.document)))
        } catch (error) {
          replace(auditOutput, el('span', { class: 'fail' }, (error as Error).message))
        }
        root.dataset.audit = 'done'
      },
      (error: Error) => replace(auditOutput, el('span', { class: 'fail' }, error.message)),
    )
  })

  shareButton.addEventListener('click', () => {
    // Only the policy and the claims; a pasted token travels as its decoded claims.
    const claims = claimsRead ? JSON.stringify(claimsRead.claims, null, 2) : undefined
    const fragment = shareFragment({
      ...(policyInput.value.trim() && { policy: policyInput.value }),
      ...(claims !== undefined && { claims }),
    })
    history.replaceState(null, '', fragment)
    const link = location.href
    replace(
      shareStatus,
      claimsRead?.token
        ? 'The link is in the address bar: it holds the policy and the token’s decoded claims, not the token.'
        : 'The link is in the address bar: it holds the policy and the claims.',
    )
    void navigator.clipboard?.writeText(link).then(
      () => shareStatus.append(' Copied.'),
      () => undefined,
    )
  })

  // A share link describes the input it was made from: once the input changes, it leaves the URL.
  const edited = () => {
    if (Object.keys(readShareFragment(location.hash)).length) {
      history.replaceState(null, '', location.pathname + location.search)
      replace(shareStatus, 'The input changed: press “Share link” again for a link to it.')
    }
    schedule()
  }
  policyInput.addEventListener('input', edited)
  claimsInput.addEventListener('input', edited)
  jwksInput.addEventListener('input', schedule)
  atIat.addEventListener('change', schedule)
  sourceIpInput.addEventListener('input', schedule)
  roleSelect.addEventListener('change', schedule)

  const shared = readShareFragment(location.hash)
  if (shared.policy !== undefined) policyInput.value = shared.policy
  if (shared.claims !== undefined) claimsInput.value = shared.claims
  void update()
}
