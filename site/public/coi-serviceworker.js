/*
 * trustwalk's cross-origin isolation service worker, for static hosts that cannot send headers
 * (GitHub Pages). The Node sandbox (WebContainer) needs a cross-origin isolated page; this worker
 * re-serves every response of this site with COOP `same-origin` and COEP `require-corp`, the
 * headers `npm start` and `_headers` send. It is registered only when a reader asks for the
 * sandbox on a page that is not isolated. Same idea as coi-serviceworker
 * (https://github.com/gzuidhof/coi-serviceworker), written for this site.
 */
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const request = event.request
  // Chrome throws on this combination (https://bugs.chromium.org/p/chromium/issues/detail?id=823392).
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return
  // Only this site's own responses get the headers; anything else goes to the network untouched.
  if (new URL(request.url).origin !== self.location.origin) return
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0) return response
      const headers = new Headers(response.headers)
      headers.set('Cross-Origin-Opener-Policy', 'same-origin')
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp')
      headers.set('Cross-Origin-Resource-Policy', 'same-origin')
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    }),
  )
})
