/**
 * The fuzz suite in `npm test`: every target (targets.ts) with a fixed seed and a small number of
 * cases, so it stays within seconds; `npm run fuzz` runs the same targets at length (run.ts).
 * A failure prints fast-check's seed and the shrunk counterexample.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzWorld, type FuzzWorld } from './targets.js'

const SEED = 20261204
/** Cases per target in `npm test`. */
const RUNS = Number(process.env.FUZZ_TEST_RUNS ?? 40)
/** Heap a run may hold: far below the gigabytes the bugs of issue 15 reached. */
const HEAP_LIMIT = 1024 * 1024 * 1024

let world: FuzzWorld
beforeAll(async () => {
  world = await fuzzWorld()
}, 60_000)
afterAll(async () => {
  await world.close()
})

describe('fuzz (seeded, bounded)', () => {
  for (const name of [
    'decode',
    'explain-claims',
    'explain-token',
    'audit',
    'scenario',
    'serve-http',
    'auditor',
  ]) {
    it(name, { timeout: 120_000 }, async () => {
      const target = world.targets.find((t) => t.name === name)!
      await fc.assert(
        fc.asyncProperty(target.arbitrary, async (input) => {
          expect(await target.check(input)).toEqual([])
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      )
      expect(process.memoryUsage().heapUsed).toBeLessThan(HEAP_LIMIT)
    })
  }
})
