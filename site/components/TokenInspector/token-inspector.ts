/**
 * The token inspector's behaviour: decode with the library's `decodeJwt` on every input, render
 * every part as text, and mark the claims AWS turns into condition keys (from the library's
 * `requestContextFromToken`, so the site never keeps its own list).
 */
import {
  decodeJwt,
  extractToken,
  explainGithubClaim,
  GITHUB_HEADER_DOCS,
  issuerKindForUrl,
  oidcProviderArn,
  conditionKeyPrefix,
  DEMO_ACCOUNT_ID,
  DEMO_OWNER,
  DEMO_REPO,
  requestContextFromToken,
  STS_AUDIENCE,
  type DecodedJwt,
} from '../../../lib/index.js'
import { el, find, replace, show } from '../../lib/dom.js'
import { relativeTime, utcDate } from '../../lib/time-format.js'
import { INSPECT_EVENT, takeHandedToken, takePendingToken } from '../../lib/token-handoff.js'

const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf'])

/** Another issuer's claim docs, loaded the first time a token of another CI system is shown. */
let issuerDocs: typeof import('../../lib/issuer-claim-docs.js') | undefined

/** The token's issuer when it is another CI system than GitHub (GitLab, CircleCI, …). */
function otherIssuer(jwt: DecodedJwt): string | undefined {
  const iss = jwt.payload.iss
  if (typeof iss !== 'string') return undefined
  const kind = issuerKindForUrl(iss)
  return kind !== undefined && kind !== 'github' ? iss : undefined
}

export function initTokenInspector(root: HTMLElement): void {
  const input = find<HTMLTextAreaElement>(root, '[data-input]')
  const status = find(root, '[data-status]')
  const encoded = find(root, '[data-encoded]')
  const decoded = find(root, '[data-decoded]')

  const render = () => {
    const text = input.value
    if (!text.trim()) {
      status.classList.remove('error')
      replace(status, 'Paste a token above: it is decoded here, in your browser.')
      replace(encoded)
      decoded.hidden = true
      replace(find(root, '[data-warning]'))
      return
    }
    const token = extractToken(text)
    let jwt: DecodedJwt
    try {
      jwt = decodeJwt(token)
    } catch (error) {
      status.classList.add('error')
      replace(status, `Cannot read this token: ${(error as Error).message}`)
      replace(encoded)
      decoded.hidden = true
      replace(find(root, '[data-warning]'))
      return
    }
    status.classList.remove('error')
    replace(
      status,
      `Decoded: ${Object.keys(jwt.payload).length} claims, signed with ${jwt.header.alg}. ` +
        'Decoding does not prove who signed it — see the signature chapter.',
    )
    renderWarning(find(root, '[data-warning]'), jwt)
    renderEncoded(encoded, jwt)
    renderHeader(find(root, '[data-header]'), jwt)
    renderPayload(find(root, '[data-payload]'), jwt, Math.floor(Date.now() / 1000))
    if (otherIssuer(jwt) !== undefined && issuerDocs === undefined)
      void import('../../lib/issuer-claim-docs.js').then((docs) => {
        issuerDocs = docs
        if (input.value === text) render()
      })
    replace(
      find(root, '[data-signature]'),
      `${jwt.signature.length} bytes of ${jwt.header.alg} signature over the first two parts. ` +
        'AWS checks it with the public key whose kid matches, from the issuer’s JWKS.',
    )
    decoded.hidden = false
  }

  input.addEventListener('input', render)
  root.addEventListener(INSPECT_EVENT, (event) => {
    takePendingToken(root)
    input.value = String((event as CustomEvent<string>).detail)
    render()
  })
  find(root, '[data-clear]').addEventListener('click', () => {
    input.value = ''
    render()
    input.focus()
  })
  find(root, '[data-demo]').addEventListener('click', () => {
    void demoToken().then((token) => {
      input.value = token
      render()
    })
  })

  // A token handed over from another page, or issued on this page before this script started.
  const handed = takePendingToken(root) ?? takeHandedToken()
  if (handed) input.value = handed
  if (input.value) render()
}

/** A token from the in-page demo issuer (fixed demo keys), for readers without one to paste. */
async function demoToken(): Promise<string> {
  const { createGitHubIssuer } = await import('../../../lib/index.js')
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  return issuer.issueToken(
    { owner: DEMO_OWNER, repo: DEMO_REPO, branch: 'main', refProtected: true },
    { audience: STS_AUDIENCE },
  )
}

/**
 * A token that is not signed (`alg: none`, or no signature at all) can be written by anyone. STS
 * accepts only RS256/384/512 and ES256/384/512 signatures that verify against the issuer's JWKS
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html; FACTS.md
 * §3), so it refuses such a token whatever its claims say.
 */
function renderWarning(target: HTMLElement, jwt: DecodedJwt): void {
  const alg = String(jwt.header.alg ?? '')
  const unsigned = alg.toLowerCase() === 'none' || jwt.signature.length === 0
  if (!unsigned) return replace(target)
  replace(
    target,
    el('strong', {}, 'Warning: this token is not signed. '),
    `Its header says alg "${alg}"${jwt.signature.length ? '' : ' and it carries no signature'}, so anyone could have written these claims. ` +
      'AWS STS accepts only tokens signed with RS256/384/512 or ES256/384/512 by a key in the issuer’s JWKS, and refuses this one (InvalidIdentityToken). Never trust the claims of an unsigned token.',
  )
}

function renderEncoded(target: HTMLElement, jwt: DecodedJwt): void {
  replace(
    target,
    el('span', { class: 'jwt-header' }, jwt.parts.header),
    el('span', { class: 'jwt-dot' }, '.'),
    el('span', { class: 'jwt-payload' }, jwt.parts.payload),
    el('span', { class: 'jwt-dot' }, '.'),
    el('span', { class: 'jwt-signature' }, jwt.parts.signature),
  )
}

function renderHeader(target: HTMLElement, jwt: DecodedJwt): void {
  const body = el('tbody')
  for (const [name, value] of Object.entries(jwt.header)) {
    body.append(claimRow(name, show(value), GITHUB_HEADER_DOCS[name] ?? 'Not a field GitHub sets.'))
  }
  replace(target, claimsTable('Field', body))
}

/** One row: the name, then the value with its meaning (and condition key) underneath. */
function claimRow(
  name: string,
  value: string,
  meaning: string,
  ...extra: Node[]
): HTMLTableRowElement {
  return el(
    'tr',
    { 'data-claim': name },
    el('th', { scope: 'row', class: 'name' }, name),
    el(
      'td',
      {},
      el('span', { class: 'value' }, value),
      el('span', { class: 'explain' }, meaning),
      ...extra,
    ),
  )
}

function claimsTable(first: string, body: HTMLTableSectionElement): HTMLTableElement {
  return el(
    'table',
    { class: 'claims-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, first),
        el('th', { scope: 'col' }, 'Value and meaning'),
      ),
    ),
    body,
  )
}

/** Claim name → the condition key AWS fills from it, per the library's request context. */
function conditionKeys(payload: Record<string, unknown>): Map<string, string> {
  const keys = new Map<string, string>()
  const iss = payload.iss
  if (typeof iss !== 'string' || !iss.startsWith('https://')) return keys
  const prefix = conditionKeyPrefix(iss)
  let context: Record<string, unknown>
  try {
    context = requestContextFromToken(payload, {
      Url: iss,
      Arn: oidcProviderArn(DEMO_ACCOUNT_ID, iss),
    })
  } catch {
    return keys
  }
  const lower = new Map(Object.keys(context).map((k) => [k.toLowerCase(), k]))
  for (const claim of Object.keys(payload)) {
    const key = lower.get(`${prefix}:${claim}`.toLowerCase())
    if (key) keys.set(claim, key)
  }
  return keys
}

function renderPayload(target: HTMLElement, jwt: DecodedJwt, now: number): void {
  const keys = conditionKeys(jwt.payload)
  const other = otherIssuer(jwt)
  const explain = (name: string) =>
    other === undefined
      ? (explainGithubClaim(name) ?? 'Not a claim GitHub issues.')
      : (issuerDocs?.explainIssuerClaim(other, name) ?? '…')
  const body = el('tbody')
  for (const [name, value] of Object.entries(jwt.payload)) {
    const extra: Node[] = []
    if (TIME_CLAIMS.has(name) && typeof value === 'number') {
      extra.push(el('span', { class: 'when' }, `${utcDate(value)} (${relativeTime(value, now)})`))
    }
    const key = keys.get(name)
    extra.push(
      key
        ? el('span', { class: 'condkey' }, 'AWS condition key: ', el('code', {}, key))
        : el('span', { class: 'condkey none' }, 'Not a condition key in AWS'),
    )
    body.append(claimRow(name, show(value), explain(name), ...extra))
  }
  const exp = jwt.payload.exp
  const expiry =
    typeof exp === 'number'
      ? exp > now
        ? `This token expires ${relativeTime(exp, now)}.`
        : now - exp <= 300
          ? `This token expired ${relativeTime(exp, now)}; STS still accepts it for ${300 - (now - exp)} s more (its 5-minute clock skew).`
          : `This token expired ${relativeTime(exp, now)}; STS would refuse it with ExpiredTokenException.`
      : 'This token has no exp claim; STS requires one.'
  replace(target, el('p', { class: 'expiry' }, expiry), claimsTable('Claim', body))
}
