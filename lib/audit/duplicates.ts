/**
 * Duplicate JSON keys: IAM (like `JSON.parse`) keeps the last of two equal keys, so a second
 * `"StringEquals"` block silently drops the first one's conditions
 * (https://github.com/alphagov/govuk-infrastructure/pull/879). To tell whether that matters, the
 * auditor builds what the author most likely meant — duplicate objects merged — and checks which
 * allowed attacker runs that version would have stopped.
 */
import type { JsonNode } from '../aws/policy/json-source.js'
import { parseJsonSource } from '../aws/policy/json-source.js'

/**
 * The document with duplicate object members merged (objects merged key by key, anything else:
 * the last one), i.e. every condition the author wrote.
 *
 * @example
 * mergedDuplicates('{"C": {"A": 1}, "C": {"B": 2}}') // { C: { A: 1, B: 2 } }
 */
export function mergedDuplicates(text: string): unknown {
  return merged(parseJsonSource(text))
}

function merged(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const e of node.entries) {
        const value = merged(e.value)
        const prev = out[e.key]
        out[e.key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : value
      }
      return out
    }
    case 'array':
      return node.items.map(merged)
    case 'null':
      return null
    default:
      return node.value
  }
}

function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = isObject(prev) && isObject(v) ? deepMerge(prev, v) : v
  }
  return out
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The value at a JSON path such as `Statement[0].Condition.StringEquals` or
 * `Statement.Condition["StringEquals"]`; `undefined` when absent.
 *
 * @example
 * valueAt({ Statement: [{ Effect: 'Allow' }] }, 'Statement[0].Effect') // 'Allow'
 */
export function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root
  const re = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy
  let m: RegExpExecArray | null
  while ((m = re.exec(path)) !== null && m[0] !== '') {
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string))
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[key]
    if (re.lastIndex >= path.length) break
  }
  return cur
}
