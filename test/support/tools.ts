/**
 * Tests that need a tool outside Node (Chromium, the AWS CLI) skip loudly when it is absent — except
 * under CI=true, where .ci/run has installed it, so absence is a failure.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM = '/usr/bin/chromium'
/** Debian's AWS CLI. A pyenv shim named `aws` elsewhere on PATH is not it. */
export const AWS_CLI = '/usr/bin/aws'

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Returns true when the tool is present. When absent: under CI=true throws; otherwise prints a loud
 * warning and returns false so the caller can `describe.skipIf(!ok)`.
 */
export function requireTool(name: string, why: string): boolean {
  const present =
    name === 'chromium'
      ? existsSync(CHROMIUM)
      : name === 'aws'
        ? existsSync(AWS_CLI)
        : hasTool(name)
  if (present) return true
  const message = `${name} is not installed: ${why}`
  if (process.env.CI === 'true')
    throw new Error(`${message} (CI=true: a missing tool is a failure)`)
  console.warn(
    `\n!!! SKIPPING: ${message}. Install it (apt-get install -y ${name === 'aws' ? 'awscli' : name}) to run these tests.\n`,
  )
  return false
}
