/**
 * Where the verification rules come from, and the texts STS answers with. Every `Check` the
 * verifier records points at one of these URLs; FACTS.md §3–§4 collects the evidence.
 */

/** Documentation behind each rule the verifier applies. */
export const SOURCES = {
  stsApi: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
  stsErrors:
    'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors',
  /** The 5-minute clock skew after `exp`. */
  iamOidc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
  /** Provider URL = `iss`, client IDs = audiences, accepted algorithms, integer timestamps. */
  iamCreateOidc:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html',
  /** "Couldn't retrieve verification key…": discovery/JWKS must be reachable (no time limit documented). */
  repostInvalidIdentityToken: 'https://repost.aws/knowledge-center/iam-sts-invalididentitytoken',
  oidcDiscovery: 'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig',
  oidcDiscoveryMetadata:
    'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata',
  oidcDiscoveryValidation:
    'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation',
  oidcIdToken: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
  jwsCompact: 'https://www.rfc-editor.org/rfc/rfc7515#section-7.1',
  jwsCrit: 'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11',
  jwkSet: 'https://www.rfc-editor.org/rfc/rfc7517#section-5',
  jwtClaims: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1',
  /** JWT best practice: verify the algorithm; never `none`; never HMAC with a public key. */
  jwtBcpAlgorithms: 'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
  githubOidc: 'https://docs.github.com/en/actions/reference/security/oidc',
} as const

/** STS accepts these JWS algorithms for OIDC tokens (FACTS.md §3, IAM "Create an OIDC provider"). */
export const STS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const
export type StsAlgorithm = (typeof STS_ALGORITHMS)[number]

/** `WebIdentityToken` length limits from the STS API reference. */
export const WEB_IDENTITY_TOKEN_MIN = 4
export const WEB_IDENTITY_TOKEN_MAX = 20000

/** IAM accepts a token up to 5 minutes after `exp` (SOURCES.iamOidc). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 300

/** The message texts STS answers with (FACTS.md §4). */
export const STS_MESSAGES = {
  noProvider: (iss: string) => `No OpenIDConnect provider found in your account for ${iss}`,
  audience: 'Incorrect token audience',
  discovery: (url: string) =>
    `Please check .well-known/openid-configuration of provider: ${url} is valid`,
  /** Two spaces after the comma, as in STS's raw answers (https://github.com/awslabs/aws-sdk-rust/issues/827). */
  verificationKey:
    "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  /** A registered claim is absent (https://github.com/aws/aws-sdk-ruby/issues/2698). */
  missingClaim: (name: string) => `Missing a required claim: ${name}`,
  expired: (now: number, exp: number) =>
    `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
  /**
   * Sim choice: the text STS is reported to answer for a token it cannot parse (seen in user
   * reports and in Amazon Cognito's troubleshooting notes); AWS does not document it.
   */
  notAJwt:
    'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
  /**
   * Sim choice: STS's text for a bad signature or a not-yet-valid token is unconfirmed, so we
   * answer with the documented description of `InvalidIdentityToken` (SOURCES.stsErrors).
   */
  notValidated:
    'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.',
  /** AWS's standard request-validation text for a length constraint on `WebIdentityToken`. */
  tokenLength: (bound: 'min' | 'max') =>
    `1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length ${
      bound === 'min'
        ? `greater than or equal to ${WEB_IDENTITY_TOKEN_MIN}`
        : `less than or equal to ${WEB_IDENTITY_TOKEN_MAX}`
    }`,
} as const
