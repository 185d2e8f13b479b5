/** How a wrong value is named in trustwalk's one-sentence error messages (internal). */

/**
 * "the number 5", "an array", "null": how a wrong value is named in messages.
 *
 * @example
 * describe('1791484575') // 'the string "1791484575"'
 */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value))}`
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${value}`
  if (typeof value === 'object') return 'an object'
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
