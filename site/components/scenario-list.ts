/** The library's named scenarios as a list, in the library's order. */
import { SCENARIOS, type Scenario } from '../../lib/index.js'

export function scenarioList(): Scenario[] {
  const all = SCENARIOS as unknown as Scenario[] | Record<string, Scenario>
  return Array.isArray(all) ? [...all] : Object.values(all)
}

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarioList().find((s) => s.name === name)
}
