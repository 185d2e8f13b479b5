// @ts-check
import { defineConfig } from 'astro/config'
import mdx from '@astrojs/mdx'

// TRUSTWALK_BASE lets the same site deploy under a sub-path, e.g. GitHub Pages: `/trustwalk/`.
const base = process.env.TRUSTWALK_BASE ?? '/'

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
