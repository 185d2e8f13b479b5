/**
 * Helpers the policy parser shares: locations, type checks with IAM-style errors, and object
 * members with duplicate-key warnings.
 */
import { childPath } from './json-source.js'
import type { JsonEntry, JsonNode, LineIndex } from './json-source.js'
import type { PolicyWarning } from './model.js'
import { PolicyDocumentError } from './policy-error.js'
import type { SourceLocation } from './policy-error.js'

type ObjectNode = Extract<JsonNode, { kind: 'object' }>
type StringNode = Extract<JsonNode, { kind: 'string' }>

const KIND_NAMES: Record<JsonNode['kind'], string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
}

export class PolicyReader {
  readonly warnings: PolicyWarning[] = []
  constructor(private readonly lines: LineIndex) {}

  loc(path: string, offset: number): SourceLocation {
    const { line, column } = this.lines.position(offset)
    return { path, line, column, offset }
  }

  child(path: string, key: string): string {
    return childPath(path, key)
  }

  fail(problem: string, path: string, offset: number): PolicyDocumentError {
    return new PolicyDocumentError(problem, this.loc(path, offset))
  }

  typeError(node: JsonNode, path: string, problem: string): PolicyDocumentError {
    return this.fail(`${problem}, not ${KIND_NAMES[node.kind]}`, path, node.offset)
  }

  warn(warning: PolicyWarning): void {
    this.warnings.push(warning)
  }

  expectObject(node: JsonNode, path: string, what: string): ObjectNode {
    if (node.kind !== 'object') throw this.typeError(node, path, `${what} must be a JSON object`)
    return node
  }

  expectString(node: JsonNode, path: string, what: string): StringNode {
    if (node.kind !== 'string') throw this.typeError(node, path, `${what} must be a string`)
    return node
  }

  /**
   * The members of an object, last one winning for equal keys (as IAM and `JSON.parse` do), with a
   * `DuplicateKey` warning naming both places. FACTS.md §6 #12: a second `"StringEquals"` block
   * silently replaces the first.
   */
  members(node: ObjectNode, path: string): Map<string, JsonEntry> {
    const out = new Map<string, JsonEntry>()
    for (const entry of node.entries) {
      const earlier = out.get(entry.key)
      if (earlier) {
        const here = childPath(path, entry.key)
        this.warn({
          code: 'DuplicateKey',
          message:
            `"${entry.key}" appears twice in ${path || 'the policy'}: IAM keeps only the last one, ` +
            `so everything in the first is ignored. Merge them into one.`,
          location: this.loc(here, entry.keyOffset),
          firstLocation: this.loc(here, earlier.keyOffset),
        })
        out.delete(entry.key) // keep insertion order = position of the winning (last) entry
      }
      out.set(entry.key, entry)
    }
    return out
  }
}
