/**
 * trustwalk: the GitHub Actions OIDC → AWS STS handshake, modelled step by step.
 * This file only re-exports the public API (see DESIGN.md).
 */
export * from './core/errors.js'
export * from './core/clock.js'
export * from './core/trace.js'
export * from './core/network.js'
export * from './core/steps.js'
export * from './core/demo.js'
export {
  decodeBase64url,
  decodeBase64urlText,
  encodeBase64url,
  binaryToBytes,
} from './core/base64url.js'
export type { WorkflowRun } from './github/run.js'
export * from './aws/arn.js'
export { decodeJwt, extractToken, type DecodedJwt, type JwtHeader } from './aws/oidc/jwt.js'
export { registeredClaimsProblem, audiences, REQUIRED_CLAIMS } from './aws/oidc/claims.js'
export { inspectJwks, keysForKid, type PublicJwk, type JwksInspection } from './aws/oidc/jwks.js'
export {
  fetchOidcConfiguration,
  discoverOidcConfiguration,
  discoveryUrl,
  OidcDiscoveryError,
  type OidcConfiguration,
  type OidcDiscoveryDocument,
  type DiscoveryOptions,
  type DiscoveryResult,
} from './aws/oidc/discovery.js'
export {
  createVerificationCache,
  type VerificationCache,
  type VerificationCacheOptions,
} from './aws/oidc/cache.js'
export {
  verifyWebIdentityToken,
  type OidcProviderRef,
  type VerifyOptions,
  type TokenVerification,
} from './aws/oidc/verify.js'
export {
  SOURCES as VERIFICATION_SOURCES,
  STS_MESSAGES,
  DEFAULT_CLOCK_SKEW_SECONDS,
  type StsAlgorithm,
} from './aws/oidc/sources.js'
export {
  githubClaims,
  GITHUB_ISSUER,
  type GitHubClaims,
  type ClaimOptions,
} from './github/claims.js'
export {
  githubSubject,
  parseSubject,
  type SubjectTemplate,
  type SubjectOptions,
  type SubjectClaims,
  type ParsedSubject,
} from './github/subject.js'
export {
  GITHUB_CLAIM_DOCS,
  GITHUB_HEADER_DOCS,
  GITHUB_CLAIM_DOCS_SOURCES,
  explainGithubClaim,
} from './github/claim-docs.js'
export {
  githubDiscoveryDocument,
  GITHUB_CLAIMS_SUPPORTED,
  type GitHubDiscoveryDocument,
} from './github/discovery.js'
export { generateSigningKey, type GitHubJwk, type SigningKey } from './github/keys.js'
export { DEMO_KEYS } from './github/demo-keys.js'
export {
  createGitHubIssuer,
  normalizeIssuerUrl,
  type GitHubIssuer,
  type GitHubIssuerOptions,
  type IssueTokenOptions,
} from './github/issuer.js'
export { TOKEN_ENDPOINT_PATH, type RunnerEnv } from './github/token-endpoint.js'

// Every other CI issuer has the same shape, and one registry lists them all (DESIGN.md).
export { createIssuerCore, type IssuerCore, type IssuerCoreOptions } from './oidc-issuer/issuer.js'
export {
  oidcDiscoveryDocument,
  type OidcDiscoveryDocument as IssuerDiscoveryDocument,
} from './oidc-issuer/discovery.js'
export type {
  ClaimControl,
  CommonClaimOptions,
  IssuerKind,
  IssuerProfile,
  PlatformIssuer,
  PlatformIssuerOptions,
  PlatformIssueOptions,
  TokenDelivery,
} from './oidc-issuer/profile.js'
export {
  ISSUERS,
  ISSUER_KINDS,
  explainClaimFor,
  getIssuerProfile,
  isIssuerKind,
  issuerKindForUrl,
} from './issuers/index.js'
export { githubProfile, createGitHubPlatformIssuer } from './github/profile.js'
export { gitlabClaims, GITLAB_ISSUER, type GitLabClaimOptions } from './gitlab/claims.js'
export {
  gitlabSubject,
  parseGitLabSubject,
  checkSubClaimComponents,
  GITLAB_SUB_COMPONENTS,
  GITLAB_DEFAULT_SUB_COMPONENTS,
} from './gitlab/subject.js'
export { GITLAB_CLAIM_DOCS, GITLAB_CLAIM_CONTROL, explainGitLabClaim } from './gitlab/claim-docs.js'
export {
  createGitLabIssuer,
  GITLAB_JWKS_PATH,
  GITLAB_TOKEN_VARIABLE,
  type GitLabIssuer,
} from './gitlab/issuer.js'
export { gitlabProfile } from './gitlab/profile.js'
export type { GitLabRun } from './gitlab/run.js'
export {
  circleciClaims,
  circleciIssuerUrl,
  resolveCircleCIRun,
  CIRCLECI_ROOT_ISSUER,
  type CircleCIClaimOptions,
} from './circleci/claims.js'
export { circleciSubject, type CircleCISubjectVersion } from './circleci/subject.js'
export {
  CIRCLECI_CLAIM_DOCS,
  CIRCLECI_CLAIM_CONTROL,
  explainCircleCIClaim,
} from './circleci/claim-docs.js'
export { createCircleCIIssuer, type CircleCIIssuer } from './circleci/issuer.js'
export { circleciProfile } from './circleci/profile.js'
export type { CircleCIRun } from './circleci/run.js'
export {
  terraformClaims,
  terraformSubject,
  TERRAFORM_ISSUER,
  TERRAFORM_AWS_AUDIENCE,
} from './terraform/claims.js'
export {
  TERRAFORM_CLAIM_DOCS,
  TERRAFORM_CLAIM_CONTROL,
  explainTerraformClaim,
} from './terraform/claim-docs.js'
export { createTerraformIssuer, type TerraformIssuer } from './terraform/issuer.js'
export { terraformProfile } from './terraform/profile.js'
export type { TerraformRun } from './terraform/run.js'
export { buildkiteClaims, BUILDKITE_ISSUER, BUILDKITE_OPTIONAL_CLAIMS } from './buildkite/claims.js'
export {
  BUILDKITE_CLAIM_DOCS,
  BUILDKITE_CLAIM_CONTROL,
  explainBuildkiteClaim,
} from './buildkite/claim-docs.js'
export { createBuildkiteIssuer, type BuildkiteIssuer } from './buildkite/issuer.js'
export { buildkiteProfile } from './buildkite/profile.js'
export type { BuildkiteRun, BuildkiteTokenRequest } from './buildkite/run.js'
export {
  bitbucketClaims,
  bitbucketIssuerUrl,
  bitbucketAudience,
  resolveBitbucketRun,
} from './bitbucket/claims.js'
export {
  BITBUCKET_CLAIM_DOCS,
  BITBUCKET_CLAIM_CONTROL,
  explainBitbucketClaim,
} from './bitbucket/claim-docs.js'
export { createBitbucketIssuer, type BitbucketIssuer } from './bitbucket/issuer.js'
export { bitbucketProfile } from './bitbucket/profile.js'
export type { BitbucketRun } from './bitbucket/run.js'
export {
  parseTrustPolicy,
  isTrustPolicy,
  MAX_POLICY_CHARS,
  IAM_TRUST_POLICY_QUOTA,
} from './aws/policy/parse.js'
export { PolicyDocumentError, type SourceLocation } from './aws/policy/policy-error.js'
export type {
  TrustPolicy,
  PolicyStatement,
  PolicyVersion,
  PolicyWarning,
  Effect,
  LocatedString,
  PrincipalElement,
  ActionElement,
  ConditionClause,
  ConditionValue,
  ConditionOperatorName,
} from './aws/policy/model.js'
export {
  requestContextFromToken,
  SESSION_TAGS_CLAIM,
  SOURCE_IDENTITY_CLAIM,
  type RequestContext,
  type RequestContextOptions,
} from './aws/policy/context.js'
export {
  OIDC_CONDITION_CLAIMS,
  GITHUB_CONDITION_CLAIMS,
  UNMAPPED_GITHUB_CLAIMS,
  isGitHubIssuer,
  isUnmappedGitHubClaim,
} from './aws/policy/github-keys.js'
export { whyKeyIsAbsent } from './aws/policy/absent-key.js'
export {
  knownProvider,
  providerConditionClaims,
  GITLAB_CONDITION_CLAIMS,
  CIRCLECI_CONDITION_CLAIMS,
  BUILDKITE_CONDITION_CLAIMS,
  OCI_CONDITION_CLAIMS,
  type KnownProvider,
} from './aws/policy/provider-keys.js'
export {
  OPERATORS as CONDITION_OPERATORS,
  parseOperatorName,
  type OperatorSpec,
  type OperatorFamily,
} from './aws/policy/operator-names.js'
export { type WildcardPattern } from './aws/policy/wildcard.js'
export {
  evaluateTrustPolicy,
  ASSUME_ROLE_WITH_WEB_IDENTITY,
  type EvaluateOptions,
} from './aws/policy/evaluate.js'
export type {
  Decision,
  PolicyEvaluation,
  StatementEvaluation,
  ConditionEvaluation,
  ConditionValueEvaluation,
  ElementMatch,
  ActionDecision,
  AdditionalActionDecision,
} from './aws/policy/evaluation.js'
export {
  checkGuardrail,
  GUARDRAIL_SOURCE,
  SHARED_ISSUER_REQUIRED_KEYS,
  type GuardrailResult,
} from './aws/policy/guardrail.js'
export { explainEvaluation, type ExplainOptions } from './explain/evaluation-text.js'
export { whatToChange } from './explain/what-to-change.js'
export {
  CHECK_ADVICE,
  STEP_ADVICE,
  checkAdvice,
  adviceFor,
  failedCheck,
  whatToChangeInTrace,
  type CheckAdvice,
  type AdviceContext,
} from './explain/check-advice.js'
export { KNOWN_ERRORS, knownErrorFor, type KnownError } from './explain/known-errors.js'
export {
  trustedProviders,
  trustedProviderFor,
  type TrustedProvider,
} from './explain/trusted-providers.js'
export {
  evaluateClaims,
  type ClaimsEvaluation,
  type EvaluateClaimsOptions,
} from './explain/evaluate-claims.js'
export {
  explainClaims,
  type ClaimsExplanation,
  type ExplainClaimsInput,
} from './explain/explain-claims.js'
export {
  DIAGNOSES,
  NO_CREDENTIALS,
  NO_TOKEN_TEXT,
  diagnose,
  diagnoseExplanation,
  diagnosesForKnownError,
  diagnoseWalk,
  type Diagnosis,
  type DiagnosisContext,
  type DiagnosisFamily,
  type DiagnosisRule,
  type JobFacts,
  type ProvenFix,
} from './explain/diagnoses.js'
export { diagnosisLines, proofLabel, proofOutcome } from './explain/diagnosis-text.js'
export { type SubjectShape } from './explain/diagnoses-subject.js'
export { auditTrustPolicy, auditTrustPolicyReport, type AuditReport } from './audit/audit.js'
export {
  SEVERITIES,
  severityRank,
  type Severity,
  type Finding,
  type FindingId,
  type FindingLocation,
  type Counterexample,
  type CounterexampleProof,
  type AttackRun,
  type AttackSubjectTemplate,
  type ClaimSet,
  type IntendedScope,
  type AuditOptions,
  type AuditResult,
} from './audit/types.js'
export { FINDING_RULES, findingRule, type FindingRule } from './audit/catalogue.js'
export {
  extractTrustPolicies,
  type ExtractedTrustPolicy,
  type TrustPolicySourceFormat,
} from './audit/extract.js'
export { auditDocument } from './audit/file.js'
export { auditToSarif, type SarifLog, type SarifOptions } from './audit/sarif.js'
export {
  auditAndProve,
  auditAndProveReport,
  auditAndProveDocument,
  proveFindings,
  counterexampleScenario,
  type AuditedProvider,
} from './audit/proof.js'
export {
  createAwsAccount,
  providerArnFor,
  IamError,
  type IamErrorCode,
  type AwsAccount,
  type AwsAccountInput,
  type OidcProvider,
  type OidcProviderInput,
  type IamRole,
  type RoleInput,
} from './aws/account.js'
export {
  assumeRoleWithWebIdentity,
  NOT_AUTHORIZED,
  type AssumeRoleWithWebIdentityOptions,
} from './aws/sts/assume-role-with-web-identity.js'
export {
  type AssumeRoleWithWebIdentityParams,
  type ValidParams,
  type ParamsValidation,
} from './aws/sts/params.js'
export { type ConstraintViolation } from './aws/sts/validation.js'
export { type RoleSession, type SessionStore } from './aws/sts/credentials.js'

export { seededRandom, type RandomBytes } from './aws/sts/random.js'
export { type GetCallerIdentityResult } from './aws/sts/xml.js'
export { type SignedRequest, type SignatureVerification } from './aws/sts/sigv4.js'
export { getCallerIdentity, type CallerIdentity } from './aws/sts/get-caller-identity.js'
export { type QueryRequest } from './aws/sts/query.js'
export { stsHandler, type StsCall, type StsHandlerOptions } from './aws/sts/handler.js'
export { requestContextFor } from './aws/sts/request-context.js'

export { walk } from './handshake/walk.js'
export {
  githubTrustPolicy,
  parseScenario,
  GITHUB_ISSUER_URL,
  DEFAULT_SCENARIO_TIME,
  type Scenario,
  type Perturbations,
  type ScenarioExpectation,
  type IssuerScenario,
} from './handshake/scenario.js'
export { SCENARIOS, DEFAULT_SCENARIO_NAME, getScenario } from './handshake/scenarios.js'
export {
  ISSUER_SCENARIOS,
  getIssuerScenario,
  issuerTrustPolicy,
} from './handshake/issuer-scenarios.js'

// The workshop's exercises and their checker (the site's workshop pages and `trustwalk exercise`);
// an exercise is a folder of content (examples/workshop/<NN>-<id>/) that exerciseFromContent reads.
export {
  briefParagraphs,
  checkAnswer,
  exerciseFromContent,
  exerciseNumber,
  findExercise,
  runExerciseCheck,
  type CheckReport,
  type Exercise,
  type ExerciseCheck,
  type ExerciseCheckSpec,
  type ExerciseContent,
  type ExerciseLevel,
  type ExerciseMaterial,
} from './workshop/index.js'
