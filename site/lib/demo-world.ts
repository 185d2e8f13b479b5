/**
 * The in-page "world" the step-by-step chapters share: GitHub's issuer with the fixed demo keys,
 * reachable at its real URL over the library's virtual network, and the IAM OIDC provider an
 * account would register for it. Nothing here leaves the page.
 */
import {
  createGitHubIssuer,
  createVirtualNetwork,
  oidcProviderArn,
  type GitHubIssuer,
  type OidcProviderRef,
  type VirtualNetwork,
} from '../../lib/index.js'

/** The example account id AWS uses in its documentation. */
export const ACCOUNT_ID = '123456789012'
export const STS_AUDIENCE = 'sts.amazonaws.com'

export interface DemoWorld {
  issuer: GitHubIssuer
  network: VirtualNetwork
  /** The account's IAM OIDC provider for the issuer, accepting `sts.amazonaws.com`. */
  provider: OidcProviderRef
}

/** A fresh world; every call has its own issuer (so rotating keys in one demo leaves others alone). */
export async function createDemoWorld(): Promise<DemoWorld> {
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
  return {
    issuer,
    network,
    provider: {
      Url: issuer.url,
      ClientIDList: [STS_AUDIENCE],
      Arn: oidcProviderArn(ACCOUNT_ID, issuer.url),
    },
  }
}
