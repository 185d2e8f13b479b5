import { defineConfig } from 'vitest/config'

// Browser tests: build the site first (npm run test:e2e does), then drive it in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
})
