/**
 * Every example runs with Node (tsx) and prints exactly its committed expected output, after
 * masking what is random by design (loopback ports). The examples import `trustwalk` by package
 * name, which resolves to dist/: it is built first when older than lib/ (test/node/cli/setup.ts).
 * `UPDATE_EXPECTED=1` rewrites the expected files instead of comparing.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../node/cli/setup.js'
import { EXPECTED_DIR, ROOT, listExamples, maskRandom } from './catalog.js'

const run = promisify(execFile)
const examples = listExamples()
const update = process.env.UPDATE_EXPECTED === '1'

describe('examples/ with Node', () => {
  beforeAll(async () => {
    await ensureBuilt()
    if (update) mkdirSync(EXPECTED_DIR, { recursive: true })
  }, 240_000)

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
        env: {
          ...process.env,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          // The AWS SDK warns on stderr about Node 20 support; not the example's output.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      })
      expect(stderr).toBe('')
      const output = maskRandom(stdout)
      if (update) writeFileSync(example.expectedFile, output)
      expect(existsSync(example.expectedFile), `missing ${example.expectedFile}`).toBe(true)
      expect(output).toBe(readFileSync(example.expectedFile, 'utf8'))
    })
  }
})
