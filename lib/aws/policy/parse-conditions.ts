/**
 * Reading a statement's `Condition` block into operator × key clauses.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
import type { JsonNode } from './json-source.js'
import type { ConditionClause, ConditionValue, PolicyVersion } from './model.js'
import { parseOperatorName } from './operator-names.js'
import type { OperatorSpec } from './operator-names.js'
import { conditionValueProblem } from './operators.js'
import { VENDOR_MESSAGE } from './parse-elements.js'
import type { PolicyReader } from './policy-reader.js'

/**
 * Every operator × key pair of a `Condition` element, in document order. Duplicated operator
 * blocks or keys keep the last one (with a warning), as IAM does.
 */
export function parseConditions(
  r: PolicyReader,
  node: JsonNode,
  path: string,
  version: PolicyVersion | undefined,
): ConditionClause[] {
  const clauses: ConditionClause[] = []
  const operators = r.members(r.expectObject(node, path, 'Condition'), path)
  for (const [raw, opEntry] of operators) {
    const opPath = r.child(path, raw)
    const read = parseOperatorName(raw)
    if (!read.ok) throw r.fail(read.problem, opPath, opEntry.keyOffset)
    const operatorLocation = r.loc(opPath, opEntry.keyOffset)
    if (read.caseDiffers) {
      r.warn({
        code: 'OperatorCase',
        message: `Operator "${raw}" is spelled differently from IAM's documented name; the simulator reads it as ${read.name.qualifier ? `${read.name.qualifier}:` : ''}${read.name.base}${read.name.ifExists ? 'IfExists' : ''}`,
        location: operatorLocation,
      })
    }
    const keys = r.members(r.expectObject(opEntry.value, opPath, `The ${raw} block`), opPath)
    for (const [key, keyEntry] of keys) {
      const keyPath = r.child(opPath, key)
      if (!key.includes(':'))
        throw r.fail(`${VENDOR_MESSAGE} (condition key "${key}")`, keyPath, keyEntry.keyOffset)
      const valueNode = keyEntry.value
      const valueIsArray = valueNode.kind === 'array'
      const nodes = valueNode.kind === 'array' ? valueNode.items : [valueNode]
      const values = nodes.map((n, i) =>
        readValue(r, n, valueIsArray ? `${keyPath}[${i}]` : keyPath, read.spec, version),
      )
      const keyLocation = r.loc(keyPath, keyEntry.keyOffset)
      if (values.length === 0) {
        r.warn({
          code: 'EmptyConditionValues',
          message: `${raw} "${key}" has no values: no value can match, so a positive operator is false and a negated one true`,
          location: keyLocation,
        })
      }
      clauses.push({
        operator: read.name,
        operatorLocation,
        key,
        keyLocation,
        values,
        valueIsArray,
      })
    }
  }
  return clauses
}

function readValue(
  r: PolicyReader,
  node: JsonNode,
  path: string,
  spec: OperatorSpec,
  version: PolicyVersion | undefined,
): ConditionValue {
  let value: ConditionValue
  const location = r.loc(path, node.offset)
  // JSON numbers and booleans are compared as their text (Sim choice: the number as written).
  if (node.kind === 'string') value = { value: node.value, json: 'string', location }
  else if (node.kind === 'number') value = { value: node.raw, json: 'number', location }
  else if (node.kind === 'boolean') value = { value: String(node.value), json: 'boolean', location }
  else throw r.typeError(node, path, 'A condition value must be a string, a number or a boolean')
  const problem = conditionValueProblem(spec, value.value, version === '2012-10-17')
  if (problem) {
    r.warn({
      code: 'InvalidConditionValue',
      message: `${problem}; this value can never match`,
      location,
    })
  }
  return value
}
