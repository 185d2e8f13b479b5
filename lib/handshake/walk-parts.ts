/**
 * Pieces every walk shares, whichever CI system issued the token: which role the job assumes, and
 * how a token is altered on the way.
 */
import type { createAwsAccount } from '../aws/account.js'
import { decodeBase64urlText, encodeBase64url } from '../core/base64url.js'
import { InvalidInputError } from '../core/errors.js'

/** The role ARN a scenario assumes: `roleArn`, else the role named `roleName`, else the first role. */
export function roleArnFor(
  scenario: { roleArn?: string; roleName?: string },
  account: ReturnType<typeof createAwsAccount>,
): string {
  if (scenario.roleArn !== undefined) return scenario.roleArn
  const role =
    scenario.roleName === undefined ? account.roles[0] : account.findRoleByName(scenario.roleName)
  if (!role) {
    throw new InvalidInputError(
      scenario.roleName === undefined
        ? 'account.roles: the account has no role to assume'
        : `roleName: the account has no role named ${scenario.roleName}`,
      scenario.roleName === undefined ? 'account.roles' : 'roleName',
    )
  }
  return role.Arn
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Alter a signed token the way an attacker (or a broken proxy) would; `payload` rewrites `sub` to
 * `forged` (or `forged:forged` when it already is).
 */
export function tamper(
  token: string,
  how: 'signature' | 'payload' | 'alg-none',
  forged: string,
): string {
  const [h, p, s] = token.split('.') as [string, string, string]
  if (how === 'signature') {
    const i = Math.floor(s.length / 2)
    const swapped = B64URL[(B64URL.indexOf(s[i]!) + 1) % 64]!
    return `${h}.${p}.${s.slice(0, i)}${swapped}${s.slice(i + 1)}`
  }
  const claims = JSON.parse(decodeBase64urlText(p, 'payload')) as Record<string, unknown>
  if (how === 'payload') {
    claims.sub = claims.sub === forged ? `${forged}:forged` : forged
    return `${h}.${encodeBase64url(JSON.stringify(claims))}.${s}`
  }
  const header = JSON.parse(decodeBase64urlText(h, 'header')) as Record<string, unknown>
  return `${encodeBase64url(JSON.stringify({ ...header, alg: 'none' }))}.${p}.`
}
