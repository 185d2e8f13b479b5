/** The cast diagram's step buttons: light one step (or all) on the SVG and in the legend. */
export function initCastControls(figure: HTMLElement): void {
  const buttons = [...figure.querySelectorAll<HTMLButtonElement>('[data-cast-show]')]
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const show = button.dataset.castShow ?? 'all'
      for (const el of figure.querySelectorAll<SVGGElement | HTMLElement>('[data-step]')) {
        el.classList.toggle('lit', show === 'all' || el.dataset.step === show)
      }
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button))
    })
  }
}
