/**
 * How much the CLI reads from one file or from standard input before it stops: a little more than
 * AWS itself accepts, so that no real input is refused and `/dev/zero` or a mistyped path to a
 * disk image fails at once instead of after a gigabyte. Each cap is read as at most cap + 1 bytes.
 */

/** Bytes in a kibibyte, for readable caps. */
const KiB = 1024

export interface InputLimit {
  /** Largest accepted input, in bytes. */
  bytes: number
  /** What the input is, for the message: "a token", "a trust policy". */
  what: string
  /** Why this size, in one clause, for the message. */
  why: string
}

/**
 * A token. STS takes a `WebIdentityToken` of 4 to 20,000 characters (the API reference's length
 * constraints, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html;
 * FACTS.md §4 agrees). The cap, 64 KiB, is not confirmed from AWS docs; simulator choice: room
 * for what wraps a token (`Bearer `, the token endpoint's `{"value": …}` body) and for a token too
 * long for STS, which `decode` still shows (and STS refuses).
 */
export const TOKEN_INPUT: InputLimit = {
  bytes: 64 * KiB,
  what: 'a token',
  why: 'STS accepts tokens of at most 20,000 characters',
}

/**
 * The claims of a token (`explain --claims`): a token's payload is shorter than the token (base64url
 * of it), so the token's cap holds, with room for `trustwalk decode --json` output (header,
 * payload, checks). 64 KiB is not confirmed from AWS docs; simulator choice, as for `TOKEN_INPUT`.
 */
export const CLAIMS_INPUT: InputLimit = {
  bytes: 64 * KiB,
  what: 'the claims of a token',
  why: 'STS accepts tokens of at most 20,000 characters',
}

/**
 * A role trust policy (`explain --policy`).
 * - IAM's quota "Role trust policy length" is 2,048 characters by default, adjustable through
 *   Service Quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
 *   "IAM object quotas"). The highest value it can be raised to is not confirmed from AWS docs
 *   (4,096 in the archived copy of that page); the cap below does not depend on it. The quota is
 *   counted without white space (`AssumeRolePolicySizeQuota`, "in non-whitespace characters":
 *   https://docs.aws.amazon.com/sdkfornet/latest/apidocs/items/TIAMGetAccountSummaryResultNET35.html).
 * - `CreateRole` takes an `AssumeRolePolicyDocument` of 1 to 131,072 characters, white space
 *   included (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html; the same for
 *   `UpdateAssumeRolePolicy`:
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html).
 * - Its characters are tab, line feed, carriage return and U+0020–U+00FF (pattern
 *   `[\u0009\u000A\u000D\u0020-\u00FF]+`, same pages): one UTF-8 byte each up to U+007F, two
 *   above, so 131,072 of them take at most 256 KiB. A real policy is ASCII almost throughout, so
 *   the `aws iam get-role` output around it fits too. 256 KiB itself is not an AWS figure;
 *   simulator choice.
 */
export const POLICY_INPUT: InputLimit = {
  bytes: 256 * KiB,
  what: 'a trust policy',
  why: 'IAM accepts a role trust policy of at most 131,072 characters, 2,048 by default',
}

/**
 * A file for `audit`: a trust policy, `aws iam get-role`/`list-roles` output, a CloudFormation
 * template or Terraform JSON. CloudFormation takes a template of at most 1 MB from S3 ("The URL
 * must point to a template with a maximum size of 1 MB",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-using-console-create-stack-template.html)
 * and of at most 51,200 bytes in the request body
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), so
 * 1 MiB (1,048,576 bytes, whichever megabyte AWS means) holds any template; larger `list-roles` or
 * Terraform output can be split per role. 1 MiB is not an AWS figure for the other inputs;
 * simulator choice.
 */
export const AUDIT_INPUT: InputLimit = {
  bytes: 1024 * KiB,
  what: 'a file to audit',
  why: 'CloudFormation accepts templates of at most 1 MB; split larger output, e.g. one aws iam get-role per role',
}

/**
 * A scenario file (`walk`/`serve --scenario-file`) or a JWKS file (`--jwks`): an account with a
 * few roles (each trust policy ≤ 131,072 characters, see `POLICY_INPUT`), or an issuer's keys.
 * 1 MiB is not confirmed from AWS docs (no AWS API takes these files); simulator choice.
 */
export const DOCUMENT_INPUT: InputLimit = {
  bytes: 1024 * KiB,
  what: 'this file',
  why: 'a scenario or a JWKS is far smaller',
}

/** A byte count the way people read it: `64 KiB`, `1 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * KiB && bytes % (1024 * KiB) === 0) return `${bytes / (1024 * KiB)} MiB`
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`
  return `${bytes} bytes`
}
