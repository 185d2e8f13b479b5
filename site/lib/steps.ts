/** The five steps of the handshake as the site names them (ids from lib/core/trace.ts). */
import type { StepId } from '../../lib/index.js'

export interface StepInfo {
  id: StepId
  number: number
  title: string
  /** One line: what happens at this step. */
  blurb: string
}

export const STEPS: readonly StepInfo[] = [
  {
    id: 'discovery',
    number: 1,
    title: 'Discovery',
    blurb: 'AWS reads the issuer’s openid-configuration and its JWKS (the public keys).',
  },
  {
    id: 'issue',
    number: 2,
    title: 'Issue',
    blurb: 'The job asks GitHub for a token with an audience; GitHub signs the claims.',
  },
  {
    id: 'verify',
    number: 3,
    title: 'Verify',
    blurb: 'STS finds the OIDC provider for iss, checks aud, the RS256 signature and the times.',
  },
  {
    id: 'conditions',
    number: 4,
    title: 'Conditions',
    blurb: 'IAM evaluates the role’s trust policy against keys taken from the token.',
  },
  {
    id: 'credentials',
    number: 5,
    title: 'Credentials',
    blurb: 'STS checks the session duration and returns temporary credentials.',
  },
]

export function stepInfo(id: StepId): StepInfo {
  const info = STEPS.find((s) => s.id === id)
  if (!info) throw new Error(`unknown step ${id}`)
  return info
}
