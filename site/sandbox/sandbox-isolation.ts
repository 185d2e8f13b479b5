/**
 * Cross-origin isolation, which WebContainer needs (SharedArrayBuffer): the page must be served
 * with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`.
 * `npm start` (astro preview) and hosts reading `_headers` send them; on hosts that cannot set
 * headers (GitHub Pages), a service worker (site/public/coi-serviceworker.js) re-serves this
 * site's responses with them — registered only when the reader asks for the sandbox.
 */
import { href } from '../lib/paths.js'

export type IsolationState =
  | { state: 'isolated' }
  /** Not isolated, but the service worker can fix it after one reload. */
  | { state: 'can-enable'; reason: string }
  | { state: 'impossible'; reason: string }

const RELOADED = 'trustwalk-coi-reloaded'

/** Where this page stands, checked with `crossOriginIsolated` first. */
export function isolationState(): IsolationState {
  if (globalThis.crossOriginIsolated) return { state: 'isolated' }
  const reason =
    'The Node sandbox needs a cross-origin isolated page (COOP/COEP headers), and this server did not send them.'
  if (!globalThis.isSecureContext || !('serviceWorker' in navigator)) {
    return { state: 'impossible', reason: `${reason} This browser cannot enable it here.` }
  }
  if (sessionStorage.getItem(RELOADED) === '1') {
    return {
      state: 'impossible',
      reason: `${reason} Enabling it with a service worker did not work in this browser.`,
    }
  }
  return { state: 'can-enable', reason }
}

/** Register the isolation service worker and reload once so it controls the page. */
export async function enableIsolation(): Promise<void> {
  const registration = await navigator.serviceWorker.register(href('coi-serviceworker.js'), {
    scope: href(''),
  })
  const worker = registration.installing ?? registration.waiting ?? registration.active
  if (worker && worker.state !== 'activated') {
    await new Promise<void>((resolve) => {
      worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') resolve()
      })
    })
  }
  sessionStorage.setItem(RELOADED, '1')
  location.reload()
}
