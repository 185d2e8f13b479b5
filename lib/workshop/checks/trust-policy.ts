/**
 * The check of a trust-policy exercise (`"kind": "trust-policy"` in check.json), run with the real engine: the policy must parse,
 * pass AWS's CreateRole guardrail, allow every legitimate run's token and deny every attacker's.
 * Tokens are the claims GitHub would sign for each run (githubClaims), turned into the request
 * context STS evaluates (requestContextFromToken).
 */
import { checkGuardrail } from '../../aws/policy/guardrail.js'
import { evaluateTrustPolicy } from '../../aws/policy/evaluate.js'
import { requestContextFromToken } from '../../aws/policy/context.js'
import { parseTrustPolicy } from '../../aws/policy/parse.js'
import type { TrustPolicy } from '../../aws/policy/model.js'
import { githubClaims } from '../../github/claims.js'
import { report, type CheckReport, type ExerciseCheck, type RunCase } from '../exercise.js'
import { AUDIENCE, PROVIDER, clock } from '../world.js'

export interface PolicySpec {
  /** Runs that must get the role. */
  allow: RunCase[]
  /** Runs that must not. */
  deny: RunCase[]
}

/** Parse the learner's text; the failing check when it is not a trust policy. */
export function readPolicy(text: string): { policy: TrustPolicy } | { failed: ExerciseCheck } {
  try {
    return { policy: parseTrustPolicy(text) }
  } catch (error) {
    return {
      failed: {
        id: 'policy.valid',
        ok: false,
        label: 'The file is a trust policy IAM can read',
        detail: error instanceof Error ? error.message : String(error),
      },
    }
  }
}

/** The guardrail as a check. */
export function guardrailCheck(policy: TrustPolicy): ExerciseCheck {
  const result = checkGuardrail(policy)
  return {
    id: 'policy.guardrail',
    ok: result.ok,
    label: 'AWS accepts it at CreateRole (the GitHub trust-policy guardrail)',
    detail: result.ok
      ? 'IAM would create the role with this trust policy.'
      : `IAM refuses it: MalformedPolicyDocument: ${result.message ?? ''}`,
  }
}

/** Evaluate one token case against the policy. */
export function tokenCheck(policy: TrustPolicy, c: RunCase, mustAllow: boolean): ExerciseCheck {
  const claims = githubClaims(c.run, {
    audience: c.audience ?? AUDIENCE,
    clock,
    subjectTemplate: c.subjectTemplate,
  })
  const context = requestContextFromToken({ ...claims }, PROVIDER, {
    roleSessionName: 'GitHubActions',
  })
  const evaluation = evaluateTrustPolicy(policy, context)
  const allowed = evaluation.decision === 'Allow'
  return {
    id: `${mustAllow ? 'allow' : 'deny'}.${c.id}`,
    ok: allowed === mustAllow,
    // What must happen, then what did: a failed row reads "✗ Must be denied: … — the policy
    // allows it", never "✗ Denied: … → Allow".
    label: `${mustAllow ? 'Must be allowed' : 'Must be denied'}: ${c.label}`,
    detail: `${c.audience ? `aud ${claims.aud}, ` : ''}sub ${claims.sub}: the policy ${allowed ? 'allows' : 'denies'} it (${evaluation.decision}). ${evaluation.reason}`,
  }
}

/**
 * Every check of a trust-policy exercise.
 *
 * @example
 * const result = await checkTrustPolicy(text, { allow: [mainPush], deny: [featurePush] })
 * result.ok // true when the guardrail passes, main is allowed and feature denied
 */
export async function checkTrustPolicy(text: string, spec: PolicySpec): Promise<CheckReport> {
  const read = readPolicy(text)
  if ('failed' in read) return report([read.failed])
  const { policy } = read
  return report([
    guardrailCheck(policy),
    ...spec.allow.map((c) => tokenCheck(policy, c, true)),
    ...spec.deny.map((c) => tokenCheck(policy, c, false)),
  ])
}
