/**
 * What STS records beside its checks, step by step (the Trace's typed step data; DESIGN.md "The
 * five steps and the Trace"). `stepData(trace, 'conditions')?.evaluation` reads it back typed.
 */
import type { JwtHeader } from '../oidc/jwt.js'
import type { OidcConfiguration } from '../oidc/discovery.js'
import type { PublicJwk } from '../oidc/jwks.js'
import type { OidcProviderRef } from '../oidc/verify.js'
import type { RequestContext } from '../policy/context.js'
import type { PolicyEvaluation } from '../policy/evaluation.js'

declare module '../../core/trace.js' {
  interface DiscoveryStepData {
    /** The issuer's discovery document and keys, as STS read them. */
    configuration?: OidcConfiguration
  }
  interface IssueStepData {
    /** The token's header and claims as STS decoded them (before anything was verified). */
    header?: JwtHeader
    claims?: Record<string, unknown>
  }
  interface VerifyStepData {
    provider: OidcProviderRef
    /** The client ID the token was accepted for. */
    audience?: string
    /** The published key that verified the signature. */
    key?: PublicJwk
  }
  interface ConditionsStepData {
    roleArn: string
    trustPolicy: string
    requestContext: RequestContext
    evaluation: PolicyEvaluation
  }
  interface CredentialsStepData {
    assumedRoleArn: string
    durationSeconds: number
    /** ISO-8601 UTC. */
    issuedAt: string
  }
}
