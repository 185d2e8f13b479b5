/**
 * `extractTrustPolicies`: find the role trust policies in a file — a plain trust policy, the output
 * of `aws iam get-role` / `list-roles` / `get-account-authorization-details`, a CloudFormation JSON
 * template (`AWS::IAM::Role` → `AssumeRolePolicyDocument`), or Terraform JSON (`*.tf.json`
 * `aws_iam_role.assume_role_policy` and `aws_iam_policy_document` data sources, or
 * `terraform show -json` output) — each with a way to map a path inside the policy back to the
 * file's line and column.
 */
import { extractCloudFormation } from './extract-cloudformation.js'
import { extractTerraform, extractTerraformShow } from './extract-terraform.js'
import { policyAt } from './extract-common.js'
import type { ExtractedTrustPolicy, TrustPolicySourceFormat } from './extract-common.js'
import { FileIndex, isRecord, joinPath, nodeValue } from './file-index.js'

export type { ExtractedTrustPolicy, TrustPolicySourceFormat } from './extract-common.js'

/**
 * Find every role trust policy in a JSON file. Returns `[]` when the file holds none.
 *
 * @throws {InvalidInputError} when the text is not JSON (with file, line and column).
 * @example
 * const [found] = extractTrustPolicies(await readFile('template.json', 'utf8'), 'template.json')
 * found.name // 'DeployRole'
 * found.locate('Statement[0].Condition').line // the line in template.json
 */
export function extractTrustPolicies(text: string, fileName: string): ExtractedTrustPolicy[] {
  const file = new FileIndex(text, fileName)
  const root = nodeValue(file.root)
  if (!isRecord(root)) return []
  if ('Statement' in root)
    return [policyAt(file, '', fileName.replace(/^.*[\\/]/, ''), 'trust-policy')]
  if (isRecord(root.Role)) return fromRoles(file, [root.Role], 'Role', 'get-role', false)
  if (Array.isArray(root.Roles)) return fromRoles(file, root.Roles, 'Roles', 'list-roles', true)
  if (Array.isArray(root.RoleDetailList)) {
    return fromRoles(file, root.RoleDetailList, 'RoleDetailList', 'authorization-details', true)
  }
  if (isRecord(root.Resources)) return extractCloudFormation(file, root)
  if ('planned_values' in root || 'values' in root || 'format_version' in root) {
    return extractTerraformShow(file, root)
  }
  if ('resource' in root || 'data' in root) return extractTerraform(file, root)
  return []
}

function fromRoles(
  file: FileIndex,
  roles: unknown[],
  base: string,
  format: TrustPolicySourceFormat,
  indexed: boolean,
): ExtractedTrustPolicy[] {
  return roles.flatMap((role, i) => {
    if (!isRecord(role) || role.AssumeRolePolicyDocument === undefined) return []
    const rolePath = indexed ? `${base}[${i}]` : base
    const name = typeof role.RoleName === 'string' ? role.RoleName : rolePath
    return [policyAt(file, joinPath(rolePath, 'AssumeRolePolicyDocument'), name, format)]
  })
}
