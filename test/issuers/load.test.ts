import { describe, expect, it } from 'vitest'
import { getIssuerProfile, ISSUERS } from '../../lib/issuers/index.js'
import { ISSUER_KINDS } from '../../lib/issuers/kinds.js'
import { loadIssuerProfile } from '../../lib/issuers/load.js'

describe('loadIssuerProfile', () => {
  it('loads the same profile the registry holds, for every kind', async () => {
    for (const kind of ISSUER_KINDS)
      expect(await loadIssuerProfile(kind)).toBe(getIssuerProfile(kind))
  })

  it('rejects an unknown kind with the registry error', async () => {
    const sync = (() => {
      try {
        getIssuerProfile('jenkins')
      } catch (e) {
        return (e as Error).message
      }
    })()
    await expect(loadIssuerProfile('jenkins')).rejects.toThrow(sync!)
    await expect(loadIssuerProfile('jenkins')).rejects.toThrow(/unknown issuer "jenkins"/)
  })
})

describe('ISSUER_KINDS', () => {
  it('lists the registry kinds in registry order', () => {
    expect(ISSUER_KINDS).toEqual(ISSUERS.map((p) => p.kind))
  })
})
