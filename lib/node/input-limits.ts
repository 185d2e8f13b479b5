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
 * A token: STS accepts a `WebIdentityToken` of at most 20,000 characters (FACTS.md §4,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
 * 64 KiB leaves room for what wraps a token: `Bearer `, the token endpoint's `{"value": …}` body,
 * and a token too long for STS, which `decode` still shows (and STS refuses).
 */
export const TOKEN_INPUT: InputLimit = {
  bytes: 64 * KiB,
  what: 'a token',
  why: 'STS accepts tokens of at most 20,000 characters',
}

/**
 * The claims of a token (`explain --claims`): a token's payload is shorter than the token, so the
 * token's cap holds, with room for `trustwalk decode --json` output (header, payload, checks).
 */
export const CLAIMS_INPUT: InputLimit = {
  bytes: 64 * KiB,
  what: 'the claims of a token',
  why: 'STS accepts tokens of at most 20,000 characters',
}

/**
 * A role trust policy (`explain --policy`). IAM's quota for a role trust policy is 2,048
 * characters by default, adjustable through Service Quotas
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "Role trust policy
 * length"); the `CreateRole` API takes an `AssumeRolePolicyDocument` of at most 131,072 characters
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). Policy characters are
 * U+0009–U+00FF (same page), at most two UTF-8 bytes each: 131,072 characters fit in 256 KiB,
 * whitespace and wrappers (`aws iam get-role` output) included.
 */
export const POLICY_INPUT: InputLimit = {
  bytes: 256 * KiB,
  what: 'a trust policy',
  why: 'IAM accepts a role trust policy of at most 131,072 characters, 2,048 by default',
}

/**
 * A file for `audit`: a trust policy, `aws iam get-role`/`list-roles` output, a CloudFormation
 * template or Terraform JSON. CloudFormation accepts templates of at most 1 MB (from S3;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), so
 * 1 MiB holds any template; larger `list-roles` or Terraform output can be split per role.
 */
export const AUDIT_INPUT: InputLimit = {
  bytes: 1024 * KiB,
  what: 'a file to audit',
  why: 'CloudFormation accepts templates of at most 1 MB; split larger output, e.g. one aws iam get-role per role',
}

/**
 * A scenario file (`walk`/`serve --scenario-file`) or a JWKS file (`--jwks`): an account with a
 * few roles (each trust policy ≤ 131,072 characters, see `POLICY_INPUT`), or an issuer's keys.
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
