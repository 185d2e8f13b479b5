/**
 * Discovery: how AWS finds GitHub's public keys.
 *
 * trustwalk's GitHub-style issuer (with the fixed demo keys) answers at GitHub's real URL on an
 * in-memory network. We fetch what STS fetches: the openid-configuration document, then the JWKS
 * its `jwks_uri` names, and print each check STS makes on them.
 */
import {
  createGitHubIssuer,
  createVirtualNetwork,
  fetchOidcConfiguration,
  fixedClock,
} from 'trustwalk'

const issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock('2026-10-08T18:31:15Z') })
const network = createVirtualNetwork({ [issuer.url]: issuer.handler })

const configuration = await fetchOidcConfiguration(issuer.url, { fetch: network.fetch })

console.log('The discovery document says:')
console.log(`  issuer   ${configuration.document.issuer}`)
console.log(`  jwks_uri ${configuration.document.jwks_uri}`)

console.log('\nThe JWKS holds these public keys:')
for (const key of configuration.keys) {
  console.log(`  kid ${key.kid}  ${key.kty} ${key.alg ?? '(no alg)'}  n=${key.n?.slice(0, 12)}…`)
}

console.log('\nWhat STS checked:')
for (const check of configuration.checks) {
  console.log(`  ${check.ok ? '✓' : '✗'} ${check.summary}`)
}

console.log('\nRequests on the network:')
for (const request of network.log) {
  console.log(`  ${request.method} ${request.url} → ${request.status}`)
}
