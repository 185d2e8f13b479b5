/**
 * `trustwalk walk NAME` for the other CI systems' scenarios, in-process.
 */
import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../lib/core/trace.js'
import { runMain } from './in-process.js'

describe('trustwalk walk for other CI systems', () => {
  it('walks a GitLab scenario by name: exit 0 with credentials', async () => {
    const result = await runMain(['walk', 'gitlab-happy-path', '--no-color'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('GitLab minted a token for acme/app on main')
    expect(result.stdout).toContain('https://gitlab.com/oauth/discovery/keys')
  })

  it('a failing scenario exits 1 and --json prints its Trace', async () => {
    const result = await runMain(['walk', 'circleci-other-organisation', '--json'])
    expect(result.status).toBe(1)
    const trace = JSON.parse(result.stdout) as Trace
    expect(trace.outcome.ok || trace.outcome.error.code).toBe('InvalidIdentityToken')
  })

  it('suggests issuer scenario names', async () => {
    const result = await runMain(['walk', 'gitlab-happy-pat'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain("Did you mean 'gitlab-happy-path'?")
  })
})
