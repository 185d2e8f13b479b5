/**
 * The known-error catalogue: the error messages people really see when GitHub Actions assumes an
 * AWS role, with their cause and fix (FACTS.md §2 "Top user-reported errors" and §4), and the
 * scenario that replays each in the walk where one can. The site's error catalogue renders it;
 * `knownErrorFor` finds the entry for an answer STS gave.
 */
import { STS_MESSAGES } from '../aws/oidc/sources.js'
import { DURATION_EXCEEDS_MAX, NOT_AUTHORIZED } from '../aws/sts/assume-role-with-web-identity.js'
import type { StsErrorShape } from '../core/trace.js'
import { GITHUB_ISSUER } from '../github/claims.js'

const ISSUES = 'https://github.com/aws-actions/configure-aws-credentials/issues/'
const STS_ERRORS =
  'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors'

export interface KnownError {
  id: string
  /** The message exactly as printed (after "Could not assume role with OIDC: " when STS sent it). */
  message: string
  /** STS error code and HTTP status, when the message comes from STS: `AccessDenied (403)`. */
  code?: string
  /** The STS messages this entry explains, when `message` is a shortened or sample form. */
  matches?: RegExp
  cause: string
  fix: string
  /** Threads and documentation. */
  sources: { label: string; url: string }[]
  /** Candidate scenario names, first existing one wins. */
  scenarios: string[]
  /** Why the walk cannot replay this one, when no scenario can. */
  noReplay?: string
}

export const KNOWN_ERRORS: readonly KnownError[] = [
  {
    id: 'no-credentials',
    message:
      'Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers',
    cause:
      'The job has no id-token: write permission, so the runner never set ACTIONS_ID_TOKEN_REQUEST_TOKEN; configure-aws-credentials fell back to looking for ordinary credentials and found none. Typical causes: a job-level permissions: block that replaces the workflow’s, or a pull request from a fork (which never gets the permission).',
    fix: 'Add permissions: id-token: write (and contents: read) to the job — or to the workflow if no job declares its own. Do not give fork pull requests a deploy role.',
    sources: [
      { label: '#271', url: `${ISSUES}271` },
      { label: '#282', url: `${ISSUES}282` },
    ],
    scenarios: [],
    noReplay: 'No replay: the job never gets a token, so nothing reaches STS.',
  },
  {
    id: 'not-authorized',
    message: NOT_AUTHORIZED,
    code: 'AccessDenied (403)',
    cause:
      'The token is genuine but the role’s trust policy does not allow it. Usually sub differs from what the policy expects: the job declares an environment (sub ends in environment:NAME), runs for a pull request (sub ends in pull_request), a name differs in case, the repository uses a custom sub template or the new immutable @ID form, or the role does not exist.',
    fix: 'Print the token’s claims (not the token) and compare them with the policy — the explainer below does it for you. Then change the policy to name exactly this run, or run from the branch or environment it names.',
    sources: [
      { label: '#318', url: `${ISSUES}318` },
      { label: '#672', url: `${ISSUES}672` },
      { label: '#686', url: `${ISSUES}686` },
    ],
    scenarios: ['pull-request', 'environment-subject', 'unknown-role'],
  },
  {
    id: 'thumbprint',
    message: "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
    code: 'InvalidIdentityToken (400)',
    cause:
      'Historic. The provider’s thumbprint no longer matched the certificate chain serving GitHub’s JWKS after GitHub’s TLS changes of January 2022 and June 2023.',
    fix: 'Nothing to do today: since 6 July 2023 AWS validates GitHub’s certificate against trusted root CAs and ignores the thumbprint. trustwalk validates the format and otherwise ignores it too, so there is no replay.',
    sources: [
      { label: '#357', url: `${ISSUES}357` },
      { label: '#763', url: `${ISSUES}763` },
      {
        label: 'UpdateOpenIDConnectProviderThumbprint',
        url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html',
      },
    ],
    scenarios: [],
    noReplay:
      'No replay: AWS no longer checks a thumbprint for GitHub, and neither does trustwalk.',
  },
  {
    id: 'verification-key',
    message: STS_MESSAGES.verificationKey,
    code: 'InvalidIdentityToken (400)',
    cause:
      'STS could not fetch the issuer’s discovery document or JWKS in time (seen with many parallel jobs), or could not find the key named by the token’s kid.',
    fix: 'Re-run the job; configure-aws-credentials retries since v1.6.1. For your own issuer, make {iss}/.well-known/openid-configuration and jwks_uri answer quickly over HTTPS.',
    sources: [
      { label: '#299', url: `${ISSUES}299` },
      {
        label: 'AWS re:Post',
        url: 'https://repost.aws/knowledge-center/iam-sts-invalididentitytoken',
      },
    ],
    scenarios: ['rotated-key'],
  },
  {
    id: 'no-provider',
    message: STS_MESSAGES.noProvider(GITHUB_ISSUER),
    code: 'InvalidIdentityToken (400)',
    matches: /^No OpenIDConnect provider found in your account for /,
    cause:
      'The role’s account has no IAM OIDC provider whose URL is exactly the token’s iss: none was created, it is in another account, or its URL differs (a trailing slash, the old vstoken. issuer, a GitHub Enterprise Server issuer).',
    fix: 'Create the provider in the role’s account with URL https://token.actions.githubusercontent.com and client ID sts.amazonaws.com (see Set it up for real).',
    sources: [
      { label: '#280', url: `${ISSUES}280` },
      { label: '#727', url: `${ISSUES}727` },
      { label: '#1043', url: `${ISSUES}1043` },
    ],
    scenarios: ['unknown-provider'],
  },
  {
    id: 'audience',
    message: STS_MESSAGES.audience,
    code: 'InvalidIdentityToken (400)',
    cause:
      'The token’s aud is not one of the provider’s client IDs: for example the job asked for no audience (aud https://github.com/OWNER), or for sigstore, while the provider lists sts.amazonaws.com.',
    fix: 'Use the default audience of configure-aws-credentials (sts.amazonaws.com) or set audience: to a value the provider lists — or add the audience to the provider’s client IDs.',
    sources: [
      { label: '#291', url: `${ISSUES}291` },
      { label: '#775', url: `${ISSUES}775` },
      { label: '#1309', url: `${ISSUES}1309` },
    ],
    scenarios: ['wrong-audience'],
  },
  {
    id: 'role-name',
    message: 'A role named GitHubActions (or containing “github”) fails with a vague error',
    cause: 'Reported by several users; the cause is not confirmed by AWS.',
    fix: 'Rename the role (e.g. deploy-from-github) and try again.',
    sources: [
      { label: '#953', url: `${ISSUES}953` },
      { label: '#1093', url: `${ISSUES}1093` },
    ],
    scenarios: [],
    noReplay: 'No replay: the cause is not known.',
  },
  {
    id: 'duration',
    message: DURATION_EXCEEDS_MAX,
    code: 'ValidationError (400)',
    cause:
      'role-duration-seconds (DurationSeconds) is larger than the role’s MaxSessionDuration, which is 3600 seconds unless raised.',
    fix: 'Lower role-duration-seconds, or raise the role’s MaxSessionDuration (up to 43200).',
    sources: [{ label: '#354', url: `${ISSUES}354` }],
    scenarios: ['duration-too-long'],
  },
  {
    id: 'tag-session',
    message: 'User: … is not authorized to perform: sts:TagSession on resource: …',
    code: 'AccessDenied (403)',
    matches: /is not authorized to perform: sts:TagSession/,
    cause:
      'Session tags were sent (configure-aws-credentials tags sessions when chaining roles; a token can carry tags) but the trust policy does not allow sts:TagSession.',
    fix: 'Add sts:TagSession to the trust policy’s Action list, or set role-skip-session-tagging: true.',
    sources: [
      { label: '#600', url: `${ISSUES}600` },
      {
        label: 'Session tags',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
      },
    ],
    scenarios: ['session-tags-without-tag-session'],
  },
  {
    id: 'session-name',
    message:
      "1 validation error detected: Value '…' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    code: 'ValidationError (400)',
    matches: /at 'roleSessionName' failed to satisfy constraint/,
    cause:
      'RoleSessionName must be 2–64 characters of letters, digits and + = , . @ - _. A session name built from a branch name with a slash, or a long run description, breaks it.',
    fix: 'Set role-session-name to a value made only of those characters (configure-aws-credentials defaults to GitHubActions).',
    sources: [
      {
        label: 'STS API reference',
        url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
      },
    ],
    scenarios: ['bad-session-name'],
  },
  {
    id: 'expired',
    message:
      'Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240',
    code: 'ExpiredTokenException (400)',
    matches: /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
    cause:
      'The token reached STS more than 5 minutes after its exp: it was requested early and used late, or reused from a previous step.',
    fix: 'Request the token right before calling STS; never store it for later steps.',
    sources: [
      { label: 'STS errors', url: STS_ERRORS },
      {
        label: 'IAM: 5-minute skew',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
      },
    ],
    scenarios: ['expired-token'],
  },
  {
    id: 'openid-configuration',
    message: 'Please check .well-known/openid-configuration of provider: <url> is valid',
    code: 'InvalidIdentityToken (400)',
    matches: /^Please check \.well-known\/openid-configuration of provider: .* is valid$/,
    cause:
      'The discovery document at {iss}/.well-known/openid-configuration is missing or invalid — typical for a self-hosted issuer (GitHub Enterprise Server: https://HOSTNAME/_services/token).',
    fix: 'Serve a valid discovery document whose issuer equals iss and whose jwks_uri is reachable over HTTPS.',
    sources: [
      {
        label: 'OIDC Discovery 1.0',
        url: 'https://openid.net/specs/openid-connect-discovery-1_0.html',
      },
    ],
    scenarios: [],
    noReplay:
      "No replay: GitHub's discovery document is always valid; see the Discovery chapter for what STS checks.",
  },
  {
    id: 'bad-signature',
    message:
      'The web identity token that was passed could not be validated by Amazon Web Services.',
    code: 'InvalidIdentityToken (400)',
    matches:
      /^The web identity token that was passed could not be validated by Amazon Web Services\./,
    cause:
      'The signature does not verify: the token was altered after GitHub signed it, or signed with a key the issuer does not publish. AWS does not document the exact text for this case; trustwalk uses the documented description of InvalidIdentityToken.',
    fix: 'Pass the token exactly as the runner returned it.',
    sources: [{ label: 'STS errors', url: STS_ERRORS }],
    scenarios: ['tampered-signature'],
  },
]

/**
 * The catalogue entry that explains an answer STS gave, if any.
 *
 * @example
 * knownErrorFor({ code: 'InvalidIdentityToken', message: 'Incorrect token audience', status: 400 })?.id
 * // 'audience'
 */
export function knownErrorFor(
  error: Pick<StsErrorShape, 'code' | 'message'>,
): KnownError | undefined {
  return KNOWN_ERRORS.find(
    (e) =>
      e.code?.startsWith(`${error.code} `) &&
      (e.matches ? e.matches.test(error.message) : e.message === error.message),
  )
}
