/**
 * Every example runs with Node (tsx) and prints exactly its committed expected output, after
 * masking what is random by design (loopback ports). The examples import `trustwalk` by package
 * name, which resolves to dist/: `npm test` builds it first; run `npm run build` before running
 * this file alone. `UPDATE_EXPECTED=1` rewrites the expected files instead of comparing.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXPECTED_DIR, ROOT, listExamples, maskRandom, newestMtime } from './catalog.js'

const run = promisify(execFile)
const examples = listExamples()
const update = process.env.UPDATE_EXPECTED === '1'

describe('examples/ with Node', () => {
  beforeAll(() => {
    const dist = join(ROOT, 'dist/index.js')
    if (!existsSync(dist) || statSync(dist).mtimeMs < newestMtime(join(ROOT, 'lib'), ['.ts'])) {
      throw new Error(
        "dist/ is missing or older than lib/: the examples import 'trustwalk' (dist/). Run `npm run build` first.",
      )
    }
    if (update) mkdirSync(EXPECTED_DIR, { recursive: true })
  })

  it('has the ten teaching examples, numbered without gaps', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10)
    examples.forEach((example, i) =>
      expect(example.name.slice(0, 2)).toBe(String(i + 1).padStart(2, '0')),
    )
  })

  for (const example of examples) {
    it(`${example.name} prints its expected output`, async () => {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', example.file], {
        cwd: ROOT,
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      })
      expect(stderr).toBe('')
      const output = maskRandom(stdout)
      if (update) writeFileSync(example.expectedFile, output)
      expect(existsSync(example.expectedFile), `missing ${example.expectedFile}`).toBe(true)
      expect(output).toBe(readFileSync(example.expectedFile, 'utf8'))
    })
  }
})
