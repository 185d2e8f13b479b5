/**
 * The other CI systems' scenarios for the walk (the library's ISSUER_SCENARIOS), grouped by issuer.
 * The walk's script imports this module only when the reader picks one of them (see
 * scenario-list.ts `findScenario`), so a page that walks GitHub scenarios does not ship the
 * issuers' run models; the scenario menu is rendered at build time from `issuerScenarioGroups`.
 */
import { ISSUERS, ISSUER_SCENARIOS, type IssuerScenario } from '../../lib/index.js'

/** The issuer scenarios by issuer, in registry order, each group named by the issuer. */
export function issuerScenarioGroups(): {
  kind: string
  name: string
  scenarios: IssuerScenario[]
}[] {
  return ISSUERS.filter((p) => p.kind !== 'github').map((p) => ({
    kind: p.kind,
    name: p.name,
    scenarios: ISSUER_SCENARIOS.filter((s) => s.issuerKind === p.kind),
  }))
}

/** A copy of the issuer scenario with that name, or `undefined`. */
export function issuerScenarioNamed(name: string): IssuerScenario | undefined {
  const found = ISSUER_SCENARIOS.find((s) => s.name === name)
  return found && structuredClone(found)
}
