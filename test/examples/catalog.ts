/**
 * The example programs (examples/NN-name.ts) and their committed expected outputs
 * (examples/expected/NN-name.txt), shared by the Node test and the browser test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '../..')
export const EXAMPLES_DIR = join(ROOT, 'examples')
export const EXPECTED_DIR = join(EXAMPLES_DIR, 'expected')

export interface ExampleFile {
  /** `03-verify` */
  name: string
  file: string
  expectedFile: string
  /** Marked `@node-only` in its header comment: it needs Node (HTTP servers, the AWS SDK). */
  nodeOnly: boolean
}

/** Every `NN-name.ts` in examples/, in order. */
export function listExamples(): ExampleFile[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => /^\d\d-[a-z0-9-]+\.ts$/.test(f))
    .sort()
    .map((f) => {
      const name = f.replace(/\.ts$/, '')
      const file = join(EXAMPLES_DIR, f)
      return {
        name,
        file,
        expectedFile: join(EXPECTED_DIR, `${name}.txt`),
        nodeOnly: /^\s*\*\s*@node-only\b/m.test(headerComment(readFileSync(file, 'utf8'))),
      }
    })
}

function headerComment(source: string): string {
  return /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? ''
}

/**
 * Replace what is random by design with a placeholder: loopback ports chosen by the OS. Everything
 * else an example prints is fixed by its clock, demo keys and seeded randomness.
 */
export function maskRandom(output: string): string {
  return output
    .replace(/\r\n/g, '\n')
    .replace(/\b(127\.0\.0\.1|localhost):\d{2,5}\b/g, '$1:PORT')
    .replace(/\s+$/, '\n')
}
