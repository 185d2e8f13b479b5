/**
 * What the policy editors mark (policy-editor.ts draws them at once, rich-editor.ts once it has
 * loaded): a line that failed or matched, and the token a value starts at.
 */
export type LineMark = 'error' | 'match' | 'miss'
export type SpanMark = 'match' | 'miss'

export interface EditorMarks {
  /** 1-based line → mark. */
  lines?: Map<number, LineMark>
  /** 0-based offset of a token's first character → mark. */
  spans?: Map<number, SpanMark>
}

/** The symbol beside a marked line's number. */
export const LINE_MARK_SYMBOL: Record<LineMark, string> = { error: '!', match: '✓', miss: '✗' }
