/**
 * The scenarios the walk offers: the library's named scenarios, in the library's order, then the
 * site's teaching variants — written in the same scenario format, built from a library scenario.
 */
import { SCENARIOS, getScenario, type IssuerScenario, type Scenario } from '../../lib/index.js'

function variant(base: string, changes: Partial<Scenario> & { name: string }): Scenario {
  const { expect: _expect, ...rest } = getScenario(base)
  return { ...structuredClone(rest), ...changes }
}

/** Replays for real errors the library's list does not cover on its own. */
const SITE_SCENARIOS: readonly Scenario[] = [
  variant('happy-path', {
    name: 'session-tags-without-tag-session',
    title: 'Session tags, but the trust policy does not allow sts:TagSession',
    description:
      'The token carries session tags (the https://aws.amazon.com/tags claim; GitHub never sends it, other issuers and role chaining do). The trust policy allows only sts:AssumeRoleWithWebIdentity, so STS refuses.',
    claims: {
      'https://aws.amazon.com/tags': {
        principal_tags: { team: ['deploy'] },
        transitive_tag_keys: ['team'],
      },
    },
  }),
]

export function scenarioList(): Scenario[] {
  return [...SCENARIOS, ...SITE_SCENARIOS]
}

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarioList().find((s) => s.name === name)
}

/** Whether a scenario's token comes from another CI system than GitHub. */
export function isIssuerScenario(s: Scenario | IssuerScenario): s is IssuerScenario {
  return s.issuerKind !== undefined && s.issuerKind !== 'github'
}

/**
 * Any scenario the walk offers: GitHub's at once, another issuer's after loading their list on
 * demand (site/lib/issuer-scenario-list.ts, its own chunk).
 */
export async function findScenario(name: string): Promise<Scenario | IssuerScenario | undefined> {
  return (
    scenarioNamed(name) ?? (await import('./issuer-scenario-list.js')).issuerScenarioNamed(name)
  )
}
