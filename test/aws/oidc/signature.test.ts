import { describe, expect, it } from 'vitest'
import { signatureProblem } from '../../../lib/aws/oidc/signature.js'

describe('signatureProblem', () => {
  it('refuses none, HMAC and unlisted algorithms, and mismatched keys', () => {
    expect(signatureProblem('none', false)).toMatch(/unsigned token/)
    expect(signatureProblem('HS512', false)).toMatch(/HS512, an HMAC/)
    expect(signatureProblem('EdDSA', false)).toBe(
      'The header says alg "EdDSA"; STS accepts only RS256, RS384, RS512, ES256, ES384, ES512.',
    )
    expect(signatureProblem('ES256', true, { kty: 'RSA', kid: 'r', alg: 'RS256' })).toBe(
      'The header says alg ES256, but key r is an RSA key published for RS256, which cannot verify ES256.',
    )
    expect(signatureProblem('RS256', true)).toBeUndefined()
  })
})
