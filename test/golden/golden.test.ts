/**
 * The CLI's outputs on the committed examples and scenarios stay what they were (issue 11: the
 * re-layering is a move, not a rewrite). A deliberate change re-runs capture.ts and says why.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GOLDEN_CASES } from './cases.js'
import { runGolden } from './run.js'

describe('CLI golden outputs', () => {
  it.each(GOLDEN_CASES.map((c) => [c.name, c.args] as const))('%s', (name, args) => {
    const expected = readFileSync(resolve(import.meta.dirname, 'outputs', `${name}.txt`), 'utf8')
    expect(runGolden([...args])).toBe(expected)
  })
})
