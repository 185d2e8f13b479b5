import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { githubClaims } from '../../lib/github/claims.js'
import {
  GITHUB_CLAIM_DOCS,
  GITHUB_HEADER_DOCS,
  explainGithubClaim,
} from '../../lib/github/claim-docs.js'
import { GITHUB_CLAIMS_SUPPORTED } from '../../lib/github/discovery.js'

describe('GITHUB_CLAIM_DOCS', () => {
  it('explains every claim a token can carry and every claim in claims_supported', () => {
    const claims = githubClaims(
      {
        owner: 'o',
        repo: 'r',
        environment: 'prod',
        enterprise: { slug: 'acme', id: 1 },
        customProperties: { team: 'x' },
      },
      { clock: fixedClock(0) },
    )
    for (const name of [...Object.keys(claims), ...GITHUB_CLAIMS_SUPPORTED]) {
      expect(explainGithubClaim(name), name).toBeTypeOf('string')
    }
  })

  it('gives one short line per claim and header field', () => {
    for (const [name, text] of Object.entries({ ...GITHUB_CLAIM_DOCS, ...GITHUB_HEADER_DOCS })) {
      expect(text, name).not.toMatch(/\n/)
      expect(text.length, name).toBeLessThan(160)
      expect(text, name).toMatch(/[.]$/)
    }
    expect(Object.keys(GITHUB_HEADER_DOCS)).toEqual(['typ', 'alg', 'kid', 'x5t'])
  })

  it('answers undefined for claims GitHub does not issue', () => {
    expect(explainGithubClaim('email')).toBeUndefined()
    expect(explainGithubClaim('repo_property_')).toBeUndefined()
    expect(explainGithubClaim('toString')).toBeUndefined()
    expect(explainGithubClaim('repo_property_team')).toBe(GITHUB_CLAIM_DOCS['repo_property_*'])
  })
})
