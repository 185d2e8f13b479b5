/**
 * "Did you mean …?" for mistyped commands and options: the closest candidate by edit distance.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): the number of single
 * character insertions, deletions, substitutions or swaps of neighbours that turn `a` into `b`.
 *
 * @example
 * editDistance('decdoe', 'decode') // 1 (one swap)
 * editDistance('jsno', 'json') // 1
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      }
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * The candidate closest to `input`, if it is close enough to be what the user meant: within
 * a third of the word's length (at least 1, at most 3 edits), or the only candidate that starts
 * with `input`. Case is ignored when comparing.
 *
 * @example
 * suggest('--jsno', ['--json', '--help']) // '--json'
 * suggest('--frobnicate', ['--json', '--help']) // undefined
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const word = input.toLowerCase()
  const core = word.replace(/^-+/, '')
  const limit = Math.min(3, Math.max(1, Math.floor(core.length / 3)))
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== undefined && bestDistance <= limit) return best
  if (core.length >= 2) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(word))
    if (prefixed.length === 1) return prefixed[0]
  }
  return undefined
}
