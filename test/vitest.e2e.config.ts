import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Browser tests: build the site first (npm run test:e2e does), then drive it in Debian's Chromium.
export default defineConfig({
  // This file lives in test/; the project root is one level up.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
})
