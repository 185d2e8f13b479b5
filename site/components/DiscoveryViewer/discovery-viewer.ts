/**
 * Fetch the in-page issuer's discovery document and JWKS through the library's
 * `discoverOidcConfiguration` (STS's checks) and show what came back.
 */
import { discoverOidcConfiguration } from '../../../lib/index.js'
import { checksList } from '../../lib/checks-view.js'
import { createDemoWorld } from '../../lib/demo-world.js'
import { el, find, replace } from '../../lib/dom.js'
import { highlightJson } from '../../lib/json-highlight.js'

export async function initDiscoveryViewer(root: HTMLElement): Promise<void> {
  const world = await createDemoWorld()
  const run = async () => {
    world.network.log.length = 0
    const result = await discoverOidcConfiguration(world.issuer.url, {
      fetch: world.network.fetch,
    })
    const [docRequest, jwksRequest] = world.network.log
    replace(find(root, '[data-status-doc]'), docRequest ? `→ ${docRequest.status}` : '')
    replace(find(root, '[data-status-jwks]'), jwksRequest ? `→ ${jwksRequest.status}` : '')
    if (result.ok) {
      const { document: doc, jwks } = result.configuration
      replace(find(root, '[data-doc]'), highlightJson(JSON.stringify(doc, null, 2)))
      replace(find(root, '[data-jwks]'), highlightJson(JSON.stringify(jwks, null, 2)))
    }
    const checks = result.ok ? result.configuration.checks : result.checks
    replace(
      find(root, '[data-checks]'),
      checksList(checks),
      result.ok
        ? el(
            'p',
            { class: 'ok' },
            `Discovery succeeded: ${result.configuration.keys.length} usable key(s) published.`,
          )
        : el('p', { class: 'fail' }, `STS would answer: ${result.error.message}`),
    )
  }
  find(root, '[data-refetch]').addEventListener('click', () => void run())
  await run()
}
