/** The light/dark toggle: `data-theme` on <html>, remembered in localStorage (never sent anywhere). */
const KEY = 'trustwalk-theme'

export type Theme = 'light' | 'dark'

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
}

export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(KEY, theme)
  } catch {
    // Storage can be disabled; the toggle still works for this page.
  }
}

/** Wire a toggle button: aria-pressed mirrors "dark theme on". */
export function initThemeToggle(button: HTMLButtonElement): void {
  const sync = () => button.setAttribute('aria-pressed', String(currentTheme() === 'dark'))
  sync()
  button.addEventListener('click', () => {
    setTheme(currentTheme() === 'dark' ? 'light' : 'dark')
    sync()
  })
}
