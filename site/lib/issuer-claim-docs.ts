/**
 * The claim documentation of every issuer in the registry (GitLab, CircleCI, HCP Terraform,
 * Buildkite, Bitbucket, GitHub), for a token whose `iss` names another CI system than GitHub. The
 * inspector imports this module on demand, only for such a token, so pages showing GitHub tokens
 * do not ship every issuer's docs.
 */
import { explainClaimFor, getIssuerProfile, issuerKindForUrl } from '../../lib/index.js'

/** The explanation of a claim for the token's issuer, or a sentence saying it does not issue it. */
export function explainIssuerClaim(iss: string, claim: string): string {
  const name = getIssuerProfile(issuerKindForUrl(iss) ?? 'github').name
  return explainClaimFor(iss, claim) ?? `Not a claim ${name} issues.`
}
