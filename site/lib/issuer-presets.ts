/**
 * The playground's presets for the other CI systems, one per issuer, built at build time from the
 * library (so the page does not ship every issuer's claims model): the claims of the issuer's
 * example run from its claims model, with the audience its AWS guide registers, and the
 * recommended trust policy — the policy of the issuer's happy-path scenario, which walk() proves.
 */
import { DEMO_TIME, fixedClock, ISSUERS, ISSUER_SCENARIOS } from '../../lib/index.js'

export interface IssuerPreset {
  /** The issuer kind: `gitlab`, `circleci`, … */
  kind: string
  /** Claims preset label, e.g. `GitLab: acme/app on main`. */
  claimsLabel: string
  claims: Record<string, unknown>
  /** Policy preset label. */
  policyLabel: string
  /** The recommended trust policy, as JSON text. */
  policyText: string
}

const CLOCK = fixedClock(DEMO_TIME)

/** One preset per issuer other than GitHub, in registry order. */
export function issuerPresets(): IssuerPreset[] {
  return ISSUERS.filter((p) => p.kind !== 'github').map((p) => {
    const run = p.exampleRun
    const happy = ISSUER_SCENARIOS.find((s) => s.name === `${p.kind}-happy-path`)
    const policy = happy?.account.roles?.[0]?.AssumeRolePolicyDocument
    if (policy === undefined) throw new Error(`no happy-path policy for ${p.kind}`)
    return {
      kind: p.kind,
      claimsLabel: `${p.name}: ${p.describeRun(run)}`,
      claims: p.claims(run, { audience: p.awsAudience(run), clock: CLOCK }),
      policyLabel: `${p.name}: the recommended policy (correct)`,
      policyText: typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2),
    }
  })
}
