/**
 * The library's copy of the exercises (lib/workshop/content.generated.ts) is exactly what the
 * folders in examples/workshop/ say.
 */
import { describe, expect, it } from 'vitest'
import { contentModule, recordedModule } from './content-module.js'

describe('lib/workshop/content.generated.ts', () => {
  it('is generated from examples/workshop/ (npx tsx test/workshop/content-module.ts --write)', async () => {
    expect(recordedModule()).toBe(await contentModule())
  })
})
