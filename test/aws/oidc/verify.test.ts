import { beforeAll, describe, expect, it } from 'vitest'
import { exportJWK, exportSPKI, generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { verifyWebIdentityToken, type VerifyOptions } from '../../../lib/aws/oidc/verify.js'
import { fixedClock } from '../../../lib/core/clock.js'
import { MalformedTokenError, StsError } from '../../../lib/core/errors.js'
import {
  b64url,
  claims,
  clock,
  ISSUER,
  issuerNetwork,
  makeKey,
  NOW,
  provider,
  rawToken,
  sign,
  type TestKey,
} from './fixture.js'

const NOT_A_JWT =
  'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
const NOT_VALIDATED =
  'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.'
// Two spaces after the comma, as in STS's raw answers (https://github.com/awslabs/aws-sdk-rust/issues/827).
const VERIFICATION_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"

let k1: TestKey
let k2: TestKey
let good: string
beforeAll(async () => {
  ;[k1, k2] = await Promise.all([makeKey('k1'), makeKey('k2')])
  good = await sign(k1)
})

async function verify(token: string, options: Partial<VerifyOptions> = {}) {
  const network = issuerNetwork([k1])
  const result = await verifyWebIdentityToken(token, {
    providers: [provider],
    fetch: network.fetch,
    clock,
    ...options,
  })
  return { ...result, requests: network.net.log.length }
}

/** The failed check is the last one, every earlier check passed, and the error is STS's. */
function failedAt(result: Awaited<ReturnType<typeof verify>>, id: string) {
  expect(result.ok).toBe(false)
  const last = result.checks.at(-1)!
  expect(last.id).toBe(id)
  expect(last.ok).toBe(false)
  expect(result.checks.slice(0, -1).every((c) => c.ok)).toBe(true)
  expect(result.error).toBeInstanceOf(StsError)
  return { check: last, error: result.error!.toJSON() }
}

describe('verifyWebIdentityToken: a good token', () => {
  it('passes every check, in STS order, and returns what it learned', async () => {
    const result = await verify(good)
    expect(result.ok).toBe(true)
    expect(result.error).toBeUndefined()
    expect(result.checks.map((c) => [c.id, c.ok])).toEqual([
      ['issue.token-length', true],
      ['issue.jwt-format', true],
      ['issue.claims', true],
      ['verify.provider-for-iss', true],
      ['verify.aud-in-client-ids', true],
      ['discovery.configuration-fetched', true],
      ['discovery.configuration-json', true],
      ['discovery.issuer-matches', true],
      ['discovery.jwks-uri', true],
      ['discovery.jwks-fetched', true],
      ['discovery.jwks-keys', true],
      ['verify.kid-in-jwks', true],
      ['verify.signature', true],
      ['verify.exp', true],
      ['verify.nbf', true],
      ['verify.iat', true],
    ])
    for (const check of result.checks) {
      expect(check.summary).toMatch(/^[A-Z].*\.$/)
      expect(check.source).toMatch(/^https:\/\//)
    }
    expect(result.claims).toEqual(claims())
    expect(result.header).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'k1' })
    expect(result.provider).toBe(provider)
    expect(result.audience).toBe('sts.amazonaws.com')
    expect(result.key?.kid).toBe('k1')
    expect(result.configuration?.issuer).toBe(ISSUER)
  })

  it('accepts a token without nbf', async () => {
    const result = await verify(await sign(k1, claims({ nbf: undefined })))
    expect(result.ok).toBe(true)
    expect(result.checks.find((c) => c.id === 'verify.nbf')?.summary).toMatch(/has no nbf/)
  })
})

describe('verifyWebIdentityToken: every failure with STS code, message and status', () => {
  it('a token shorter than 4 or longer than 20000 characters is a ValidationError', async () => {
    const short = failedAt(await verify('abc'), 'issue.token-length')
    expect(short.error).toEqual({
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
      status: 400,
      type: 'Sender',
    })
    const big = await sign(k1, claims({ padding: 'x'.repeat(20 * 1024) })) // a 20 KB token
    const long = failedAt(await verify(big), 'issue.token-length')
    expect(long.check.actual).toBe(big.length)
    expect(long.error.message).toBe(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000",
    )
  })

  it.each([
    ['wrong segment count', () => 'aaaa.bbbb', /this token has 2\./],
    ['a JWE', () => 'aaaa.bbbb.cccc.dddd.eeee', /This is a JWE/],
    ['bad base64url', () => good.replace('.', '.*'), /payload \(second part\) is not base64url/],
    ['JSON that is not an object', () => `${b64url('[]')}.${b64url('{}')}.AA`, /not an array/],
    [
      'a non-string kid',
      () => rawToken({ alg: 'RS256', kid: 1 }, claims(), 'AA'),
      /"kid" must be a string/,
    ],
  ])('%s: InvalidIdentityToken, not a valid JWT', async (_name, make, reason) => {
    const result = await verify(make())
    const { check, error } = failedAt(result, 'issue.jwt-format')
    expect(check.summary).toMatch(reason)
    expect(error).toEqual({
      code: 'InvalidIdentityToken',
      message: NOT_A_JWT,
      status: 400,
      type: 'Sender',
    })
    expect(result.error?.cause).toBeInstanceOf(MalformedTokenError)
    expect(result.requests).toBe(0)
  })

  it.each([
    ['numbers as strings', { exp: String(NOW + 175) }, /"exp" claim is the string/],
    ['an aud of numbers', { aud: [1] }, /"aud" claim must be a string or an array of strings/],
  ])('claims with %s: InvalidIdentityToken, not a valid JWT', async (_name, edit, reason) => {
    const { check, error } = failedAt(await verify(await sign(k1, claims(edit))), 'issue.claims')
    expect(check.summary).toMatch(reason)
    expect(error.message).toBe(NOT_A_JWT)
  })

  // STS names the absent claim (https://github.com/aws/aws-sdk-ruby/issues/2698,
  // https://github.com/aws-actions/configure-aws-credentials/issues/502).
  it.each(['aud', 'sub', 'iss', 'exp', 'iat'])(
    'no %s claim: InvalidIdentityToken "Missing a required claim"',
    async (name) => {
      const result = await verify(await sign(k1, claims({ [name]: undefined })))
      const { check, error } = failedAt(result, 'issue.claims')
      expect(check.summary).toMatch(`no "${name}" claim`)
      expect(error).toEqual({
        code: 'InvalidIdentityToken',
        message: `Missing a required claim: ${name}`,
        status: 400,
        type: 'Sender',
      })
      expect(result.requests).toBe(0)
    },
  )

  it('several claims missing: STS names the first of iss, sub, aud, exp, iat', async () => {
    const { error } = failedAt(
      await verify(await sign(k1, claims({ aud: undefined, sub: undefined }))),
      'issue.claims',
    )
    expect(error.message).toBe('Missing a required claim: sub')
  })

  it('no provider for iss (exact match: a trailing slash is another URL)', async () => {
    const iss = `${ISSUER}/`
    const result = await verify(await sign(k1, claims({ iss })))
    const { check, error } = failedAt(result, 'verify.provider-for-iss')
    expect(check).toMatchObject({ expected: [ISSUER], actual: iss })
    expect(error).toEqual({
      code: 'InvalidIdentityToken',
      message: `No OpenIDConnect provider found in your account for ${iss}`,
      status: 400,
      type: 'Sender',
    })
    expect(result.requests).toBe(0) // judged before anything is fetched
  })

  it('aud not among the client IDs: Incorrect token audience', async () => {
    const result = await verify(await sign(k1, claims({ aud: 'https://github.com/octo-org' })))
    const { check, error } = failedAt(result, 'verify.aud-in-client-ids')
    expect(check).toMatchObject({
      expected: ['sts.amazonaws.com'],
      actual: 'https://github.com/octo-org',
    })
    expect(error).toEqual({
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
      status: 400,
      type: 'Sender',
    })
    expect(result.requests).toBe(0)
  })

  it('aud as an array: one element reads as its string; several pass when any one is a client ID (FACTS-ISSUERS.md §0.3)', async () => {
    const one = await verify(await sign(k1, claims({ aud: ['sts.amazonaws.com'] })))
    expect(one.ok).toBe(true)
    expect(one.audience).toBe('sts.amazonaws.com')
    expect(one.checks.find((c) => c.id === 'verify.aud-in-client-ids')?.summary).toMatch(
      /one-element array/,
    )
    // A GitLab `aud:` list: the client ID need not come first.
    const two = await verify(await sign(k1, claims({ aud: ['other', 'sts.amazonaws.com'] })))
    expect(two.ok).toBe(true)
    expect(two.audience).toBe('sts.amazonaws.com')
    expect(two.checks.find((c) => c.id === 'verify.aud-in-client-ids')?.summary).toMatch(
      /one of the token's 2 audiences, other, sts\.amazonaws\.com: any one among the client IDs is enough/,
    )
    const neither = await verify(await sign(k1, claims({ aud: ['other', 'another'] })))
    const { check, error } = failedAt(neither, 'verify.aud-in-client-ids')
    expect(check.summary).toMatch(
      /names 2 audiences \(other, another\), none of them among the client IDs/,
    )
    expect(error.message).toBe('Incorrect token audience')
    const none = await verify(await sign(k1, claims({ aud: [] })))
    expect(failedAt(none, 'verify.aud-in-client-ids').error.message).toBe(
      'Incorrect token audience',
    )
  })

  it('a JWKS without usable keys fails in discovery', async () => {
    const network = issuerNetwork([k1])
    network.state.jwks = { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }] }
    const result = await verifyWebIdentityToken(good, {
      providers: [provider],
      fetch: network.fetch,
      clock,
    })
    const { error } = failedAt({ ...result, requests: 2 }, 'discovery.jwks-keys')
    expect(error).toEqual({
      code: 'InvalidIdentityToken',
      message: VERIFICATION_KEY,
      status: 400,
      type: 'Sender',
    })
  })

  it('a kid the JWKS does not publish', async () => {
    const { check, error } = failedAt(await verify(await sign(k2)), 'verify.kid-in-jwks')
    expect(check).toMatchObject({ expected: ['k1'], actual: 'k2' })
    expect(check.summary).toBe(
      "The header names key k2, which the issuer's JWKS does not publish (it has k1).",
    )
    expect(error.message).toBe(VERIFICATION_KEY)
  })

  it('no kid: fine with a one-key JWKS, refused with several', async () => {
    const noKid = await sign(k1, claims(), { kid: undefined })
    expect((await verify(noKid)).ok).toBe(true)
    const network = issuerNetwork([k1, k2])
    const result = await verifyWebIdentityToken(noKid, {
      providers: [provider],
      fetch: network.fetch,
      clock,
    })
    const { check } = failedAt({ ...result, requests: 2 }, 'verify.kid-in-jwks')
    expect(check.summary).toBe('The header names no kid, and the JWKS has 2 keys to choose from.')
  })

  it('unknown crit headers are refused (RFC 7515 §4.1.11)', async () => {
    for (const header of [{ crit: ['exp'], exp: 1 }, { crit: ['b64'], b64: true }, { crit: 'x' }]) {
      const { check, error } = failedAt(
        await verify(await sign(k1, claims(), header)),
        'verify.crit',
      )
      expect(check.summary).toMatch(/marks extensions as critical/)
      expect(error).toEqual({
        code: 'InvalidIdentityToken',
        message: NOT_VALIDATED,
        status: 400,
        type: 'Sender',
      })
    }
  })

  it('alg none is never accepted', async () => {
    const unsigned = rawToken({ alg: 'none', kid: 'k1' }, claims())
    const { check, error } = failedAt(await verify(unsigned), 'verify.signature')
    expect(check.actual).toBe('none')
    expect(check.summary).toMatch(/alg "none": an unsigned token/)
    expect(error.message).toBe(NOT_VALIDATED)
  })

  it('HS256 "signed" with the public key is never accepted', async () => {
    // The classic confusion attack: HMAC with the issuer's public key bytes as the secret.
    const secret = new TextEncoder().encode(await exportSPKI(k1.publicKey))
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(secret)
    await expect(jwtVerify(forged, secret, { currentDate: clock() })).resolves.toBeTruthy() // a real MAC
    const { check, error } = failedAt(await verify(forged), 'verify.signature')
    expect(check.summary).toMatch(/HS256, an HMAC \(shared-secret\) algorithm/)
    expect(error.message).toBe(NOT_VALIDATED)
  })

  it('algorithms STS does not list, and keys of the wrong type, are refused', async () => {
    const ps = rawToken({ alg: 'PS256', kid: 'k1' }, claims(), 'AA')
    expect(failedAt(await verify(ps), 'verify.signature').check.summary).toBe(
      'The header says alg "PS256"; STS accepts only RS256, RS384, RS512, ES256, ES384, ES512.',
    )
    const ec = await generateKeyPair('ES256', { extractable: true })
    const network = issuerNetwork([k1])
    network.state.jwks = { keys: [{ ...(await exportJWK(ec.publicKey)), kid: 'k1' }] }
    const result = await verifyWebIdentityToken(good, {
      providers: [provider],
      fetch: network.fetch,
      clock,
    })
    expect(failedAt({ ...result, requests: 2 }, 'verify.signature').check.summary).toBe(
      'The header says alg RS256, but key k1 is an EC P-256 key, which cannot verify RS256.',
    )
  })

  it('a signature by another key, or over changed claims, does not verify', async () => {
    const byOther = await sign(k2, claims(), { kid: 'k1' })
    const other = failedAt(await verify(byOther), 'verify.signature')
    expect(other.check.summary).toMatch(/^The RS256 signature over header\.payload does not verify/)
    expect(other.error).toEqual({
      code: 'InvalidIdentityToken',
      message: NOT_VALIDATED,
      status: 400,
      type: 'Sender',
    })
    const [h, , s] = good.split('.')
    const edited = `${h}.${b64url(JSON.stringify(claims({ sub: 'repo:evil/x:ref:refs/heads/main' })))}.${s}`
    expect(failedAt(await verify(edited), 'verify.signature').error.message).toBe(NOT_VALIDATED)
  })

  it('an expired token: ExpiredTokenException with STS text, after 300 s of skew', async () => {
    const exp = NOW + 175
    expect((await verify(good, { clock: fixedClock((exp + 299) * 1000) })).ok).toBe(true)
    for (const late of [300, 301, 3005]) {
      const result = await verify(good, { clock: fixedClock((exp + late) * 1000) })
      const { check, error } = failedAt(result, 'verify.exp')
      expect(check).toMatchObject({ expected: `now < ${exp + 300}`, actual: exp + late })
      expect(error).toEqual({
        code: 'ExpiredTokenException',
        message: `Token expired: current date/time ${exp + late} must be before the expiration date/time ${exp}`,
        status: 400,
        type: 'Sender',
      })
    }
  })

  it('clockSkewSeconds changes the window', async () => {
    const exp = NOW + 175
    const result = await verify(good, { clock: fixedClock((exp + 10) * 1000), clockSkewSeconds: 0 })
    expect(failedAt(result, 'verify.exp').error.code).toBe('ExpiredTokenException')
  })

  it('nbf or iat later than now + 300 s: not yet valid (sim choice)', async () => {
    expect((await verify(await sign(k1, claims({ nbf: NOW + 300 })))).ok).toBe(true)
    const nbf = failedAt(await verify(await sign(k1, claims({ nbf: NOW + 301 }))), 'verify.nbf')
    expect(nbf.error).toEqual({
      code: 'InvalidIdentityToken',
      message: NOT_VALIDATED,
      status: 400,
      type: 'Sender',
    })
    expect(nbf.check.summary).toMatch(/trustwalk applies it here too\.$/)
    const iat = await sign(k1, claims({ nbf: undefined, iat: NOW + 301 }))
    expect(failedAt(await verify(iat), 'verify.iat').error.message).toBe(NOT_VALIDATED)
  })

  it('an expired token with a bad signature fails at the signature, which comes first', async () => {
    const forged = await sign(k2, claims(), { kid: 'k1' })
    const result = await verify(forged, { clock: fixedClock((NOW + 10000) * 1000) })
    expect(failedAt(result, 'verify.signature').error.code).toBe('InvalidIdentityToken')
  })

  it('never throws for bad input', async () => {
    for (const input of [42, null, undefined, {}, '', '....']) {
      const result = await verify(input as string)
      expect(result.ok).toBe(false)
      expect(result.error).toBeInstanceOf(StsError)
    }
  })
})
