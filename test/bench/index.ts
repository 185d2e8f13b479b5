/**
 * `npm run bench`: runs every test/bench/*.bench.ts in turn. Each prints its own numbers and ratios;
 * speed is measured here, never asserted in unit tests.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const dir = import.meta.dirname
const only = process.argv[2]
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort()
for (const file of files) {
  console.log(`\n== ${file.replace('.bench.ts', '')}`)
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    default: () => Promise<void>
  }
  await mod.default()
}
