/**
 * How deeply a parsed JSON value nests. `JSON.parse` reads any depth, but `JSON.stringify` and
 * every recursive walk over the value overflow the stack some thousands of levels down; the CLI
 * refuses such input up front with one sentence instead. Real inputs nest a few levels: GitHub's
 * claims are flat, a trust policy is four levels deep.
 */

/** Deepest nesting the CLI reads in a token's header or payload, a claims file or a policy. */
export const MAX_JSON_DEPTH = 100

/**
 * The nesting depth of `value` (a scalar is 0, `{}` and `[]` are 1), counted without recursion,
 * and stopping once it passes `limit`.
 *
 * @example
 * jsonDepth({ a: [1, { b: 2 }] }) // 3
 */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    const here = depth + 1
    if (here > deepest) deepest = here
    if (deepest > limit) return deepest
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, here])
    }
  }
  return deepest
}

/**
 * The sentence refusing `what` (e.g. "The token's payload") when it nests deeper than
 * `MAX_JSON_DEPTH`; undefined when it does not.
 *
 * @example
 * tooDeep({ a: 1 }, "The token's payload") // undefined
 */
export function tooDeep(value: unknown, what: string): string | undefined {
  const depth = jsonDepth(value, MAX_JSON_DEPTH)
  return depth > MAX_JSON_DEPTH
    ? `${what} nests JSON more than ${MAX_JSON_DEPTH} levels deep; trustwalk reads at most ${MAX_JSON_DEPTH} (real claims and policies nest a few levels).`
    : undefined
}
