/**
 * Start an island's heavy code only when the reader gets to it: when the island scrolls within
 * `margin` of the viewport, or when anything inside it gets focus or a pointer first (a keyboard
 * user tabbing in, a link to an anchor inside it). The page's first load then ships only the
 * islands in view — the 80 KB budget of JavaScript on page load (test/e2e/page-budget.test.ts) —
 * and the island is ready by the time it is on screen.
 */
export function whenNear(root: HTMLElement, start: () => void, margin = '200px'): void {
  let started = false
  let observer: IntersectionObserver | undefined
  const go = (): void => {
    if (started) return
    started = true
    observer?.disconnect()
    root.removeEventListener('focusin', go)
    root.removeEventListener('pointerdown', go)
    start()
  }
  if (typeof IntersectionObserver !== 'function') return go()
  observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), {
    rootMargin: `${margin} 0px`,
  })
  observer.observe(root)
  root.addEventListener('focusin', go)
  root.addEventListener('pointerdown', go)
}
