/**
 * The demo world's constants, defined once: the account, repository, role and moment that the
 * scenarios, the examples, the CLI's defaults and the site's pages share. They are placeholders a
 * learner recognises, not facts about GitHub or AWS (those live with the side that owns them:
 * GitHub's issuer URL is `GITHUB_ISSUER` in lib/github).
 */

/** The example account id AWS uses throughout its documentation. */
export const DEMO_ACCOUNT_ID = '123456789012'

/** The organisation and repository the demo workflows run in. */
export const DEMO_OWNER = 'octo-org'
export const DEMO_REPO = 'octo-repo'

/** The role the demo workflows assume. */
export const DEMO_ROLE_NAME = 'deploy'

/**
 * The audience aws-actions/configure-aws-credentials asks GitHub for, and so the client ID an IAM
 * OIDC provider for GitHub lists (FACTS.md §2;
 * https://github.com/aws-actions/configure-aws-credentials).
 */
export const STS_AUDIENCE = 'sts.amazonaws.com'

/**
 * The RoleSessionName aws-actions/configure-aws-credentials sends unless told otherwise
 * (FACTS.md §2; https://github.com/aws-actions/configure-aws-credentials).
 */
export const DEFAULT_ROLE_SESSION_NAME = 'GitHubActions'

/** When demo tokens are minted (ISO-8601): the time of FACTS.md's sample token. */
export const DEMO_TIME = '2026-10-08T18:31:15Z'
