import { describe, expect, it } from 'vitest'
import {
  audiences,
  missingRequiredClaim,
  registeredClaimsProblem,
} from '../../../lib/aws/oidc/claims.js'
import { claims } from './fixture.js'

describe('missingRequiredClaim', () => {
  it('names the first absent required claim, or nothing', () => {
    expect(missingRequiredClaim(claims())).toBeUndefined()
    expect(missingRequiredClaim(claims({ nbf: undefined, jti: undefined }))).toBeUndefined()
    expect(missingRequiredClaim(claims({ aud: undefined }))).toBe('aud')
    expect(missingRequiredClaim(claims({ iat: undefined, sub: undefined }))).toBe('sub')
    // Present but wrong is not missing: that is the not-a-JWT answer.
    expect(missingRequiredClaim(claims({ sub: '' }))).toBeUndefined()
  })
})

describe('registeredClaimsProblem', () => {
  it('accepts GitHub-shaped claims', () => {
    expect(registeredClaimsProblem(claims())).toBeUndefined()
    expect(registeredClaimsProblem(claims({ nbf: undefined }))).toBeUndefined()
    expect(registeredClaimsProblem(claims({ aud: ['sts.amazonaws.com'] }))).toBeUndefined()
  })

  it.each(['iss', 'sub', 'aud', 'exp', 'iat'])('requires %s', (name) => {
    expect(registeredClaimsProblem(claims({ [name]: undefined }))).toBe(
      `The token has no "${name}" claim; an OpenID Connect ID token always carries iss, sub, aud, exp, iat.`,
    )
  })

  it('refuses numbers written as strings', () => {
    expect(registeredClaimsProblem(claims({ exp: '1791484575' }))).toBe(
      'The "exp" claim is the string "1791484575"; token times are JSON numbers of seconds since 1970, not strings.',
    )
    expect(registeredClaimsProblem(claims({ nbf: '0' }))).toMatch(
      /^The "nbf" claim is the string "0"/,
    )
  })

  it('refuses other wrong types', () => {
    expect(registeredClaimsProblem(claims({ iss: 7 }))).toBe(
      'The "iss" claim must be a non-empty string, not the number 7.',
    )
    expect(registeredClaimsProblem(claims({ sub: '' }))).toMatch(
      /"sub" claim must be a non-empty string/,
    )
    expect(registeredClaimsProblem(claims({ aud: ['a', 1] }))).toBe(
      'The "aud" claim must be a string or an array of strings, not an array.',
    )
    expect(registeredClaimsProblem(claims({ aud: { a: 1 } }))).toMatch(/not an object\.$/)
    expect(registeredClaimsProblem(claims({ iat: 1.5 }))).toBe(
      'The "iat" claim must be a whole number of seconds since 1970, not the number 1.5.',
    )
    expect(registeredClaimsProblem(claims({ exp: -1 }))).toMatch(
      /"exp" claim must be a whole number/,
    )
    expect(registeredClaimsProblem(claims({ exp: true }))).toMatch(/not the boolean true\.$/)
    expect(registeredClaimsProblem(claims({ jti: 5 }))).toBe(
      'The "jti" claim must be a string, not the number 5.',
    )
  })
})

describe('audiences', () => {
  it('reads aud as a list', () => {
    expect(audiences({ aud: 'sts.amazonaws.com' })).toEqual(['sts.amazonaws.com'])
    expect(audiences({ aud: ['a', 'b'] })).toEqual(['a', 'b'])
    expect(audiences({})).toEqual([])
  })
})
