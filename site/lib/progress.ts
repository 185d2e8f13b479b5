/**
 * What the learner finished — chapters they marked, exercises whose checks all passed — kept in
 * this browser's localStorage only (never sent, never in a URL).
 */
const KEY = 'trustwalk-progress'

export type ProgressKind = 'chapter' | 'exercise'

interface Stored {
  chapter: string[]
  exercise: string[]
}

function read(): Stored {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>
    return {
      chapter: Array.isArray(value.chapter) ? value.chapter.map(String) : [],
      exercise: Array.isArray(value.exercise) ? value.exercise.map(String) : [],
    }
  } catch {
    return { chapter: [], exercise: [] }
  }
}

/** Whether this chapter or exercise is finished. */
export function isDone(kind: ProgressKind, id: string): boolean {
  return read()[kind].includes(id)
}

/** Everything finished of one kind. */
export function finished(kind: ProgressKind): Set<string> {
  return new Set(read()[kind])
}

/** Mark (or unmark) a chapter or exercise as finished. */
export function setDone(kind: ProgressKind, id: string, done: boolean): void {
  const stored = read()
  const rest = stored[kind].filter((x) => x !== id)
  stored[kind] = done ? [...rest, id] : rest
  try {
    localStorage.setItem(KEY, JSON.stringify(stored))
  } catch {
    // Storage off (private mode): progress lasts for this page only.
  }
}

/**
 * Mark the links to finished items: `a[data-chapter]` / `a[data-exercise-link]` under `root` get
 * `data-done` and a "✓ finished" note (visible tick, words for screen readers).
 */
export function markFinishedLinks(root: ParentNode): void {
  const marks: [ProgressKind, string][] = [
    ['chapter', 'a[data-chapter]'],
    ['exercise', 'a[data-exercise-link]'],
  ]
  for (const [kind, selector] of marks) {
    const done = finished(kind)
    for (const a of root.querySelectorAll<HTMLAnchorElement>(selector)) {
      const id = kind === 'chapter' ? a.dataset.chapter : a.dataset.exerciseLink
      a.querySelector('.done-mark')?.remove()
      if (!id || !done.has(id)) {
        delete a.dataset.done
        continue
      }
      a.dataset.done = ''
      const mark = document.createElement('span')
      mark.className = 'done-mark'
      const tick = document.createElement('span')
      tick.setAttribute('aria-hidden', 'true')
      tick.textContent = ' ✓'
      const words = document.createElement('span')
      words.className = 'visually-hidden'
      words.textContent = ' (finished)'
      mark.append(tick, words)
      a.append(mark)
    }
  }
}
