/**
 * CircleCI's two `sub` formats (FACTS-ISSUERS.md §2.3,
 * https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/):
 * - `$CIRCLE_OIDC_TOKEN`: `org/<ORG>/project/<PROJECT>/user/<USER>`;
 * - `$CIRCLE_OIDC_TOKEN_V2`: the same, then `/vcs-origin/<VCS_ORIGIN>/vcs-ref/<VCS_REF>`.
 * Custom-webhook triggers have no VCS claims and get the V1 form in both tokens (an earlier doc
 * version printed the long form for webhooks too: Unconfirmed; Sim choice V1). No customisation,
 * no escaping of `/` in origins.
 */

export type CircleCISubjectVersion = 'v1' | 'v2'

/**
 * Build `sub` from the claim values.
 *
 * @example
 * circleciSubject({ orgId: 'O', projectId: 'P', userId: 'U', vcsOrigin: 'github.com/acme/app', vcsRef: 'refs/heads/main' }, 'v2')
 * // 'org/O/project/P/user/U/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main'
 */
export function circleciSubject(
  parts: { orgId: string; projectId: string; userId: string; vcsOrigin?: string; vcsRef?: string },
  version: CircleCISubjectVersion,
): string {
  const v1 = `org/${parts.orgId}/project/${parts.projectId}/user/${parts.userId}`
  if (version === 'v1' || parts.vcsOrigin === undefined || parts.vcsRef === undefined) return v1
  return `${v1}/vcs-origin/${parts.vcsOrigin}/vcs-ref/${parts.vcsRef}`
}
