/** A line diff (longest common subsequence) for showing a learner's attempt against a solution. */

export type DiffLine = { kind: 'same' | 'del' | 'ins'; text: string }

/**
 * The lines of `before` and `after` as kept, removed (only in `before`) and added (only in
 * `after`), in order. Trailing spaces are ignored when comparing.
 *
 * @example
 * lineDiff('a\nb', 'a\nc') // [same a, del b, ins c]
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.replace(/\n$/, '').split('\n')
  const b = after.replace(/\n$/, '').split('\n')
  const eq = (x: string, y: string) => x.trimEnd() === y.trimEnd()
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = eq(a[i]!, b[j]!)
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (eq(a[i]!, b[j]!)) {
      out.push({ kind: 'same', text: b[j]! })
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ kind: 'del', text: a[i++]! })
    } else {
      out.push({ kind: 'ins', text: b[j++]! })
    }
  }
  while (i < a.length) out.push({ kind: 'del', text: a[i++]! })
  while (j < b.length) out.push({ kind: 'ins', text: b[j++]! })
  return out
}
