/**
 * Key rotation: why STS looks keys up by `kid` every time.
 *
 * GitHub rotates its signing keys. A token names its key in the header (`kid`); STS finds that key
 * in the issuer's current JWKS. While the old key is still published, old tokens verify; once it
 * is retired, they do not — and anyone who pinned a key instead of fetching the JWKS breaks on the
 * day of the rotation.
 */
import {
  createGitHubIssuer,
  createVirtualNetwork,
  decodeJwt,
  fixedClock,
  oidcProviderArn,
  verifyWebIdentityToken,
} from 'trustwalk'

const clock = fixedClock('2026-10-08T18:31:15Z')
const issuer = await createGitHubIssuer({ keys: 'demo', clock })
const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
const provider = {
  Url: issuer.url,
  ClientIDList: ['sts.amazonaws.com'],
  Arn: oidcProviderArn('123456789012', issuer.url),
}
const run = { owner: 'octo-org', repo: 'octo-repo', branch: 'main' }
const kidOf = (token: string) => decodeJwt(token).header.kid

async function check(label: string, token: string, fetch = network.fetch) {
  // No cache between calls, so every verification reads the JWKS as it is now.
  const result = await verifyWebIdentityToken(token, { providers: [provider], fetch, clock })
  const failed = result.checks.find((c) => !c.ok)
  console.log(
    `  ${label} (kid ${kidOf(token)}): ${result.ok ? 'verifies' : `${result.error?.code}: ${failed?.summary}`}`,
  )
}

const published = () =>
  issuer
    .jwks()
    .keys.map((k) => k.kid)
    .join(', ')

const before = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
const dayOneJwks = issuer.jwks()
console.log(`1. One key published: ${published()}`)
await check('token from before', before)

const oldKid = issuer.signingKid
const newKid = await issuer.rotateKeys()
const after = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
console.log(`\n2. Rotated: new tokens are signed by ${newKid}; both keys published: ${published()}`)
await check('token from before', before)
await check('token from after ', after)

issuer.retireKey(oldKid)
console.log(`\n3. Old key retired; published: ${published()}`)
await check('token from before', before)
await check('token from after ', after)

// A verifier that saved the JWKS on day one and never fetched it again:
const pinned = createVirtualNetwork({
  [issuer.url]: async (request) =>
    new URL(request.url).pathname === '/.well-known/jwks'
      ? Response.json(dayOneJwks)
      : issuer.handler(request),
})
console.log(
  `\n4. A verifier that pinned the day-one JWKS (${dayOneJwks.keys.map((k) => k.kid).join(', ')}):`,
)
await check('token from after ', after, pinned.fetch)
console.log('   Fetch the JWKS from jwks_uri and select the key by kid; never pin keys.')
