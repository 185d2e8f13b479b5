/**
 * A tiny element builder for the islands. Strings always become text nodes — never HTML — so a
 * claim value such as `<img src=x onerror=alert(1)>` shows as those characters and runs nothing.
 */
export type Child = Node | string | number | false | null | undefined
export type Attrs = Record<string, string | number | boolean | undefined | null>

/** Create an element; attributes with false/null/undefined are left out, true sets an empty one. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue
    node.setAttribute(name, value === true ? '' : String(value))
  }
  append(node, ...children)
  return node
}

/** Append children, strings as text. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

/** Replace all children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren()
  append(parent, ...children)
}

/** The element for `selector` inside `root`; throws a clear error when the markup is out of sync. */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`trustwalk site: missing element ${selector}`)
  return found
}

/** Whether the reader asked for less motion. */
export function prefersReducedMotion(): boolean {
  return matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** A value for display: strings as they are, everything else as compact JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return '(absent)'
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
