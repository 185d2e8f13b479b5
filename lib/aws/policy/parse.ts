/**
 * `parseTrustPolicy`: read a role trust policy (JSON text or an object) into the typed model,
 * refusing what IAM refuses with `MalformedPolicyDocument` and the exact place.
 * Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html ·
 * grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { JsonSyntaxError, LineIndex, parseJsonSource } from './json-source.js'
import type { JsonEntry, JsonNode } from './json-source.js'
import type { ConditionClause, PolicyStatement, PolicyVersion, TrustPolicy } from './model.js'
import { parseConditions } from './parse-conditions.js'
import { readAction, readPrincipal } from './parse-elements.js'
import { PolicyDocumentError } from './policy-error.js'
import type { SourceLocation } from './policy-error.js'
import { PolicyReader } from './policy-reader.js'

/**
 * The simulator's own cap. IAM's trust-policy quota is 2,048 characters by default, up to 4,096
 * on request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); the
 * simulator reads longer documents (with a `TrustPolicyTooLong` warning) and refuses only absurd
 * sizes.
 */
export const MAX_POLICY_CHARS = 1_048_576
/** IAM's default role trust policy length quota; white space does not count. */
export const IAM_TRUST_POLICY_QUOTA = 2048
const QUOTAS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html'

const POLICY_ELEMENTS = new Set(['Version', 'Id', 'Statement'])
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])

const parsed = new WeakSet<object>()

/**
 * Whether `value` is a `TrustPolicy` that `parseTrustPolicy` produced.
 *
 * @example
 * isTrustPolicy(parseTrustPolicy(text)) // true
 * isTrustPolicy(JSON.parse(text)) // false
 */
export function isTrustPolicy(value: unknown): value is TrustPolicy {
  return typeof value === 'object' && value !== null && parsed.has(value)
}

/**
 * Parse a role trust policy. Accepts JSON text or a plain object (serialized with 2-space
 * indentation first, so locations refer to that text). A `TrustPolicy` is returned as is.
 * Duplicate JSON keys are accepted, as IAM accepts them: the last one wins and a `DuplicateKey`
 * warning names both places.
 *
 * @throws {PolicyDocumentError} `MalformedPolicyDocument` with `path`, `line` and `column`.
 * @example
 * const policy = parseTrustPolicy(`{
 *   "Version": "2012-10-17",
 *   "Statement": [{
 *     "Effect": "Allow",
 *     "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
 *     "Action": "sts:AssumeRoleWithWebIdentity",
 *     "Condition": { "StringEquals": { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main" } }
 *   }]
 * }`)
 * policy.statements[0].conditions[0].keyLocation.path
 * // 'Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]'
 */
export function parseTrustPolicy(input: string | object): TrustPolicy {
  if (isTrustPolicy(input)) return input
  const text = policyText(input)
  if (text.length > MAX_POLICY_CHARS) {
    throw new PolicyDocumentError(
      `The policy document has ${text.length} characters; trustwalk reads at most ${MAX_POLICY_CHARS} ` +
        `(IAM itself allows ${IAM_TRUST_POLICY_QUOTA} for a trust policy by default, 4096 at most: ${QUOTAS_URL})`,
    )
  }
  if (text.trim() === '') throw new PolicyDocumentError('The policy document is empty')
  const lines = new LineIndex(text)
  let root: JsonNode
  try {
    root = parseJsonSource(text)
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    const { line, column } = lines.position(e.offset)
    throw new PolicyDocumentError(`Syntax errors in policy: ${e.message}`, {
      line,
      column,
      offset: e.offset,
    })
  }
  const policy = readPolicy(new PolicyReader(lines), root, text)
  parsed.add(deepFreeze(policy))
  return policy
}

function policyText(input: string | object): string {
  if (typeof input === 'string') return input
  if (typeof input !== 'object' || input === null) {
    throw new PolicyDocumentError(`A policy must be JSON text or an object, not ${typeof input}`)
  }
  let text: string | undefined
  try {
    text = JSON.stringify(input, null, 2)
  } catch (e) {
    throw new PolicyDocumentError('The policy object cannot be written as JSON', undefined, {
      cause: e,
    })
  }
  if (text === undefined)
    throw new PolicyDocumentError('The policy object cannot be written as JSON')
  return text
}

function readPolicy(r: PolicyReader, root: JsonNode, text: string): TrustPolicy {
  const members = r.members(r.expectObject(root, '', 'A policy document'), '')
  for (const [key, entry] of members) {
    if (!POLICY_ELEMENTS.has(key)) {
      throw r.fail(
        `Unknown policy element "${key}": a policy has Version, Id and Statement`,
        r.child('', key),
        entry.keyOffset,
      )
    }
  }
  const version = readVersion(r, members.get('Version'))
  const idEntry = members.get('Id')
  const id = idEntry ? r.expectString(idEntry.value, 'Id', 'Id').value : undefined
  const statementEntry = members.get('Statement')
  if (!statementEntry) throw r.fail('Missing required field Statement', '', root.offset)
  const node = statementEntry.value
  const statementIsArray = node.kind === 'array'
  const nodes = node.kind === 'array' ? node.items : [node]
  if (nodes.length === 0)
    throw r.fail('Statement must contain at least one statement', 'Statement', node.offset)
  const statements = nodes.map((n, i) =>
    readStatement(r, n, statementIsArray ? `Statement[${i}]` : 'Statement', i, version),
  )
  warnPolicyWide(r, statements, version, root, text)
  return { version, id, statements, statementIsArray, warnings: r.warnings, source: text }
}

function readVersion(r: PolicyReader, entry: JsonEntry | undefined): PolicyVersion | undefined {
  if (!entry) return undefined
  const v = r.expectString(entry.value, 'Version', 'Version').value
  if (v !== '2012-10-17' && v !== '2008-10-17') {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
    throw r.fail(
      `Invalid Version "${v}": IAM knows only "2012-10-17" and "2008-10-17"`,
      'Version',
      entry.value.offset,
    )
  }
  return v
}

function readStatement(
  r: PolicyReader,
  node: JsonNode,
  path: string,
  index: number,
  version: PolicyVersion | undefined,
): PolicyStatement {
  const members = r.members(r.expectObject(node, path, 'A statement'), path)
  for (const [key, entry] of members) {
    if (key === 'Resource' || key === 'NotResource') {
      // IAM's wording for a Resource element in a role trust policy.
      throw r.fail(`Has prohibited field ${key}`, r.child(path, key), entry.keyOffset)
    }
    if (!STATEMENT_ELEMENTS.has(key)) {
      throw r.fail(
        `Unknown statement element "${key}": a trust policy statement has Sid, Effect, Principal or NotPrincipal, Action or NotAction, and Condition`,
        r.child(path, key),
        entry.keyOffset,
      )
    }
  }
  const sidEntry = members.get('Sid')
  const sid = sidEntry
    ? r.expectString(sidEntry.value, r.child(path, 'Sid'), 'Sid').value
    : undefined
  const effectEntry = members.get('Effect')
  if (!effectEntry) throw r.fail('Missing required field Effect', path, node.offset)
  const effectPath = r.child(path, 'Effect')
  const effect = r.expectString(effectEntry.value, effectPath, 'Effect').value
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw r.fail(
      `Invalid Effect "${effect}": it must be "Allow" or "Deny" (case-sensitive)`,
      effectPath,
      effectEntry.value.offset,
    )
  }
  const conditionEntry = members.get('Condition')
  const conditionPath = r.child(path, 'Condition')
  let conditions: ConditionClause[] = []
  if (conditionEntry) conditions = parseConditions(r, conditionEntry.value, conditionPath, version)
  return {
    index,
    sid,
    effect,
    principal: readPrincipal(r, members, path, node),
    action: readAction(r, members, path, node),
    conditions,
    location: r.loc(path, node.offset),
    effectLocation: r.loc(effectPath, effectEntry.value.offset),
    conditionLocation: conditionEntry
      ? r.loc(conditionPath, conditionEntry.value.offset)
      : undefined,
  }
}

function warnPolicyWide(
  r: PolicyReader,
  statements: PolicyStatement[],
  version: PolicyVersion | undefined,
  root: JsonNode,
  text: string,
): void {
  if (version === undefined) {
    r.warn({
      code: 'MissingVersion',
      message:
        'No Version: IAM reads the policy as version 2008-10-17, where ${…} policy variables are plain text. ' +
        'Add "Version": "2012-10-17" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).',
      location: r.loc('', root.offset),
    })
  }
  const seen = new Map<string, SourceLocation>()
  for (const s of statements) {
    if (s.sid === undefined) continue
    const first = seen.get(s.sid)
    if (first) {
      r.warn({
        code: 'DuplicateSid',
        message: `Sid "${s.sid}" is used twice; IAM asks for unique Sids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html)`,
        location: s.location,
        firstLocation: first,
      })
    } else seen.set(s.sid, s.location)
  }
  const counted = text.replace(/\s+/g, '').length
  if (counted > IAM_TRUST_POLICY_QUOTA) {
    r.warn({
      code: 'TrustPolicyTooLong',
      message: `The policy has ${counted} characters (white space not counted); IAM's trust-policy quota is ${IAM_TRUST_POLICY_QUOTA} unless raised (4096 at most), so CreateRole would refuse it (${QUOTAS_URL})`,
      location: r.loc('', root.offset),
    })
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
