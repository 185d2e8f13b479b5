/**
 * `npm run fuzz`: the fuzz targets of targets.ts at length — FUZZ_RUNS cases in all (default
 * 100,000), shared out by each target's weight, from FUZZ_SEED (default: a fixed seed; set it to
 * explore further). Prints cases, crashes and time per target, the peak heap, and the first
 * failing inputs; exits 1 when any case failed.
 *
 *   FUZZ_RUNS=200000 FUZZ_SEED=$RANDOM npm run fuzz
 */
import fc from 'fast-check'
import { fuzzWorld } from './targets.js'

const total = Number(process.env.FUZZ_RUNS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? 20261204)
const only = process.env.FUZZ_TARGETS?.split(',')

interface Row {
  target: string
  cases: number
  crashes: number
  seconds: number
  slowestMs: number
}

const world = await fuzzWorld()
const targets = world.targets.filter((t) => !only || only.includes(t.name))
const weights = targets.reduce((sum, t) => sum + t.weight, 0)
const rows: Row[] = []
const failures: { target: string; input: unknown; problems: string[] }[] = []
let peakHeap = 0
const started = performance.now()

console.log(`trustwalk fuzz: ${total} cases, seed ${seed}`)
for (const target of targets) {
  const cases = Math.max(1, Math.round((total * target.weight) / weights))
  const row: Row = { target: target.name, cases: 0, crashes: 0, seconds: 0, slowestMs: 0 }
  const t0 = performance.now()
  // Every case runs (no stop at the first failure, no shrinking): failures are counted.
  await fc.check(
    fc.asyncProperty(target.arbitrary, async (input) => {
      const c0 = performance.now()
      let problems: string[]
      try {
        problems = await target.check(input)
      } catch (error) {
        problems = [
          `uncaught: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ]
      }
      row.slowestMs = Math.max(row.slowestMs, Math.round(performance.now() - c0))
      row.cases++
      if (problems.length) {
        row.crashes++
        if (failures.length < 20) failures.push({ target: target.name, input, problems })
      }
      if (row.cases % 500 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
      return true
    }),
    { seed, numRuns: cases },
  )
  row.seconds = Math.round((performance.now() - t0) / 100) / 10
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  rows.push(row)
  console.log(
    `  ${target.name.padEnd(15)} ${String(row.cases).padStart(7)} cases  ${String(row.crashes).padStart(4)} crashes  ${String(row.seconds).padStart(7)} s  (slowest ${row.slowestMs} ms)  ${target.what}`,
  )
}

let closeError: unknown
try {
  await world.close()
} catch (error) {
  closeError = error
}
const cases = rows.reduce((n, r) => n + r.cases, 0)
const crashes = rows.reduce((n, r) => n + r.crashes, 0) + (closeError ? 1 : 0)
const seconds = Math.round((performance.now() - started) / 100) / 10
console.log(
  `total           ${String(cases).padStart(7)} cases  ${String(crashes).padStart(4)} crashes  ${String(seconds).padStart(7)} s  peak heap ${Math.round(peakHeap / 2 ** 20)} MiB`,
)
for (const f of failures) {
  console.log(
    `\n✗ ${f.target}: ${JSON.stringify(f.input).slice(0, 500)}\n  ${f.problems.join('\n  ')}`,
  )
}
if (closeError) console.log(`\n✗ ${String(closeError)}`)
process.exitCode = crashes > 0 ? 1 : 0
