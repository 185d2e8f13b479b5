/**
 * Explaining claims without their token (`trustwalk explain --claims`). STS only ever receives a
 * token, so the claims are wrapped in one signed with a throwaway key, and the issuer's discovery
 * is answered in memory with that key. Everything STS then checks about the claims themselves —
 * provider for `iss`, `aud`, times, the trust policy — is the real code path; the checks that are
 * about the missing token (its format, discovery, key, signature) are replaced by notes saying
 * they were not made.
 */
import { CompactSign, exportJWK, generateKeyPair } from 'jose'
import { discoveryUrl } from '../aws/oidc/discovery.js'
import type { Fetch } from '../core/network.js'
import type { Check, Trace } from '../core/trace.js'

const KID = 'trustwalk-explain-claims'
const JWKS_URL = 'https://claims.trustwalk.invalid/jwks'

/**
 * A token carrying exactly `claims`, and a `fetch` that serves its key for the claims' `iss`.
 *
 * @example
 * const { token, fetch } = await tokenForClaims({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main' })
 * await assumeRoleWithWebIdentity(account, { RoleArn, RoleSessionName: 'x', WebIdentityToken: token }, { fetch })
 */
export async function tokenForClaims(
  claims: Record<string, unknown>,
): Promise<{ token: string; fetch: Fetch }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: KID })
    .sign(privateKey)
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined
  const configuration = iss === undefined ? undefined : discoveryUrl(iss)
  const fetch: Fetch = async (input) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === configuration) return Response.json({ issuer: iss, jwks_uri: JWKS_URL })
    if (url === JWKS_URL) return Response.json({ keys: [jwk] })
    return new Response('Not Found', { status: 404 })
  }
  return { token, fetch }
}

/** Checks about the token rather than its claims: not made when only claims were given. */
function aboutTheToken(check: Check): boolean {
  return (
    check.id.startsWith('discovery.') ||
    [
      'issue.token-length',
      'issue.jwt-format',
      'verify.kid-in-jwks',
      'verify.crit',
      'verify.signature',
    ].includes(check.id)
  )
}

/**
 * The Trace of a claims-only evaluation as the learner should read it: discovery skipped, and in
 * place of the token's format and signature checks, notes that they were not checked.
 * `claimsSource` says where the claims came from; `explainOptions` names the `trustwalk explain`
 * option that would check the signature.
 *
 * @example
 * withoutTokenChecks(trace, 'claims.json').steps[0].status // 'skipped'
 */
export function withoutTokenChecks(
  trace: Trace,
  claimsSource: string,
  options: { explainOptions?: boolean } = {},
): Trace {
  const steps = trace.steps.map((step) => {
    if (step.id === 'discovery') return { ...step, status: 'skipped' as const, checks: [] }
    const kept: Check[] = []
    let replaced = false
    for (const check of step.checks) {
      if (!aboutTheToken(check)) {
        kept.push(check)
        continue
      }
      if (replaced) continue
      replaced = true
      kept.push(
        step.id === 'issue'
          ? {
              id: 'issue.claims-given',
              ok: true,
              summary: `Claims read from ${claimsSource}: there is no token, so its header and format were not checked.`,
            }
          : {
              id: 'verify.signature-not-checked',
              ok: true,
              summary: options.explainOptions
                ? "The signature was NOT checked (--claims gives only the payload); STS verifies it with the issuer's JWKS. Use --token to check it."
                : "The signature was NOT checked (only the claims were given); STS verifies it with the issuer's JWKS.",
            },
      )
    }
    return { ...step, checks: kept }
  })
  return { ...trace, steps }
}
