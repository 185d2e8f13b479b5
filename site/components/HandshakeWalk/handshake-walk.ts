/**
 * The walk's behaviour: run the library's `walk()` for the current state, then move the token card
 * through the stations, stopping at the first failed step. Stations are ARIA tabs (arrow keys move
 * between them); the state is mirrored in the URL; reduced motion skips the animation.
 */
import {
  STEPS,
  walk,
  type IssuerScenario,
  type Scenario,
  type Trace,
  type StepId,
} from '../../../lib/index.js'
import { el, find, prefersReducedMotion, replace } from '../../lib/dom.js'
import { findScenario, isIssuerScenario } from '../../lib/scenario-list.js'
import { stationPanel } from './walk-panel.js'
import { outcomeView } from './walk-outcome.js'
import {
  applyOverrides,
  readWalkState,
  runDefaults,
  writeWalkState,
  type RunOverrides,
  type WalkState,
} from './walk-state.js'

const REPLAY_EVENT = 'trustwalk:replay'
const STEP_MS = 420
/** The override field a library `InvalidInputError.path` points at. */
function fieldForPath(path: string): keyof RunOverrides | undefined {
  if (/run\.(branch|tag|ref|headRef|baseRef)/.test(path)) return 'branch'
  if (/run\.event/.test(path)) return 'event'
  if (/run\.environment/.test(path)) return 'environment'
  if (/audience/.test(path)) return 'audience'
  if (/sourceIp/.test(path)) return 'sourceIp'
  return undefined
}

/** How "You changed the run: …" names each field (the form's labels). */
const OVERRIDE_LABEL: Record<keyof RunOverrides, string> = {
  branch: 'branch',
  event: 'event',
  environment: 'environment',
  audience: 'audience',
  subjectForm: 'subject form',
  sourceIp: 'source IP',
}

const STATE_TEXT = { pass: 'passed', fail: 'failed', skipped: 'skipped' } as const

/** Ask the walk with this id (on the same page) to show a scenario from the start. */
export function replayScenario(walkId: string, scenario: string): void {
  document
    .getElementById(walkId)
    ?.dispatchEvent(new CustomEvent(REPLAY_EVENT, { detail: scenario }))
}

export async function initHandshakeWalk(root: HTMLElement): Promise<void> {
  const urlState = root.dataset.urlState === 'true'
  const fallback = root.dataset.default ?? ''
  const form = find<HTMLFormElement>(root, '[data-walk-form]')
  const select = find<HTMLSelectElement>(root, '[data-scenario]')
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const card = find(root, '[data-token-card]')
  const trackWrap = find(root, '[data-track-wrap]')
  const panel = find(root, '[data-panel]')
  const fields = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-override]')]
  const overridesBox = find<HTMLFieldSetElement>(root, '[data-overrides]')
  let trace: Trace | undefined
  /** The scenario `trace` walked (with the learner's changes): its account names the providers. */
  let walked: Scenario | IssuerScenario | undefined
  let position = 0
  let generation = 0

  let state: WalkState = urlState
    ? readWalkState(location.search, fallback)
    : { scenario: fallback, overrides: {} }
  if (!(await findScenario(state.scenario))) state = { scenario: fallback, overrides: {} }

  const fillForm = async () => {
    const scenario = await findScenario(state.scenario)
    if (!scenario) return
    select.value = scenario.name
    // Changing the run applies to GitHub's run model; another issuer's scenario walks as written.
    const other = isIssuerScenario(scenario)
    overridesBox.disabled = other
    overridesBox.hidden = other
    if (other) return
    const defaults = runDefaults(scenario)
    for (const field of fields) {
      const key = field.dataset.override as keyof RunOverrides
      field.value = state.overrides[key] ?? defaults[key]
      field.removeAttribute('aria-invalid')
    }
  }

  const readForm = async (): Promise<RunOverrides> => {
    const scenario = await findScenario(state.scenario)
    if (scenario && isIssuerScenario(scenario)) return {}
    const defaults = scenario ? runDefaults(scenario) : undefined
    const overrides: RunOverrides = {}
    for (const field of fields) {
      const key = field.dataset.override as keyof RunOverrides
      const value = field.value.trim()
      if (!defaults || value !== defaults[key]) overrides[key] = value
    }
    return overrides
  }

  const moveCard = (index: number, animate: boolean) => {
    position = index
    const slot = tabs[index]?.querySelector<HTMLElement>('[data-slot]')
    if (!slot) return
    const base = trackWrap.getBoundingClientRect()
    const rect = slot.getBoundingClientRect()
    if (!animate || prefersReducedMotion()) card.style.transition = 'none'
    card.style.transform = `translate(${rect.left - base.left}px, ${rect.top - base.top}px)`
    void card.offsetWidth
    card.style.transition = ''
  }

  const select_ = (id: StepId, focus = false) => {
    for (const tab of tabs) {
      const on = tab.dataset.station === id
      tab.setAttribute('aria-selected', String(on))
      tab.tabIndex = on ? 0 : -1
      if (on && focus) tab.focus()
    }
    panel.setAttribute('aria-labelledby', `${root.id}-tab-${id}`)
    replace(panel, trace ? stationPanel(trace, id, walked) : 'Walking…')
  }

  const setStation = (
    tab: HTMLButtonElement,
    status: 'pass' | 'fail' | 'skipped' | 'waiting' | 'current',
  ) => {
    tab.classList.remove('is-pass', 'is-fail', 'is-skipped', 'is-current')
    if (status !== 'waiting') tab.classList.add(`is-${status}`)
    replace(
      find(tab, '[data-state]'),
      status === 'waiting' ? 'waiting' : status === 'current' ? 'checking…' : STATE_TEXT[status],
    )
  }

  const sleep = (ms: number) =>
    prefersReducedMotion() ? Promise.resolve() : new Promise((r) => setTimeout(r, ms))

  const run = async () => {
    const mine = ++generation
    root.dataset.state = 'running'
    const found = await findScenario(state.scenario)
    if (!found || mine !== generation) return
    const scenario = found
    const changed = Object.entries(state.overrides).map(
      ([key, value]) =>
        `${OVERRIDE_LABEL[key as keyof RunOverrides]} → ${value === '' ? '(none)' : value === 'id' && key === 'subjectForm' ? 'ID form' : value}`,
    )
    replace(
      find(root, '[data-scenario-desc]'),
      scenario.description ?? scenario.title ?? '',
      changed.length ? el('strong', {}, ` You changed the run: ${changed.join(', ')}.`) : '',
    )
    if (urlState)
      history.replaceState(
        history.state,
        '',
        writeWalkState(location.search, state) + location.hash,
      )
    for (const tab of tabs) setStation(tab, 'waiting')
    card.classList.remove('stopped', 'done')
    replace(find(root, '[data-token-label]'), 'JWT')
    card.hidden = false
    moveCard(0, false)
    replace(find(root, '[data-outcome]'), 'Walking…')
    let result: Trace
    let changedScenario: Scenario | IssuerScenario
    try {
      changedScenario = isIssuerScenario(scenario)
        ? scenario
        : applyOverrides(scenario, state.overrides)
      result = await walk(changedScenario)
    } catch (error) {
      if (mine !== generation) return
      trace = undefined
      card.hidden = true
      const path = (error as { path?: string }).path ?? ''
      const key = fieldForPath(path)
      fields.find((f) => f.dataset.override === key)?.setAttribute('aria-invalid', 'true')
      replace(find(root, '[data-outcome]'), outcomeView(undefined, (error as Error).message))
      replace(panel, 'No walk: the run above cannot exist. Change the highlighted field.')
      root.dataset.state = 'error'
      return
    }
    if (mine !== generation) return
    trace = result
    walked = changedScenario
    let stop = result.steps.length - 1
    for (const [i, step] of result.steps.entries()) {
      const tab = tabs[i]!
      if (step.status === 'skipped' && result.steps.slice(i).every((s) => s.status === 'skipped')) {
        if (result.outcome.ok) continue
        for (const rest of tabs.slice(i)) setStation(rest, 'skipped')
        break
      }
      moveCard(i, true)
      setStation(tab, 'current')
      await sleep(STEP_MS)
      if (mine !== generation) return
      setStation(tab, step.status)
      if (step.status === 'fail') {
        stop = i
        card.classList.add('stopped')
        replace(find(root, '[data-token-label]'), 'stopped')
        for (const rest of tabs.slice(i + 1)) setStation(rest, 'skipped')
        break
      }
    }
    if (result.outcome.ok) {
      card.classList.add('done')
      replace(find(root, '[data-token-label]'), 'ASIA…')
    }
    replace(find(root, '[data-outcome]'), outcomeView(result))
    select_(result.steps[stop]!.id)
    root.dataset.state = 'done'
    root.dataset.outcome = result.outcome.ok ? 'ok' : 'fail'
    performance.mark('trustwalk:walk-done')
  }

  select.addEventListener('change', async () => {
    state = { scenario: select.value, overrides: {} }
    await fillForm()
    void run()
  })
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    state = { scenario: state.scenario, overrides: await readForm() }
    void run()
  })
  for (const field of fields) {
    field.addEventListener('change', async () => {
      state = { scenario: state.scenario, overrides: await readForm() }
      void run()
    })
  }
  find(root, '[data-walk-reset]').addEventListener('click', async () => {
    state = { scenario: state.scenario, overrides: {} }
    await fillForm()
    void run()
  })
  root.querySelector('[data-walk-share]')?.addEventListener('click', () => {
    const status = find(root, '[data-share-status]')
    void navigator.clipboard.writeText(location.href).then(
      () => replace(status, 'Link copied.'),
      () => replace(status, 'Copy the address bar to share this walk.'),
    )
  })
  root.addEventListener(REPLAY_EVENT, async (event) => {
    const name = String((event as CustomEvent<string>).detail)
    if (!(await findScenario(name))) return
    state = { scenario: name, overrides: {} }
    await fillForm()
    root.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' })
    void run()
  })

  // Tabs: click or arrow keys (WAI-ARIA tabs pattern, automatic activation).
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select_(STEPS[i]!.id))
    tab.addEventListener('keydown', (event) => {
      const last = tabs.length - 1
      const next =
        event.key === 'ArrowRight' || event.key === 'ArrowDown'
          ? i === last
            ? 0
            : i + 1
          : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
            ? i === 0
              ? last
              : i - 1
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? last
                : -1
      if (next < 0) return
      event.preventDefault()
      select_(STEPS[next]!.id, true)
    })
  }
  new ResizeObserver(() => moveCard(position, false)).observe(trackWrap)

  await fillForm()
  await run()
}
