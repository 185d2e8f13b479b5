/**
 * Wires one ExerciseRunner: the learner's file in the light editor (kept in this browser's
 * storage between visits), "Check my answer" with one line per hidden check, and Reset.
 */
import type { ExerciseCheckSpec } from '../../../lib/index.js'
import { createEditor } from '../../lib/example-editor.js'
import { lineDiff } from '../../lib/line-diff.js'
import { setDone } from '../../lib/progress.js'

const storageKey = (id: string) => `trustwalk-exercise-${id}`

function load(id: string): string | undefined {
  try {
    return localStorage.getItem(storageKey(id)) ?? undefined
  } catch {
    return undefined
  }
}

function save(id: string, text: string | undefined): void {
  try {
    if (text === undefined) localStorage.removeItem(storageKey(id))
    else localStorage.setItem(storageKey(id), text)
  } catch {
    // Storage may be off (private mode); the editor still works for this visit.
  }
}

/** Set up one `[data-exercise-runner]` element. */
export function initExerciseRunner(root: HTMLElement): void {
  const id = root.dataset.exercise ?? ''
  const start = JSON.parse(root.querySelector('script[data-start]')?.textContent ?? '""') as string
  const spec = JSON.parse(
    root.querySelector('script[data-check-spec]')?.textContent ?? '{}',
  ) as ExerciseCheckSpec
  const slot = root.querySelector<HTMLElement>('[data-editor]')!
  const checkButton = root.querySelector<HTMLButtonElement>('[data-check]')!
  const resetButton = root.querySelector<HTMLButtonElement>('[data-reset]')!
  const status = root.querySelector<HTMLElement>('[data-status]')!
  const results = root.querySelector<HTMLElement>('[data-results]')!

  const editor = createEditor(load(id) ?? start, {
    label: `Edit ${root.dataset.file ?? 'the file'}`,
    language: root.dataset.file?.endsWith('.json') ? 'json' : 'typescript',
    onRun: () => void check(),
    onChange: (text) => save(id, text === start ? undefined : text),
  })
  slot.replaceChildren(editor.element)

  async function check(): Promise<void> {
    checkButton.disabled = true
    status.dataset.kind = 'info'
    status.textContent = 'Checking…'
    try {
      const { checkExercise } = await import('./exercise-check.js')
      const report = await checkExercise(spec, editor.value)
      const passed = report.checks.filter((c) => c.ok).length
      status.dataset.kind = report.ok ? 'ok' : 'error'
      if (report.ok) setDone('exercise', id, true)
      status.textContent = report.ok
        ? `All ${passed} checks pass. Well done!`
        : `${passed} of ${report.checks.length} checks pass.`
      results.replaceChildren(
        ...report.checks.map((c) => {
          const item = document.createElement('li')
          item.dataset.ok = String(c.ok)
          item.dataset.checkId = c.id
          const mark = document.createElement('span')
          mark.className = 'mark'
          mark.textContent = c.ok ? '✓' : '✗'
          mark.setAttribute('aria-label', c.ok ? 'passed' : 'failed')
          const label = document.createElement('span')
          label.className = 'label'
          label.textContent = c.label
          const detail = document.createElement('span')
          detail.className = 'detail'
          detail.textContent = c.detail
          item.append(mark, label, detail)
          return item
        }),
      )
    } catch (error) {
      status.dataset.kind = 'error'
      status.textContent = `The checker could not load: ${String(error)}. Reload the page and try again.`
    } finally {
      checkButton.disabled = false
    }
  }

  // "Show a solution": the learner's file is left alone, and shown against the solution.
  const solution = JSON.parse(
    root.querySelector('script[data-solution]')?.textContent ?? '""',
  ) as string
  const details = root.querySelector<HTMLDetailsElement>('[data-solution-details]')
  const renderAttempt = () => {
    const box = root.querySelector<HTMLElement>('[data-attempt]')
    const pre = root.querySelector<HTMLElement>('[data-solution-diff]')
    if (!box || !pre) return
    const mine = editor.value
    box.hidden = mine.trim() === '' || mine === start
    if (box.hidden) return
    pre.replaceChildren(
      ...lineDiff(mine, solution).map((line) => {
        const span = document.createElement('span')
        span.className = line.kind
        span.dataset.diff = line.kind
        span.textContent = `${line.kind === 'del' ? '−' : line.kind === 'ins' ? '+' : ' '} ${line.text}\n`
        return span
      }),
    )
  }
  details?.addEventListener('toggle', () => {
    if (details.open) renderAttempt()
  })

  checkButton.addEventListener('click', () => void check())
  resetButton.addEventListener('click', () => {
    editor.value = start
    save(id, undefined)
    results.replaceChildren()
    status.textContent = ''
    editor.focus()
  })
}
