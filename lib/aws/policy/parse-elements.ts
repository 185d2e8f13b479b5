/**
 * Reading a statement's Principal/NotPrincipal and Action/NotAction elements.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html ·
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import type { JsonEntry, JsonNode } from './json-source.js'
import type { ActionElement, LocatedString, PrincipalElement } from './model.js'
import { PolicyDocumentError } from './policy-error.js'
import type { PolicyReader } from './policy-reader.js'

const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser'])
/** IAM's own text for an action or condition key without a service prefix. */
export const VENDOR_MESSAGE =
  'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'

/** `Principal` or `NotPrincipal` (exactly one; a trust policy needs it). */
export function readPrincipal(
  r: PolicyReader,
  members: Map<string, JsonEntry>,
  path: string,
  node: JsonNode,
): PrincipalElement {
  const principal = members.get('Principal')
  const notPrincipal = members.get('NotPrincipal')
  if (principal && notPrincipal) {
    throw r.fail(
      'A statement cannot have both Principal and NotPrincipal',
      r.child(path, 'NotPrincipal'),
      notPrincipal.keyOffset,
    )
  }
  const entry = principal ?? notPrincipal
  // A role trust policy must name who may assume the role.
  if (!entry) throw r.fail('Missing required field Principal', path, node.offset)
  const negated = entry === notPrincipal
  const ppath = r.child(path, negated ? 'NotPrincipal' : 'Principal')
  const value = entry.value
  const location = r.loc(ppath, value.offset)
  if (value.kind === 'string') {
    if (value.value !== '*')
      throw r.fail(`Invalid principal in policy: "${value.value}"`, ppath, value.offset)
    return { negated, wildcard: true, entries: [], location }
  }
  const typeMembers = r.members(r.expectObject(value, ppath, 'Principal'), ppath)
  if (typeMembers.size === 0)
    throw r.fail('Invalid principal in policy: empty Principal', ppath, value.offset)
  const entries = [...typeMembers].map(([type, e]) => {
    const tpath = r.child(ppath, type)
    if (!PRINCIPAL_TYPES.has(type)) {
      throw r.fail(
        `Invalid principal in policy: unknown principal type "${type}" (AWS, Federated, Service or CanonicalUser)`,
        tpath,
        e.keyOffset,
      )
    }
    return { type, values: readStrings(r, e.value, tpath, `Principal ${type}`) }
  })
  return { negated, wildcard: false, entries, location }
}

/** `Action` or `NotAction` (exactly one); every action needs a service prefix. */
export function readAction(
  r: PolicyReader,
  members: Map<string, JsonEntry>,
  path: string,
  node: JsonNode,
): ActionElement {
  const action = members.get('Action')
  const notAction = members.get('NotAction')
  if (action && notAction) {
    throw r.fail(
      'A statement cannot have both Action and NotAction',
      r.child(path, 'NotAction'),
      notAction.keyOffset,
    )
  }
  const entry = action ?? notAction
  if (!entry) throw r.fail('Policy statement must contain actions.', path, node.offset)
  const negated = entry === notAction
  const apath = r.child(path, negated ? 'NotAction' : 'Action')
  const values = readStrings(r, entry.value, apath, negated ? 'NotAction' : 'Action')
  for (const v of values) {
    if (v.value !== '*' && !v.value.includes(':')) {
      throw new PolicyDocumentError(`${VENDOR_MESSAGE} (action "${v.value}")`, v.location)
    }
  }
  return { negated, values, location: r.loc(apath, entry.value.offset) }
}

/** A string or a non-empty array of strings. */
function readStrings(r: PolicyReader, node: JsonNode, path: string, what: string): LocatedString[] {
  if (node.kind === 'string') return [{ value: node.value, location: r.loc(path, node.offset) }]
  if (node.kind !== 'array')
    throw r.typeError(node, path, `${what} must be a string or an array of strings`)
  if (node.items.length === 0) throw r.fail(`${what} must not be an empty array`, path, node.offset)
  return node.items.map((item, i) => {
    const ipath = `${path}[${i}]`
    return {
      value: r.expectString(item, ipath, `Each ${what} value`).value,
      location: r.loc(ipath, item.offset),
    }
  })
}
