/**
 * The OIDC issuers trustwalk knows: the CI/CD platforms whose tokens it models (FACTS.md §1.7,
 * FACTS-ISSUERS.md §9), and the local emulators `trustwalk serve` starts on loopback. A surface
 * that fetches from an issuer named by an unverified token (`trustwalk decode --verify`) fetches
 * only from these unless the user names another. One list, here: an issuer folder added under
 * `lib/` adds its issuer to it.
 */

/** One known issuer: which `iss` values are its, and where that is written down. */
export interface KnownIssuer {
  /** The platform, for messages: "GitHub Actions". */
  name: string
  /** The platform's short name, shared by its variants: "GitHub". */
  platform: string
  /** The `iss` values of this issuer: an exact URL, or a pattern for per-tenant issuers. */
  iss: string | RegExp
  /** Where the issuer URL is documented. */
  source: string
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

/**
 * The public issuers, as FACTS-ISSUERS.md §9 lists them. Self-hosted ones (GHES, self-managed
 * GitLab, Terraform Enterprise) live on any host, so they are not here: name them with `--issuer`.
 */
export const KNOWN_ISSUERS: readonly KnownIssuer[] = [
  {
    name: 'GitHub Actions',
    platform: 'GitHub',
    iss: 'https://token.actions.githubusercontent.com',
    source: 'https://docs.github.com/en/actions/reference/security/oidc',
  },
  {
    name: 'GitHub Actions (enterprise issuer)',
    platform: 'GitHub',
    iss: /^https:\/\/token\.actions\.githubusercontent\.com\/[A-Za-z0-9][A-Za-z0-9-]*$/,
    source: 'https://docs.github.com/en/actions/reference/security/oidc',
  },
  {
    name: 'GitHub Enterprise Cloud with data residency (GHE.com)',
    platform: 'GitHub',
    iss: /^https:\/\/token\.actions\.[a-z0-9][a-z0-9-]*\.ghe\.com(\/[a-z0-9][a-z0-9-]*)?$/,
    source: 'https://docs.github.com/en/actions/reference/security/oidc',
  },
  {
    name: 'GitLab.com',
    platform: 'GitLab.com',
    iss: 'https://gitlab.com',
    source: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  },
  {
    name: 'CircleCI',
    platform: 'CircleCI',
    iss: new RegExp(`^https://oidc\\.circleci\\.com(/org/${UUID})?$`),
    source: 'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/',
  },
  {
    name: 'HCP Terraform',
    platform: 'HCP Terraform',
    iss: 'https://app.terraform.io',
    source:
      'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens',
  },
  {
    name: 'Buildkite',
    platform: 'Buildkite',
    iss: 'https://agent.buildkite.com',
    source: 'https://buildkite.com/docs/agent/cli/reference/oidc',
  },
  {
    name: 'Bitbucket Pipelines',
    platform: 'Bitbucket',
    iss: /^https:\/\/api\.bitbucket\.org\/2\.0\/workspaces\/[^/?#\s]+\/pipelines-config\/identity\/oidc$/,
    source:
      'https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/',
  },
  {
    name: 'Azure DevOps',
    platform: 'Azure DevOps',
    iss: new RegExp(`^https://vstoken\\.dev\\.azure\\.com/${UUID}$`),
    source:
      'https://github.com/gravitational/teleport/blob/master/rfd/0211-azure-devops-joining.md',
  },
]

/**
 * The platforms of `KNOWN_ISSUERS`, each once, in order: "GitHub, GitLab.com, CircleCI, …".
 *
 * @example
 * KNOWN_PLATFORMS[0] // 'GitHub'
 */
export const KNOWN_PLATFORMS: readonly string[] = [...new Set(KNOWN_ISSUERS.map((k) => k.platform))]

/**
 * The local emulators' issuer: `trustwalk serve` serves it over plain http on a loopback address,
 * with no path (lib/node/emulators.ts).
 */
const LOCAL_EMULATOR = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/

/**
 * The known issuer an `iss` names, or undefined. The match is exact (scheme, host, path; no
 * trailing slash), as IAM matches a provider URL.
 *
 * @example
 * knownIssuer('https://token.actions.githubusercontent.com')?.name // 'GitHub Actions'
 * knownIssuer('http://127.0.0.1:4010')?.name // 'trustwalk serve (local emulator)'
 * knownIssuer('https://evil.example') // undefined
 */
export function knownIssuer(iss: string): KnownIssuer | undefined {
  if (LOCAL_EMULATOR.test(iss)) {
    return {
      name: 'trustwalk serve (local emulator)',
      platform: 'trustwalk serve',
      iss: LOCAL_EMULATOR,
      source: 'trustwalk serve --help',
    }
  }
  return KNOWN_ISSUERS.find((known) =>
    typeof known.iss === 'string' ? known.iss === iss : known.iss.test(iss),
  )
}
