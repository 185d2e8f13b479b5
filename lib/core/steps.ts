/**
 * The five steps of the handshake as every surface names them: the CLI prints `id` and `summary`,
 * the site shows `number`, `title` and `description`. Step ids come from `trace.ts`; the order
 * is the order of the Trace (DESIGN.md "The five steps and the Trace").
 */
import type { StepId } from './trace.js'

export interface StepInfo {
  id: StepId
  /** 1 to 5, the position in the Trace. */
  number: number
  /** The step's name: `Discovery`, `Issue`, … */
  title: string
  /** A few words: what the step looks at (the CLI's step header). */
  summary: string
  /** One sentence: what happens at this step. */
  description: string
}

/** The five steps, in order. */
export const STEPS: readonly StepInfo[] = [
  {
    id: 'discovery',
    number: 1,
    title: 'Discovery',
    summary: 'AWS reads the issuer’s discovery document and JWKS',
    description: 'AWS reads the issuer’s openid-configuration and its JWKS (the public keys).',
  },
  {
    id: 'issue',
    number: 2,
    title: 'Issue',
    summary: 'the token and the request STS received',
    description: 'The job asks GitHub for a token with an audience; GitHub signs the claims.',
  },
  {
    id: 'verify',
    number: 3,
    title: 'Verify',
    summary: 'provider, audience, signature and time claims',
    description:
      'STS finds the OIDC provider for iss, checks aud, the RS256 signature and the times.',
  },
  {
    id: 'conditions',
    number: 4,
    title: 'Conditions',
    summary: 'the role’s trust policy',
    description: 'IAM evaluates the role’s trust policy against keys taken from the token.',
  },
  {
    id: 'credentials',
    number: 5,
    title: 'Credentials',
    summary: 'session duration, tags, temporary credentials',
    description: 'STS checks the session duration and returns temporary credentials.',
  },
]

/**
 * The metadata of one step.
 *
 * @example
 * stepInfo('verify').title // 'Verify'
 * stepInfo('verify').number // 3
 */
export function stepInfo(id: StepId): StepInfo {
  const info = STEPS.find((s) => s.id === id)
  if (!info) throw new Error(`unknown step ${String(id)}`)
  return info
}
