/**
 * Passing a token between islands without ever putting it in a URL: an event for an inspector on
 * the same page, sessionStorage (this tab only) for the standalone /inspect page.
 */
export const INSPECT_EVENT = 'trustwalk:inspect'
const HANDOFF_KEY = 'trustwalk-inspect-token'

/**
 * The latest token given to an inspector element, kept on the element (in memory, never in the
 * DOM's attributes) so that an inspector whose script starts after the form has issued its first
 * token still shows it: islands' scripts start in no guaranteed order relative to each other's
 * async work. `Symbol.for` so every bundle that includes this module shares the key.
 */
const PENDING = Symbol.for('trustwalk.inspect.pending')
type WithPending = HTMLElement & { [PENDING]?: string }

/** Give a token to the inspector with this id on the same page (now, or when it starts). */
export function inspectToken(id: string, token: string): void {
  const target = document.getElementById(id) as WithPending | null
  if (!target) return
  target[PENDING] = token
  target.dispatchEvent(new CustomEvent(INSPECT_EVENT, { detail: token }))
}

/** The token last given to this inspector before it listened, if any (taken once). */
export function takePendingToken(root: HTMLElement): string | null {
  const target = root as WithPending
  const token = target[PENDING] ?? null
  delete target[PENDING]
  return token
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
