/**
 * The in-page "world" the step-by-step chapters share: GitHub's issuer with the fixed demo keys,
 * reachable at its real URL over the library's virtual network, and the IAM OIDC provider an
 * account would register for it. Nothing here leaves the page.
 */
import {
  createGitHubIssuer,
  createVirtualNetwork,
  DEMO_ACCOUNT_ID,
  DEMO_OWNER,
  DEMO_REPO,
  oidcProviderArn,
  STS_AUDIENCE,
  type GitHubIssuer,
  type OidcProviderRef,
  type VirtualNetwork,
  type WorkflowRun,
} from '../../lib/index.js'

/** The demo workflow run: a push to the protected main branch of the demo repository. */
export const MAIN_RUN: WorkflowRun = {
  owner: DEMO_OWNER,
  repo: DEMO_REPO,
  branch: 'main',
  refProtected: true,
}

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
      Arn: oidcProviderArn(DEMO_ACCOUNT_ID, issuer.url),
    },
  }
}
