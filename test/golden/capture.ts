/**
 * Writes the golden outputs of the built CLI (`npm run build` first): `npx tsx test/golden/capture.ts`.
 * Run it only when an output changes on purpose, and say why in the commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { GOLDEN_CASES } from './cases.js'
import { runGolden } from './run.js'

const dir = resolve(import.meta.dirname, 'outputs')
mkdirSync(dir, { recursive: true })
for (const c of GOLDEN_CASES) {
  writeFileSync(resolve(dir, `${c.name}.txt`), runGolden(c.args))
}
console.log(`wrote ${GOLDEN_CASES.length} golden outputs to ${dir}`)
