/**
 * The wording AWS services use for `ValidationError`: one sentence per broken constraint, counted,
 * joined with `; ` — e.g. "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*" (real STS
 * answers quoted in https://github.com/aws-actions/configure-aws-credentials/issues/1306 and
 * https://github.com/zalando-incubator/kube-aws-iam-controller/issues/16).
 */

/** One broken constraint on one request member. */
export interface ConstraintViolation {
  /** The member name as AWS writes it: lower camel case (`roleSessionName`). */
  member: string
  /** The offending value; `undefined`/`null` print as `null`. */
  value: unknown
  /** E.g. `Member must have length less than or equal to 64`. */
  constraint: string
  /**
   * A member the API model marks sensitive (`WebIdentityToken`): its value is left out of the
   * message. Sim choice: AWS's wording for sensitive members ("Value at 'x'") is taken from other
   * services' answers; STS's own is undocumented.
   */
  sensitive?: boolean
}

/**
 * The `ValidationError` message for a list of violations.
 *
 * @example
 * validationMessage([{ member: 'roleSessionName', value: 'a', constraint: 'Member must have length greater than or equal to 2' }])
 * // "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"
 */
export function validationMessage(violations: readonly ConstraintViolation[]): string {
  const n = violations.length
  const parts = violations.map(
    (v) => `${describeValue(v)} at '${v.member}' failed to satisfy constraint: ${v.constraint}`,
  )
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`
}

function describeValue(v: ConstraintViolation): string {
  if (v.value === undefined || v.value === null) return 'Value null'
  if (v.sensitive) return 'Value'
  if (Array.isArray(v.value)) return `Value '[${v.value.map(String).join(', ')}]'`
  return `Value '${String(v.value)}'`
}
