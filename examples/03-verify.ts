/**
 * Verify a token, as STS does before it believes a single claim.
 *
 * STS looks up the IAM OIDC provider for the token's `iss`, checks `aud` against its client IDs,
 * fetches the JWKS, picks the key named by `kid`, checks the RS256 signature and the times. We
 * verify one good token, then three bad ones: a wrong audience, a rewritten claim, an expired token.
 */
import {
  createGitHubIssuer,
  createVirtualNetwork,
  fixedClock,
  oidcProviderArn,
  verifyWebIdentityToken,
} from 'trustwalk'

const clock = fixedClock('2026-10-08T18:31:15Z')
const issuer = await createGitHubIssuer({ keys: 'demo', clock })
const network = createVirtualNetwork({ [issuer.url]: issuer.handler })

// The IAM OIDC provider in the role's account: GitHub's URL, and the audience STS accepts.
const provider = {
  Url: 'https://token.actions.githubusercontent.com',
  ClientIDList: ['sts.amazonaws.com'],
  Arn: oidcProviderArn('123456789012', 'https://token.actions.githubusercontent.com'),
}
const run = { owner: 'octo-org', repo: 'octo-repo', branch: 'main' }

async function verify(label: string, token: string, at = clock) {
  const result = await verifyWebIdentityToken(token, {
    providers: [provider],
    fetch: network.fetch,
    clock: at,
  })
  console.log(
    `${label}: ${result.ok ? 'verified' : `${result.error?.code}: ${result.error?.message}`}`,
  )
  if (result.ok) {
    for (const check of result.checks) console.log(`  ✓ ${check.summary}`)
  } else {
    const failed = result.checks.find((check) => !check.ok)
    console.log(`  ✗ ${failed?.summary}`)
  }
  console.log()
}

const good = await issuer.issueToken(run, { audience: 'sts.amazonaws.com' })
await verify('A genuine token', good)

await verify('Audience not in ClientIDList', await issuer.issueToken(run, { audience: 'sigstore' }))

// Rewrite a claim without the private key: the signature no longer matches the bytes.
const [header, payload, signature] = good.split('.') as [string, string, string]
const base64url = (text: string) =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
claims.sub = 'repo:octo-org/octo-repo:ref:refs/heads/attacker'
await verify('A claim rewritten', `${header}.${base64url(JSON.stringify(claims))}.${signature}`)

// Ten minutes later: past exp (300 s) and past STS's 300 s of allowed clock skew.
await verify('Ten minutes later', good, fixedClock('2026-10-08T18:41:16Z'))
