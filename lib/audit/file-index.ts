/**
 * A JSON file read once, with every value's path and position, so policies found anywhere in it
 * (a CloudFormation role, a Terraform data source, `aws iam get-role` output) can point findings
 * back at the file's own lines and columns.
 */
import { InvalidInputError } from '../core/errors.js'
import type { FindingLocation } from './types.js'
import {
  JsonSyntaxError,
  LineIndex,
  childPath,
  parseJsonSource,
} from '../aws/policy/json-source.js'
import type { JsonNode } from '../aws/policy/json-source.js'

/**
 * @example
 * new FileIndex('{\n  "a": 1\n}', 'x.json').locate('a') // { path: 'a', line: 2, column: 8 }
 */
export class FileIndex {
  readonly root: JsonNode
  private readonly lines: LineIndex
  private readonly nodes = new Map<string, JsonNode>()

  /** @throws {InvalidInputError} when the text is not JSON, naming the file, line and column. */
  constructor(
    readonly text: string,
    readonly fileName: string,
  ) {
    this.lines = new LineIndex(text)
    try {
      this.root = parseJsonSource(text)
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e
      const { line, column } = this.lines.position(e.offset)
      throw new InvalidInputError(
        `${fileName}:${line}:${column}: not JSON: ${e.message} (trustwalk reads trust policies, aws iam get-role output, CloudFormation JSON and Terraform JSON)`,
        fileName,
      )
    }
    this.index(this.root, '')
  }

  private index(node: JsonNode, path: string): void {
    this.nodes.set(path, node) // a duplicate key's last occurrence wins, as in JSON.parse and IAM
    if (node.kind === 'object')
      for (const e of node.entries) this.index(e.value, childPath(path, e.key))
    if (node.kind === 'array') node.items.forEach((item, i) => this.index(item, `${path}[${i}]`))
  }

  node(path: string): JsonNode | undefined {
    return this.nodes.get(path)
  }

  /** The location of `path`, or of its nearest ancestor that exists in the file. */
  locate(path: string): FindingLocation {
    for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
      const node = this.nodes.get(p)
      if (node) return { path, ...this.lines.position(node.offset) }
    }
    return { path }
  }
}

/**
 * The plain value of a node (duplicate keys: the last wins).
 *
 * @example
 * nodeValue(parseJsonSource('{"a": [1, "x"]}')) // { a: [1, 'x'] }
 */
export function nodeValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((e) => [e.key, nodeValue(e.value)]))
    case 'array':
      return node.items.map(nodeValue)
    case 'null':
      return null
    default:
      return node.value
  }
}

/**
 * `a.b` + `c[0]` → `a.b.c[0]`; `a` + `["x:y"]` → `a["x:y"]`.
 *
 * @example
 * joinPath('Role', 'Statement[0]') // 'Role.Statement[0]'
 */
export function joinPath(base: string, sub: string): string {
  if (sub === '') return base
  if (base === '') return sub
  return sub.startsWith('[') ? `${base}${sub}` : `${base}.${sub}`
}

const LAST_SEGMENT = /(\[(?:\d+|"(?:[^"\\]|\\.)*")\]|\.[A-Za-z_$][\w$]*)$/

/**
 * The path one level up, `undefined` above the root.
 *
 * @example
 * parentPath('Statement[0].Condition') // 'Statement[0]'
 */
export function parentPath(path: string): string | undefined {
  if (path === '') return undefined
  const m = LAST_SEGMENT.exec(path)
  return m ? path.slice(0, m.index) : ''
}

/**
 * Plain-object helpers for reading parsed files.
 *
 * @example
 * isRecord({}) && !isRecord([]) // true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A Terraform-JSON block that may be written as one object or an array of objects.
 *
 * @example
 * blocks([{ a: 1 }]) // [{ value: { a: 1 }, suffix: '[0]' }]
 */
export function blocks(value: unknown): { value: Record<string, unknown>; suffix: string }[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => (isRecord(v) ? [{ value: v, suffix: `[${i}]` }] : []))
  }
  return isRecord(value) ? [{ value, suffix: '' }] : []
}
