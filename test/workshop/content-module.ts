/**
 * `lib/workshop/content.generated.ts`, the exercises' folders (examples/workshop/) as a module, so
 * the library's `EXERCISES` works in any runtime without reading files. The folders are the
 * source; content-module.test.ts fails when the module is out of date, and
 * `npx tsx test/workshop/content-module.ts --write` brings it up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { readExerciseFolders } from '../../lib/node/exercise-folders.js'

const ROOT = resolve(import.meta.dirname, '../..')
export const MODULE = resolve(ROOT, 'lib/workshop/content.generated.ts')

/** The module's text, formatted as the repository formats TypeScript. */
export async function contentModule(): Promise<string> {
  const text = `/**
 * The workshop's exercises, generated from examples/workshop/<NN>-<id>/ — edit the folders, then run
 * \`npx tsx test/workshop/content-module.ts --write\` (test/workshop/content-module.test.ts fails
 * while this file is out of date).
 */
import type { ExerciseContent } from './exercise.js'

export const CONTENT: readonly ExerciseContent[] = ${JSON.stringify(readExerciseFolders())}
`
  return format(text, { ...(await resolveConfig(MODULE)), filepath: MODULE })
}

export function recordedModule(): string {
  return readFileSync(MODULE, 'utf8')
}

if (process.argv.includes('--write')) {
  writeFileSync(MODULE, await contentModule())
  console.log(`wrote ${MODULE}`)
}
