/**
 * The check of a trust-policy exercise (`"kind": "trust-policy"` in check.json), run with the real engine: the policy must parse,
 * pass AWS's CreateRole guardrail, allow every legitimate run's token and deny every attacker's.
 * Tokens are the claims GitHub would sign for each run (githubClaims) — or, with `"issuer"`, the
 * claims that CI system would sign (its profile, loaded on demand), under its provider — turned
 * into the request context STS evaluates (requestContextFromToken).
 */
import { checkGuardrail } from '../../aws/policy/guardrail.js'
import { evaluateTrustPolicy } from '../../aws/policy/evaluate.js'
import { requestContextFromToken } from '../../aws/policy/context.js'
import { parseTrustPolicy } from '../../aws/policy/parse.js'
import type { TrustPolicy } from '../../aws/policy/model.js'
import { oidcProviderArn } from '../../aws/arn.js'
import { githubClaims } from '../../github/claims.js'
import { loadIssuerProfile } from '../../issuers/load.js'
import type { IssuerKind, IssuerProfile } from '../../oidc-issuer/profile.js'
import { report, type CheckReport, type ExerciseCheck, type RunCase } from '../exercise.js'
import { ACCOUNT_ID, AUDIENCE, PROVIDER, clock } from '../world.js'

export interface PolicySpec {
  /** The CI system whose tokens the role trusts (default GitHub). */
  issuer?: IssuerKind
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

/** The guardrail as a check (for another issuer: IAM's check for shared issuers). */
export function guardrailCheck(policy: TrustPolicy, issuer?: IssuerProfile<any>): ExerciseCheck {
  const result = checkGuardrail(policy)
  return {
    id: 'policy.guardrail',
    ok: result.ok,
    label:
      issuer === undefined
        ? 'AWS accepts it at CreateRole (the GitHub trust-policy guardrail)'
        : `AWS accepts it at CreateRole (IAM's check for shared issuers such as ${issuer.name})`,
    detail: result.ok
      ? 'IAM would create the role with this trust policy.'
      : `IAM refuses it: MalformedPolicyDocument: ${result.message ?? ''}`,
  }
}

/** The claims a case's token carries, the provider STS finds for it and the session name. */
function tokenFor(c: RunCase, issuer: IssuerProfile<any> | undefined) {
  if (issuer === undefined) {
    const claims = githubClaims(c.run, {
      audience: c.audience ?? AUDIENCE,
      clock,
      subjectTemplate: c.subjectTemplate,
    })
    return {
      claims: { ...claims } as Record<string, unknown>,
      provider: PROVIDER,
      session: 'GitHubActions',
    }
  }
  const run = issuer.parseRun(c.run, 'run')
  const audience = c.audience ?? issuer.awsAudience(run)
  const url = issuer.issuerUrl(run)
  return {
    claims: issuer.claims(run, { audience, clock }),
    provider: { Url: url, ClientIDList: [audience], Arn: oidcProviderArn(ACCOUNT_ID, url) },
    session: issuer.sessionName,
  }
}

/** Evaluate one token case against the policy (a token of `issuer`, GitHub's by default). */
export function tokenCheck(
  policy: TrustPolicy,
  c: RunCase,
  mustAllow: boolean,
  issuer?: IssuerProfile<any>,
): ExerciseCheck {
  const { claims, provider, session } = tokenFor(c, issuer)
  const context = requestContextFromToken(claims, provider, { roleSessionName: session })
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
  const issuer =
    spec.issuer === undefined || spec.issuer === 'github'
      ? undefined
      : await loadIssuerProfile(spec.issuer, 'issuer')
  return report([
    guardrailCheck(policy, issuer),
    ...spec.allow.map((c) => tokenCheck(policy, c, true, issuer)),
    ...spec.deny.map((c) => tokenCheck(policy, c, false, issuer)),
  ])
}
