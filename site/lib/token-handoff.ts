/**
 * Passing a token between islands without ever putting it in a URL: an event for an inspector on
 * the same page, sessionStorage (this tab only) for the standalone /inspect page.
 */
export const INSPECT_EVENT = 'trustwalk:inspect'
const HANDOFF_KEY = 'trustwalk-inspect-token'

/** Give a token to the inspector with this id on the same page. */
export function inspectToken(id: string, token: string): void {
  document.getElementById(id)?.dispatchEvent(new CustomEvent(INSPECT_EVENT, { detail: token }))
}

/** Leave a token for the /inspect page. */
export function handOffToken(token: string): void {
  try {
    sessionStorage.setItem(HANDOFF_KEY, token)
  } catch {
    // Storage disabled: the reader can still paste the token.
  }
}

/** Take (and remove) a token left for the inspector, if any. */
export function takeHandedToken(): string | null {
  try {
    const token = sessionStorage.getItem(HANDOFF_KEY)
    sessionStorage.removeItem(HANDOFF_KEY)
    return token
  } catch {
    return null
  }
}
