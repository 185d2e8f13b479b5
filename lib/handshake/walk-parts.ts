/**
 * Pieces every walk shares, whichever CI system issued the token: which role the job assumes, what
 * goes wrong between minting and STS (the scenario's perturbations), and the call to STS whose
 * Trace the job's side is added to.
 */
import type { createAwsAccount } from '../aws/account.js'
import { assumeRoleWithWebIdentity } from '../aws/sts/assume-role-with-web-identity.js'
import { seededRandom } from '../aws/sts/random.js'
import { decodeBase64urlText, encodeBase64url } from '../core/base64url.js'
import type { manualClock } from '../core/clock.js'
import { InvalidInputError } from '../core/errors.js'
import type { VirtualNetwork } from '../core/network.js'
import { addToStep, type Check, type IssueStepData, type Trace } from '../core/trace.js'
import type { Perturbations } from './scenario.js'
import type {} from './step-data.js'

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

/** The issuer's keys as a perturbation sees them. */
interface SigningKeys {
  signingKid: string
  rotateKeys(): Promise<string>
  retireKey(kid: string): void
}

/**
 * What happens to a minted token before STS sees it, as the scenario's perturbations say: altered
 * in transit, the issuer's keys rotated, STS called late. Records one passing `issue.*` check each
 * and returns the token as presented.
 */
export async function afterMinting(p: {
  platform: string
  token: string
  claims: Record<string, unknown>
  perturb: Omit<Perturbations, 'tokenFrom'>
  /** The sub a payload-tampering attacker writes in. */
  forgedSub: string
  keys: SigningKeys
  clock: ReturnType<typeof manualClock>
  checks: Check[]
}): Promise<string> {
  const { platform, perturb, clock, checks } = p
  let token = p.token
  if (perturb.tamper) {
    token = tamper(token, perturb.tamper, p.forgedSub)
    checks.push({
      id: 'issue.tampered-in-transit',
      ok: true,
      summary: {
        signature: `The token was altered after ${platform} signed it: one character of the signature changed.`,
        payload: `The token was altered after ${platform} signed it: its sub claim was rewritten without re-signing.`,
        'alg-none': `The token was altered after ${platform} signed it: the signature was stripped and the header claims "alg": "none".`,
      }[perturb.tamper],
      source: 'https://www.rfc-editor.org/rfc/rfc8725#section-2.1',
    })
  }
  if (perturb.rotateKeys) {
    const old = p.keys.signingKid
    const next = await p.keys.rotateKeys()
    if (perturb.rotateKeys === 'retire-old') p.keys.retireKey(old)
    checks.push({
      id: 'issue.keys-rotated',
      ok: true,
      summary: `${platform} rotated its signing key to ${next} after minting the token; the old key ${old} is ${perturb.rotateKeys === 'retire-old' ? 'no longer published in the JWKS' : 'still published'}.`,
      source: 'https://www.rfc-editor.org/rfc/rfc7517#section-5',
    })
  }
  if (perturb.expireBySeconds !== undefined) {
    const exp = Number(p.claims.exp)
    clock.advance(exp + perturb.expireBySeconds - clock().getTime() / 1000)
    checks.push({
      id: 'issue.sts-called-late',
      ok: true,
      summary: `The job calls STS ${perturb.expireBySeconds} s after the token's exp (STS tolerates 300 s of clock skew).`,
      actual: { exp, calledAt: Math.floor(clock().getTime() / 1000) },
      source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html',
    })
  }
  return token
}

/** The scenario fields the call to STS reads. */
interface StsCallScenario {
  name: string
  roleArn?: string
  roleName?: string
  sessionName?: string
  durationSeconds?: number
  policy?: string
  sourceIp?: string
}

/**
 * The job calls STS AssumeRoleWithWebIdentity over the network; STS builds the Trace, and the
 * job's side of the issue step (its checks and token), with what the network saw of discovery,
 * is added to it.
 */
export async function presentToSts(p: {
  scenario: StsCallScenario
  account: ReturnType<typeof createAwsAccount>
  token: string
  defaultSessionName: string
  net: VirtualNetwork
  clock: ReturnType<typeof manualClock>
  checks: Check[]
  issued: IssueStepData
  /** Which requests on the network were discovery (the issuer's documents and keys). */
  isDiscovery: (url: string) => boolean
}): Promise<Trace> {
  const { scenario } = p
  const trace = await assumeRoleWithWebIdentity(
    p.account,
    {
      RoleArn: roleArnFor(scenario, p.account),
      RoleSessionName: scenario.sessionName ?? p.defaultSessionName,
      WebIdentityToken: p.token,
      ...(scenario.durationSeconds !== undefined && { DurationSeconds: scenario.durationSeconds }),
      ...(scenario.policy !== undefined && { Policy: scenario.policy }),
    },
    {
      fetch: p.net.fetch,
      clock: p.clock,
      random: seededRandom(`walk:${scenario.name}`),
      ...(scenario.sourceIp !== undefined && { sourceIp: scenario.sourceIp }),
    },
  )
  const issued = addToStep(trace, 'issue', { checks: p.checks, data: p.issued })
  return addToStep(issued, 'discovery', {
    data: { requests: p.net.log.filter((r) => p.isDiscovery(r.url)) },
  })
}
