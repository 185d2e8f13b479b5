/**
 * What `extractTrustPolicies` returns, and the helpers every source format shares: a policy held
 * in the file as an object, or as a string of JSON (IAM's API returns it URL-encoded).
 */
import { type FileIndex, joinPath, nodeValue } from './file-index.js'
import type { FindingLocation } from './types.js'

export type TrustPolicySourceFormat =
  | 'trust-policy'
  | 'get-role'
  | 'list-roles'
  | 'authorization-details'
  | 'cloudformation'
  | 'terraform'
  | 'terraform-show'

/** One trust policy found in a file. */
export interface ExtractedTrustPolicy {
  /** Role name or resource address, e.g. `DeployRole` or `aws_iam_role.deploy`. */
  name: string
  format: TrustPolicySourceFormat
  fileName: string
  /** Where the policy is in the file (JSON path). */
  path: string
  /** The policy: its own JSON text when it was written as a string, else an object. */
  document: string | object
  /** Map a path inside the policy (`Statement[0].Condition…`) to the file. */
  locate(policyPath: string): FindingLocation
  /** What the reader had to assume (unresolved variables, merged Terraform conditions…). */
  notes: string[]
}

/**
 * The policy at `path`: an object in the file, or a string holding the policy JSON (IAM's API
 * returns it URL-encoded; the AWS CLI decodes it).
 *
 * @example
 * policyAt(file, 'Role.AssumeRolePolicyDocument', 'deploy', 'get-role').locate('Statement[0]').line
 */
export function policyAt(
  file: FileIndex,
  path: string,
  name: string,
  format: TrustPolicySourceFormat,
  notes: string[] = [],
): ExtractedTrustPolicy {
  const node = file.node(path)
  const base = { name, format, fileName: file.fileName, path, notes }
  if (node?.kind === 'string') {
    return {
      ...base,
      document: decodePolicyString(node.value, notes),
      locate: insideString(file, path),
    }
  }
  const document = path === '' ? file.text : (nodeValue(node!) as object)
  return { ...base, document, locate: (p) => file.locate(joinPath(path, p)) }
}

/**
 * A policy written as a string: JSON, or URL-encoded JSON as IAM's API returns it.
 *
 * @example
 * decodePolicyString('%7B%22Version%22%3A%222012-10-17%22%7D', []) // '{"Version":"2012-10-17"}'
 */
export function decodePolicyString(value: string, notes: string[]): string {
  const trimmed = value.trim()
  if (trimmed.startsWith('{')) return value
  if (/^%7B/i.test(trimmed)) {
    try {
      notes.push('The policy was URL-encoded, as IAM returns it; trustwalk decoded it.')
      return decodeURIComponent(trimmed.replace(/\+/g, ' '))
    } catch {
      return value
    }
  }
  return value
}

/**
 * Locations inside a policy held in a JSON string point at the string (`path#inner`).
 *
 * @example
 * insideString(file, 'Roles[0].AssumeRolePolicyDocument')('Statement[0]').path // 'Roles[0].AssumeRolePolicyDocument#Statement[0]'
 */
export function insideString(file: FileIndex, path: string): (p: string) => FindingLocation {
  return (p) => {
    const at = file.locate(path)
    return { ...at, path: p === '' ? path : `${path}#${p}` }
  }
}
