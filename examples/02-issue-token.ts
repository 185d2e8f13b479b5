/**
 * Issue a token: a workflow run becomes a signed OIDC token.
 *
 * A job with `permissions: id-token: write` asks GitHub's token endpoint for a token with the
 * audience `sts.amazonaws.com`. We do the same against trustwalk's issuer, the way the runner does
 * (`ACTIONS_ID_TOKEN_REQUEST_URL` + a bearer request token), then take the token apart.
 */
import { createGitHubIssuer, createVirtualNetwork, decodeJwt, fixedClock } from 'trustwalk'

const issuer = await createGitHubIssuer({ keys: 'demo', clock: fixedClock('2026-10-08T18:31:15Z') })
const network = createVirtualNetwork({ [issuer.url]: issuer.handler })

// What the runner gives a job: a token-endpoint URL and a bearer token for this one job.
const env = issuer.runnerEnv({ owner: 'octo-org', repo: 'octo-repo', branch: 'main' })

// What @actions/core getIDToken('sts.amazonaws.com') sends.
const url = `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent('sts.amazonaws.com')}`
const response = await network.fetch(url, {
  headers: { authorization: `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
})
const { value: token } = (await response.json()) as { value: string }

const [header, payload, signature] = token.split('.')
console.log(`GET ${new URL(url).pathname}${new URL(url).search} → ${response.status}`)
console.log(
  `The token has three parts: ${header?.length} + ${payload?.length} + ${signature?.length} characters\n`,
)

const decoded = decodeJwt(token)
console.log(`header: ${JSON.stringify(decoded.header)}\n`)
console.log('The claims AWS will read:')
for (const name of ['iss', 'aud', 'sub', 'repository', 'ref', 'event_name', 'repository_id']) {
  console.log(`  ${name.padEnd(14)} ${JSON.stringify(decoded.payload[name])}`)
}
const { iat, nbf, exp } = decoded.payload as { iat: number; nbf: number; exp: number }
console.log(
  `\nissued ${new Date(iat * 1000).toISOString()}, valid from ${new Date(nbf * 1000).toISOString()}`,
)
console.log(`expires ${new Date(exp * 1000).toISOString()} (exp − iat = ${exp - iat} s)`)
