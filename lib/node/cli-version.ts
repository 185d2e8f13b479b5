/**
 * The version `trustwalk --version` prints and SARIF output names: package.json's.
 */
import { readFileSync } from 'node:fs'

/**
 * The version in package.json (two directories up from this file, in lib/node and dist/node alike).
 *
 * @example
 * cliVersion() // '0.1.0'
 */
export function cliVersion(): string {
  const url = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
}
