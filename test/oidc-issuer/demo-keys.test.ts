import { describe, expect, it } from 'vitest'
import { DEMO_KEYS, demoSigningKeys } from '../../lib/oidc-issuer/demo-keys.js'
import { createIssuerCore } from '../../lib/oidc-issuer/issuer.js'

describe('demoSigningKeys', () => {
  it('imports the demo keys once per process, in order, with their kids', async () => {
    const keys = await demoSigningKeys()
    expect(await demoSigningKeys()).toBe(keys)
    expect(keys.map((k) => k.kid)).toEqual(DEMO_KEYS.map((k) => k.kid))
    expect(keys.map((k) => k.privateKey.type)).toEqual(['private', 'private', 'private'])
  })

  it('every demo issuer signs with the shared keys, and rotating one moves no other', async () => {
    const options = { url: 'https://issuer.example', keys: 'demo' as const, jwksPath: '/jwks' }
    const discovery = () => ({})
    const a = await createIssuerCore({ ...options, discovery })
    const b = await createIssuerCore({ ...options, discovery })
    expect(a.signingKid).toBe(DEMO_KEYS[0]!.kid)
    await a.rotateKeys()
    expect(a.signingKid).toBe(DEMO_KEYS[1]!.kid)
    expect(b.signingKid).toBe(DEMO_KEYS[0]!.kid)
    expect(b.jwks().keys.map((k) => k.kid)).toEqual([DEMO_KEYS[0]!.kid])
  })
})
