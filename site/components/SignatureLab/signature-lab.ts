/**
 * The signature lab: a token from the in-page issuer, checked with the library's
 * `verifyWebIdentityToken` after each change — a flipped payload byte, a key rotation, a retired key.
 */
import { decodeJwt, STS_AUDIENCE, verifyWebIdentityToken } from '../../../lib/index.js'
import { checksList } from '../../lib/checks-view.js'
import { createDemoWorld, MAIN_RUN } from '../../lib/demo-world.js'
import { el, find, replace } from '../../lib/dom.js'
import { flipPayloadByte, payloadExcerpt, payloadText } from './payload-bytes.js'

export async function initSignatureLab(root: HTMLElement): Promise<void> {
  const world = await createDemoWorld()
  const byteInput = find<HTMLInputElement>(root, '[data-byte]')
  const retire = find<HTMLButtonElement>(root, '[data-retire]')
  let original = await world.issuer.issueToken(MAIN_RUN, { audience: STS_AUDIENCE })
  let current = original

  const defaultByte = () => {
    // Point at the repository name inside sub: flipping it is the forgery an attacker would want.
    const text = payloadText(original)
    const at = text.indexOf('octo-repo:ref')
    return at >= 0 ? at : 0
  }

  const renderToken = () => {
    const [h = '', p = '', s = ''] = current.split('.')
    replace(
      find(root, '[data-token]'),
      el('span', { class: 'jwt-header' }, h),
      el('span', { class: 'jwt-dot' }, '.'),
      el('span', { class: 'jwt-payload' }, p),
      el('span', { class: 'jwt-dot' }, '.'),
      el('span', { class: 'jwt-signature' }, s),
    )
    const kid = decodeJwt(original).header.kid ?? '(none)'
    replace(find(root, '[data-token-note]'), `(signed with kid ${kid})`)
  }

  const verify = async () => {
    const result = await verifyWebIdentityToken(current, {
      providers: [world.provider],
      fetch: world.network.fetch,
    })
    let kid: string | undefined
    try {
      kid = decodeJwt(current).header.kid
    } catch {
      kid = undefined
    }
    const kids = world.issuer.jwks().keys.map((k) => String(k.kid))
    replace(
      find(root, '[data-kids]'),
      ...kids.map((k) =>
        el(
          'li',
          { class: k === kid ? 'match' : undefined },
          k,
          k === kid ? ' ← the token’s kid' : '',
          k === world.issuer.signingKid ? ' (signs new tokens)' : '',
        ),
      ),
    )
    replace(
      find(root, '[data-verdict]'),
      result.ok
        ? el('span', { class: 'ok' }, '✓ Verified: STS would accept this token’s signature.')
        : el(
            'span',
            { class: 'fail' },
            `✗ Rejected: ${result.error?.code ?? 'error'} — ${result.error?.message ?? ''}`,
          ),
    )
    // The verify.* checks are this chapter's subject; the rest (and any failure) stay reachable.
    const main = result.checks.filter((c) => c.id.startsWith('verify.') || !c.ok)
    const earlier = result.checks.filter((c) => !main.includes(c))
    replace(
      find(root, '[data-checks]'),
      checksList(main),
      earlier.length
        ? el(
            'details',
            { class: 'earlier' },
            el(
              'summary',
              {},
              `${earlier.length} earlier checks passed (the request and discovery)`,
            ),
            checksList(earlier),
          )
        : null,
    )
    root.dataset.verified = String(result.ok)
  }

  /** The decoded payload around the chosen byte, that byte marked: what a flip changes. */
  const renderByte = () => {
    const index = Number(byteInput.value)
    if (!Number.isFinite(index)) return replace(find(root, '[data-byte-view]'))
    const { before, byte, after } = payloadExcerpt(current, index)
    replace(
      find(root, '[data-byte-view]'),
      `Byte ${index} of the decoded payload: `,
      el(
        'code',
        {},
        before,
        el('mark', { 'data-flipped-char': '' }, byte === ' ' ? '␠' : byte),
        after,
      ),
    )
  }
  byteInput.addEventListener('input', renderByte)

  find(root, '[data-flip]').addEventListener('click', () => {
    const index = Number(byteInput.value)
    const flipped = flipPayloadByte(current, index)
    current = flipped.token
    replace(
      find(root, '[data-flip-note]'),
      `Byte ${index} of the payload changed from “${flipped.before}” to “${flipped.after}” (marked below). The signature was not recomputed — only the private key could do that.`,
    )
    renderToken()
    renderByte()
    void verify()
  })
  find(root, '[data-restore]').addEventListener('click', () => {
    current = original
    replace(find(root, '[data-flip-note]'), 'Back to the token as GitHub signed it.')
    renderToken()
    renderByte()
    void verify()
  })
  find(root, '[data-rotate]').addEventListener('click', () => {
    void world.issuer.rotateKeys().then((kid) => {
      retire.disabled = false
      replace(
        find(root, '[data-key-note]'),
        `The issuer now signs with ${kid}. The old key stays in the JWKS, so the token under test still verifies.`,
      )
      void verify()
    })
  })
  retire.addEventListener('click', () => {
    for (const key of world.issuer.jwks().keys) {
      if (key.kid !== world.issuer.signingKid) world.issuer.retireKey(String(key.kid))
    }
    retire.disabled = true
    replace(
      find(root, '[data-key-note]'),
      'Old keys retired: only the current signing key is published. A token signed with a retired key no longer verifies.',
    )
    void verify()
  })
  find(root, '[data-new-token]').addEventListener('click', () => {
    void world.issuer.issueToken(MAIN_RUN, { audience: STS_AUDIENCE }).then((token) => {
      original = token
      current = token
      byteInput.value = String(defaultByte())
      replace(find(root, '[data-flip-note]'), 'A fresh token, signed with the current key.')
      renderToken()
      void verify()
    })
  })

  byteInput.max = String(payloadText(original).length - 1)
  byteInput.value = String(defaultByte())
  renderToken()
  renderByte()
  await verify()
}
