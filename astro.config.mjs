// @ts-check
import { defineConfig } from 'astro/config'
import mdx from '@astrojs/mdx'
import { fileURLToPath } from 'node:url'

// TRUSTWALK_BASE lets the same site deploy under a sub-path, e.g. GitHub Pages: `/trustwalk/`.
const base = process.env.TRUSTWALK_BASE ?? '/'

// The library's modules only define things (frozen tables such as SCENARIOS and DEMO_KEYS are built
// at load, but nothing registers itself globally), so a page that imports one function from
// lib/index.ts must not ship every module the barrel re-exports. Telling Rollup so keeps each
// chapter's JavaScript to what its islands use (budget: 80 KB gzip, see test/bench/site.ts).
const libDir = fileURLToPath(new URL('./lib/', import.meta.url))

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist-site',
  base,
  trailingSlash: 'ignore',
  integrations: [mdx()],
  markdown: {
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, wrap: false },
  },
  vite: {
    // The example Worker is a module worker (site/sandbox/example-run.ts); ES format lets its
    // bundle split on the library's dynamic imports (walk() loads another issuer on demand).
    worker: { format: 'es' },
    build: {
      rollupOptions: {
        treeshake: { moduleSideEffects: (id) => !id.startsWith(libDir) },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // Cross-origin isolation for the Node sandbox (WebContainer needs SharedArrayBuffer). Applies
    // to `astro dev` and `astro preview` (npm start); static hosts use site/public/_headers or the
    // on-demand site/public/coi-serviceworker.js. Everything the site loads is same-origin.
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
})
