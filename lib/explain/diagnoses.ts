/**
 * The diagnosis catalogue: the real-world causes behind a failed AssumeRoleWithWebIdentity — the
 * failures users report most on aws-actions/configure-aws-credentials (FACTS.md §2) and the
 * misconfigurations of FACTS.md §6 — each with a detection rule over the Trace (the check STS
 * stopped on, the evaluation, the claims, the account's providers), a plain explanation, the fix
 * and its source. `trustwalk explain`, `trustwalk walk`, the site's explainer, the walk's advice
 * panel and the error catalogue all render what `diagnose` returns.
 */
import { trustedProviders } from './trusted-providers.js'
import { oidcProviderArn, parseArn } from '../aws/arn.js'
import { DEMO_ACCOUNT_ID } from '../core/demo.js'
import type { PolicyEvaluation } from '../aws/policy/evaluation.js'
import type { RequestContext } from '../aws/policy/context.js'
import { parseTrustPolicy } from '../aws/policy/parse.js'
import { PolicyDocumentError } from '../aws/policy/policy-error.js'
import { requestContextFor } from '../aws/sts/request-context.js'
import { SOURCES } from '../aws/oidc/sources.js'
import { GITLAB_CONDITION_CLAIMS } from '../aws/policy/provider-keys.js'
import { stepData, type Check, type StsErrorShape, type Trace } from '../core/trace.js'
import { GITHUB_ISSUER } from '../github/claims.js'
import {
  caseOnlyDifferences,
  idFormAgainstNameForm,
  nameFormAgainstIdForm,
  nameFormOf,
  policyKinds,
  environmentsNamed,
  provenImmutableFixes,
  subMismatches,
  type ProvenFix,
  type SubMismatch,
} from './diagnoses-subject.js'

export type { ProvenFix } from './diagnoses-subject.js'

const ISSUES = 'https://github.com/aws-actions/configure-aws-credentials/issues/'
/** Where configure-aws-credentials decides between OIDC and the SDK's default chain. */
const ACTION_SOURCE =
  'https://github.com/aws-actions/configure-aws-credentials/blob/main/src/index.ts'
const GITHUB_OIDC = SOURCES.githubOidc
const STRING_OPERATORS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String'
const WIF_KEYS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif'
const MULTIVALUED =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html'
const SESSION_TAGS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html'
/** The other CI systems' docs (FACTS-ISSUERS.md §1–§3). */
const GITLAB_ID_TOKENS = 'https://docs.gitlab.com/ci/secrets/id_token_authentication/'
const CIRCLECI_OIDC =
  'https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/'
const TERRAFORM_AWS =
  'https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration'
const CIRCLECI_ORG_ISSUER = /^https:\/\/oidc\.circleci\.com\/org\/([^/]+)$/
const MAX_SESSION_DURATION =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration'
/** The GitHub-hosted issuer's host, the only one github.com tokens carry. */
const GITHUB_HOST = 'token.actions.githubusercontent.com'

/** What the job looked like, for the failures where no token reached STS. */
export interface JobFacts {
  /** The job's environment: a runner sets ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN only with `id-token: write`. */
  env?: Readonly<Record<string, string | undefined>>
  /** The job's effective `permissions:` (`id-token: write` is what matters). */
  permissions?: Readonly<Record<string, string>>
  /** The event that started the run, e.g. `pull_request`. */
  event?: string
  /** The pull request comes from a fork. */
  fromFork?: boolean
}

/** What the diagnoses may use besides the Trace (what explain or the walk knew). */
export interface DiagnosisContext {
  /** The token's claims, when the Trace does not carry them. */
  claims?: Readonly<Record<string, unknown>>
  /** The trust policy's evaluation, when STS stopped before it (explain computes it anyway). */
  evaluation?: PolicyEvaluation
  /** The trust policy, when STS stopped before reading it. */
  policy?: string | object
  /** The request context the policy was evaluated against (`evaluateClaims` returns it). */
  requestContext?: RequestContext
  /** The account of the role. */
  accountId?: string
  /** The account's IAM OIDC providers. */
  oidcProviders?: readonly { Url: string; ClientIDList?: readonly string[] }[]
  /** The audience the job asked for; `null` when it asked for none. */
  requestedAudience?: string | null
  /** The job, when no token was minted at all. */
  job?: JobFacts
}

export type DiagnosisFamily =
  'subject' | 'provider' | 'audience' | 'condition' | 'token' | 'session' | 'no-token'

/** One cause recognised in a failure. */
export interface Diagnosis {
  /** Stable id, e.g. `sub-name-form-vs-id-form`. */
  id: string
  family: DiagnosisFamily
  /** The cause in one line, e.g. "This repository uses immutable subjects; your policy is written in the name form". */
  title: string
  /** What happened, with this failure's values. */
  explanation: string
  /** What to change. */
  fix: string
  /** Where the behaviour is documented or reported. */
  source: string
  /** Fixes proven by re-running the evaluation (the immutable-subject mismatch). */
  proofs?: ProvenFix[]
}

/** A catalogue entry: the cause, and the rule that recognises it. */
export interface DiagnosisRule {
  id: string
  family: DiagnosisFamily
  title: string
  source: string
  /** The known errors (`KNOWN_ERRORS` ids) this cause shows up as. */
  knownErrors: readonly string[]
  /** The explanation and fix for this failure, or `undefined` when the cause is not this one. */
  detect(facts: Facts): { explanation: string; fix: string; proofs?: ProvenFix[] } | undefined
  /** Diagnoses that, when found, make this one redundant (a more specific cause). */
  unless?: readonly string[]
}

/** What the rules read, gathered once from the Trace and the context. */
export interface Facts {
  trace?: Trace
  failed?: Check
  error?: StsErrorShape
  claims: Readonly<Record<string, unknown>>
  evaluation?: PolicyEvaluation
  requestContext?: RequestContext
  policy?: string | object
  accountId?: string
  oidcProviders: readonly { Url: string; ClientIDList?: readonly string[] }[]
  requestedAudience?: string | null
  job?: JobFacts
  subs: SubMismatch[]
}

function factsOf(trace: Trace | undefined, context: DiagnosisContext): Facts {
  const issue = trace ? stepData(trace, 'issue') : undefined
  const verify = trace ? stepData(trace, 'verify') : undefined
  const conditions = trace ? stepData(trace, 'conditions') : undefined
  const claims = context.claims ?? issue?.claims ?? {}
  const evaluation = conditions?.evaluation ?? context.evaluation
  const policy = conditions?.trustPolicy ?? context.policy
  const roleAccount = conditions?.roleArn ? parseArn(conditions.roleArn)?.accountId : undefined
  const providerAccount = verify?.provider ? parseArn(verify.provider.Arn)?.accountId : undefined
  const failed = trace?.steps.find((s) => s.status === 'fail')?.checks.find((c) => !c.ok)
  let requestContext = conditions?.requestContext ?? context.requestContext
  if (!requestContext && typeof claims.iss === 'string') {
    // STS stopped before the policy: the context it would have built, with the provider the
    // policy names for this issuer (else one in the role's account).
    const accountId = context.accountId ?? roleAccount ?? DEMO_ACCOUNT_ID
    const named =
      policy === undefined ? undefined : federatedIn(policy).find((p) => p.url === claims.iss)
    requestContext = requestContextFor(claims, {
      Url: claims.iss,
      Arn: named?.arn ?? oidcProviderArn(accountId, claims.iss),
    })
  }
  return {
    ...(trace && { trace }),
    ...(failed && { failed }),
    ...(trace && !trace.outcome.ok && { error: trace.outcome.error }),
    claims,
    ...(evaluation && { evaluation }),
    ...(requestContext && { requestContext }),
    ...(policy !== undefined && { policy }),
    ...((context.accountId ?? roleAccount ?? providerAccount) !== undefined && {
      accountId: context.accountId ?? roleAccount ?? providerAccount,
    }),
    oidcProviders: context.oidcProviders ?? [],
    ...(context.requestedAudience !== undefined && {
      requestedAudience: context.requestedAudience,
    }),
    ...(issue?.requestedAudience !== undefined &&
      context.requestedAudience === undefined && { requestedAudience: issue.requestedAudience }),
    ...(context.job && { job: context.job }),
    subs: subMismatches(evaluation),
  }
}

function failedOn(f: Facts, ...ids: string[]): boolean {
  return f.failed !== undefined && ids.includes(f.failed.id)
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function hostOf(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/.*$/, '')
}

/** Hosts that look like GitHub's issuer but are not it (an old or misspelt host). */
function lookalikeHost(host: string): boolean {
  const h = host.toLowerCase()
  if (h === GITHUB_HOST) return false
  return h.endsWith('actions.githubusercontent.com') || distance(h, GITHUB_HOST) <= 3
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = row[j]!
      row[j] = next
    }
  }
  return row[b.length]!
}

/** The Federated principals the policy names (none when it cannot be read). */
function federated(f: Facts) {
  return f.policy === undefined ? [] : federatedIn(f.policy)
}

function federatedIn(policy: string | object) {
  try {
    return trustedProviders(policy)
  } catch (error) {
    if (error instanceof PolicyDocumentError) return []
    throw error
  }
}

function allConditions(f: Facts) {
  return (f.evaluation?.statements ?? []).flatMap((s) => s.conditions)
}

function denied(f: Facts): boolean {
  return (
    (f.trace !== undefined && !f.trace.outcome.ok) ||
    (f.evaluation?.decision ?? 'Allow') !== 'Allow'
  )
}

const q = (s: string) => JSON.stringify(s)

/** Every cause trustwalk recognises, most specific first. */
export const DIAGNOSES: readonly DiagnosisRule[] = [
  // —— sub ——
  {
    id: 'sub-name-form-vs-id-form',
    family: 'subject',
    title: 'This repository uses immutable subjects; your policy is written in the name form',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find((s) => nameFormAgainstIdForm(s).length)
      if (!m) return undefined
      const proofs =
        f.policy !== undefined && f.requestContext
          ? provenImmutableFixes(
              typeof f.policy === 'string' ? f.policy : JSON.stringify(f.policy),
              f.requestContext,
              m,
            )
          : undefined
      return {
        explanation: `The token's sub is ${q(m.tokenSub)}: GitHub writes the owner and repository with their numeric ids (OWNER@OWNER_ID/REPO@REPO_ID), as it does by default for repositories created on or after July 15, 2026 and for those that opted in. The policy's ${m.condition.key} names ${q(nameFormOf(nameFormAgainstIdForm(m)[0]!))}, the name form, which such a token never carries.`,
        fix: `Write the condition in the ID form (${q(idFormFor(m))}), or — while some runs still send the name form — accept both forms for the same repository and ref with ${m.condition.operator} and the two values. Drop the name-form value once every run sends the ID form (until then a re-created repository with the same name matches it too), and never widen the condition with a wildcard: the ids are what keep other repositories out.`,
        ...(proofs && { proofs }),
      }
    },
  },
  {
    id: 'sub-id-form-vs-name-form',
    family: 'subject',
    title:
      'Your policy is written in the immutable ID form; this repository’s tokens use the name form',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find((s) => idFormAgainstNameForm(s).length)
      if (!m) return undefined
      return {
        explanation: `The token's sub is ${q(m.tokenSub)} (OWNER/REPO), but the policy names the repository as OWNER@OWNER_ID/REPO@REPO_ID. Repositories created before July 15, 2026 keep the name form until they opt in to immutable subjects.`,
        fix: `Opt the repository in to immutable subjects, or accept both forms for the same repository and ref (${m.condition.operator} with ${q(m.tokenSub)} and the ID-form value) until it does.`,
      }
    },
  },
  {
    id: 'sub-owner-repo-case',
    family: 'subject',
    title: 'The owner or repository name differs only in case',
    source: STRING_OPERATORS,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find((s) => caseOnlyDifferences(s).length)
      if (!m) return undefined
      const v = caseOnlyDifferences(m)[0]!
      return {
        explanation: `The token names ${m.token.owner}/${m.token.repo}, the policy ${v.owner}/${v.repo}: ${m.condition.operator} compares case-sensitively, and GitHub writes the names as they are spelt on GitHub.`,
        fix: `Spell the owner and repository in the policy exactly as the token does (${q(m.tokenSub)}).`,
      }
    },
  },
  {
    id: 'sub-environment',
    family: 'subject',
    title: 'The job declares an environment, so its sub no longer names the branch',
    source: 'https://github.com/github/docs/issues/28292',
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find(
        (s) => s.token.kind === 'environment' && !policyKinds(s).has('environment'),
      )
      if (!m) return undefined
      return {
        explanation: `A job with environment: gets sub ${q(m.tokenSub)} — GitHub puts environment:NAME in place of the ref — so a policy written for a branch (${q(m.values[0]!.value)}) no longer matches it.`,
        fix: `Trust the environment sub (${q(m.tokenSub)}) — protect the environment with reviewers or branch rules — or test …:ref and …:environment as separate conditions.`,
      }
    },
  },
  {
    id: 'sub-no-environment',
    family: 'subject',
    title: 'The policy names an environment, and the job declares none',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find(
        (s) =>
          (s.token.kind === 'branch' || s.token.kind === 'tag' || s.token.kind === 'ref') &&
          policyKinds(s).has('environment') &&
          !policyKinds(s).has(s.token.kind),
      )
      if (!m) return undefined
      const envs = environmentsNamed(m)
      return {
        explanation: `The policy trusts jobs that declare the environment ${envs.map(q).join(' or ')}: GitHub puts environment:NAME in their sub. This job declares none, so its sub names the ref (${q(m.tokenSub)}) and matches no value.`,
        fix: `Add environment: ${envs[0]} to the job that needs the role, so its sub becomes …:environment:${envs[0]} and the environment's protection rules (required reviewers, deployment branches) decide which runs get there — rather than trusting this ref's sub, which would skip them.`,
      }
    },
  },
  {
    id: 'sub-pull-request',
    family: 'subject',
    title: 'The run is a pull request: its sub ends in pull_request, not the branch',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find(
        (s) => s.token.kind === 'pull_request' && !policyKinds(s).has('pull_request'),
      )
      if (!m) return undefined
      // The advice names what the policy names: a branch, a tag or an environment.
      const kinds = policyKinds(m)
      const env = environmentsNamed(m)[0]
      const how = kinds.has('branch')
        ? 'on the branch the policy names (on: push)'
        : kinds.has('tag')
          ? 'for the tag the policy names (on: push: tags)'
          : env !== undefined
            ? `with environment: ${env}, the environment the policy names`
            : 'the way the policy names (a push to its branch, or a job with its environment)'
      return {
        explanation: `A workflow run for the pull_request event gets sub ${q(m.tokenSub)}, whatever its branch, so the policy's ${q(m.values[0]!.value)} never matches it.`,
        fix: `Run the job that needs the role ${how}, not for pull requests; trusting …:pull_request lets unreviewed code assume the role.`,
      }
    },
  },
  {
    id: 'sub-tag-vs-branch',
    family: 'subject',
    title: 'The run is for a tag and the policy names a branch (or the other way round)',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    detect(f) {
      const m = f.subs.find(
        (s) =>
          (s.token.kind === 'tag' && policyKinds(s).has('branch') && !policyKinds(s).has('tag')) ||
          (s.token.kind === 'branch' && policyKinds(s).has('tag') && !policyKinds(s).has('branch')),
      )
      if (!m) return undefined
      const [is, wants] = m.token.kind === 'tag' ? ['tag', 'branch'] : ['branch', 'tag']
      return {
        explanation: `The run is for a ${is} (sub ${q(m.tokenSub)}) but the policy names a ${wants} (${q(m.values[0]!.value)}): a tag's sub is ref:refs/tags/NAME, a branch's ref:refs/heads/NAME.`,
        fix: `Add the ${is}'s exact sub (${q(m.tokenSub)}) if that run should be trusted, or run the workflow from the ${wants} the policy names.`,
      }
    },
  },
  {
    id: 'sub-other-branch',
    family: 'subject',
    title: 'The run is for another branch than the one the policy names',
    source: GITHUB_OIDC,
    knownErrors: ['not-authorized'],
    unless: ['sub-name-form-vs-id-form', 'sub-id-form-vs-name-form', 'sub-owner-repo-case'],
    detect(f) {
      const m = f.subs.find((s) => s.token.kind === 'branch' && policyKinds(s).has('branch'))
      if (!m) return undefined
      return {
        explanation: `The run is for ${m.token.context.slice('ref:'.length)} (sub ${q(m.tokenSub)}), the policy names ${m.values.map((v) => q(v.value)).join(', ')}.`,
        fix: 'Run the workflow from the branch the policy names, or add this branch’s exact sub if it should be trusted.',
      }
    },
  },
  // —— provider ——
  {
    id: 'provider-issuer-host',
    family: 'provider',
    title: 'An old or misspelt issuer host',
    source: `${ISSUES}280`,
    knownErrors: ['no-provider'],
    detect(f) {
      if (!failedOn(f, 'verify.provider-for-iss') && !denied(f)) return undefined
      const hosts = [
        ...(str(f.claims.iss) ? [hostOf(str(f.claims.iss)!)] : []),
        ...f.oidcProviders.map((p) => hostOf(p.Url)),
        ...federated(f).map((p) => hostOf(p.url)),
      ].filter(lookalikeHost)
      if (!hosts.length) return undefined
      return {
        explanation: `${hosts[0]} is not GitHub's issuer: github.com tokens carry iss ${GITHUB_ISSUER} (vstoken.actions.githubusercontent.com, the host of GitHub's beta, was replaced by it in October 2021), and STS matches the provider URL exactly.`,
        fix: `Use ${GITHUB_ISSUER} for the IAM OIDC provider's URL, its ARN (…:oidc-provider/${GITHUB_HOST}) and the condition keys (${GITHUB_HOST}:sub).`,
      }
    },
  },
  {
    id: 'provider-url-trailing-slash',
    family: 'provider',
    title: 'A trailing slash in the provider URL',
    source: SOURCES.iamCreateOidc,
    knownErrors: ['no-provider'],
    detect(f) {
      if (!failedOn(f, 'verify.provider-for-iss')) return undefined
      const iss = str(f.claims.iss) ?? ''
      const urls = [...f.oidcProviders.map((p) => p.Url), ...federated(f).map((p) => p.url)]
      const slashed = urls.find(
        (u) => u !== iss && u.replace(/\/+$/, '') === iss.replace(/\/+$/, ''),
      )
      if (!slashed) return undefined
      return {
        explanation: `The token's iss is ${iss} and the provider is ${slashed}: STS compares them exactly, so one trailing slash is a different provider.`,
        fix: `Create the provider (and name it in Principal.Federated) with URL ${iss} exactly, without a trailing slash.`,
      }
    },
  },
  {
    id: 'provider-other-account',
    family: 'provider',
    title: 'The provider ARN names another account',
    source: SOURCES.iamCreateOidc,
    knownErrors: ['no-provider', 'not-authorized'],
    detect(f) {
      if (f.accountId === undefined || !denied(f)) return undefined
      const iss = str(f.claims.iss)
      const named = federated(f).filter((p) => p.url === iss)
      if (!named.length || named.some((p) => p.accountId === f.accountId)) return undefined
      return {
        explanation: `The policy trusts ${named[0]!.arn}, a provider in account ${named[0]!.accountId}, but the role is in account ${f.accountId}: STS only uses the provider in the role's own account.`,
        fix: `Create the OIDC provider in account ${f.accountId} and name arn:aws:iam::${f.accountId}:oidc-provider/${named[0]!.hostPath} in Principal.Federated.`,
      }
    },
  },
  {
    id: 'provider-missing',
    family: 'provider',
    title: 'No IAM OIDC provider in this account for the token’s issuer',
    source: `${ISSUES}280`,
    knownErrors: ['no-provider'],
    unless: [
      'provider-issuer-host',
      'provider-url-trailing-slash',
      'provider-other-account',
      'circleci-org-mismatch',
    ],
    detect(f) {
      if (!failedOn(f, 'verify.provider-for-iss')) return undefined
      const iss = str(f.claims.iss) ?? '(none)'
      return {
        explanation: `STS looks in the role's account for an IAM OIDC provider whose URL is exactly the token's iss, ${iss}, and there is none.`,
        fix: `Create it once per account: URL ${iss}, client ID sts.amazonaws.com, and name its ARN in the trust policy's Principal.Federated.`,
      }
    },
  },
  {
    id: 'circleci-org-mismatch',
    family: 'provider',
    title: 'The CircleCI organisation in the issuer URL is another one',
    source: CIRCLECI_OIDC,
    knownErrors: ['no-provider', 'not-authorized'],
    detect(f) {
      // CircleCI's issuer (and so the provider URL and the condition-key prefix) carries the
      // organisation id: https://oidc.circleci.com/org/<ORG> (FACTS-ISSUERS.md §2.4).
      const org = CIRCLECI_ORG_ISSUER.exec(str(f.claims.iss) ?? '')?.[1]
      if (org === undefined || !denied(f)) return undefined
      const other = (url: string) => {
        const m = CIRCLECI_ORG_ISSUER.exec(url.startsWith('https://') ? url : `https://${url}`)
        return m && m[1] !== org ? m[1]! : undefined
      }
      if (failedOn(f, 'verify.provider-for-iss')) {
        const named = [...f.oidcProviders.map((p) => p.Url), ...federated(f).map((p) => p.url)]
          .map(other)
          .find((x) => x !== undefined)
        if (!named) return undefined
        return {
          explanation: `The token comes from organisation ${org} (iss ${str(f.claims.iss)}), but the account's provider and the policy are for organisation ${named}. Each CircleCI organisation has its own issuer URL, so STS finds no provider for this one.`,
          fix: `Run the job in organisation ${named}, or create a provider for https://oidc.circleci.com/org/${org} (client ID ${org}) and trust it in Principal.Federated.`,
        }
      }
      const key = allConditions(f).find(
        (c) => !c.present && other(c.key.slice(0, c.key.lastIndexOf(':'))) !== undefined,
      )
      if (!key) return undefined
      return {
        explanation: `The condition key ${key.key} names organisation ${other(key.key.slice(0, key.key.lastIndexOf(':')))}, but this token's keys are named oidc.circleci.com/org/${org}:…: the key carries the issuer path, so it is never filled and the condition never matches.`,
        fix: `Write the keys with this organisation's prefix: oidc.circleci.com/org/${org}:aud, oidc.circleci.com/org/${org}:oidc.circleci.com/project-id.`,
      }
    },
  },
  // —— audience ——
  {
    id: 'audience-default',
    family: 'audience',
    title: 'The job asked for no audience, so aud is https://github.com/OWNER',
    source: `${ISSUES}1309`,
    knownErrors: ['audience'],
    detect(f) {
      const aud = str(f.claims.aud)
      const owner = str(f.claims.repository_owner)
      const isDefault =
        f.requestedAudience === null ||
        (aud !== undefined && owner !== undefined && aud === `https://github.com/${owner}`)
      if (!isDefault || !audienceRefused(f)) return undefined
      return {
        explanation: `The token's aud is ${aud ?? 'https://github.com/OWNER'}: GitHub's default when a job asks for no audience, and the provider's client IDs (${clientIds(f)}) do not list it.`,
        fix: 'Request audience sts.amazonaws.com (configure-aws-credentials does unless its audience: input says otherwise; core.getIDToken() without an argument does not), or add this audience to the provider’s client IDs.',
      }
    },
  },
  {
    id: 'audience-not-client-id',
    family: 'audience',
    title: 'The token’s aud is not one of the provider’s client IDs',
    source: `${ISSUES}775`,
    knownErrors: ['audience'],
    unless: ['audience-default'],
    detect(f) {
      if (!audienceRefused(f)) return undefined
      return {
        explanation: `The token's aud is ${q(str(f.claims.aud) ?? '')} and the provider accepts ${clientIds(f)}.`,
        fix: 'Make the two agree: set the audience: input of configure-aws-credentials to a client ID of the provider, or add the token’s aud to the provider’s client IDs (and to any …:aud condition).',
      }
    },
  },
  // —— conditions ——
  {
    id: 'condition-unmapped-claim',
    family: 'condition',
    title: 'A condition tests a claim AWS never maps to a condition key',
    source: WIF_KEYS,
    knownErrors: ['not-authorized'],
    detect(f) {
      const c = allConditions(f).find(
        (c) => !c.present && c.absentReason?.startsWith('AWS never fills'),
      )
      if (!c) return undefined
      return {
        explanation: `${c.absentReason}. The condition on ${c.key} therefore sees no value: a positive operator never matches (the role is denied), a negated or …IfExists one always does (the role is open).`,
        fix: 'Test a key AWS fills instead: …:sub, …:aud, and for GitHub …:repository, …:repository_id, …:repository_owner_id, …:ref, …:environment, …:job_workflow_ref, …:workflow, …:actor, …:actor_id, …:enterprise_id.',
      }
    },
  },
  {
    id: 'gitlab-self-managed-keys',
    family: 'condition',
    title: 'A self-managed GitLab instance: AWS fills only aud and sub',
    source: GITLAB_ID_TOKENS,
    knownErrors: ['not-authorized'],
    detect(f) {
      // The gitlab.com keys (project_id, namespace_id, ref_protected…) exist only for the
      // provider https://gitlab.com; a self-managed or Dedicated instance gets the generic keys
      // (FACTS-ISSUERS.md §0.1, §1.5 #7).
      const iss = str(f.claims.iss)
      if (!iss || hostOf(iss).toLowerCase() === 'gitlab.com') return undefined
      if (typeof f.claims.project_path !== 'string' || f.claims.namespace_id === undefined)
        return undefined
      const p = `${iss.replace(/^https?:\/\//, '')}:`.toLowerCase()
      const c = allConditions(f).find(
        (c) =>
          !c.present &&
          c.key.toLowerCase().startsWith(p) &&
          GITLAB_CONDITION_CLAIMS.includes(c.key.slice(p.length)),
      )
      if (!c) return undefined
      const claim = c.key.slice(p.length)
      return {
        explanation: `The token comes from ${iss}, a self-managed GitLab instance. AWS fills ${p}aud and ${p}sub for it, but ${claim} only for https://gitlab.com, so the condition on ${c.key} never sees a value.`,
        fix: `Pin the ids through the sub instead: set the project's ID token sub claim components to lead with project_id (e.g. project_id:${String(f.claims.project_id ?? 'ID')}:ref_type:branch:ref:main) and test ${p}sub.`,
      }
    },
  },
  {
    id: 'terraform-plan-phase',
    family: 'subject',
    title: 'A plan-phase token against a role for apply',
    source: TERRAFORM_AWS,
    knownErrors: ['not-authorized'],
    detect(f) {
      const sub = str(f.claims.sub)
      if (!denied(f) || f.claims.terraform_run_phase !== 'plan' || !sub) return undefined
      const c = allConditions(f).find(
        (c) =>
          !c.matched &&
          /:sub$/i.test(c.key) &&
          c.values.some((v) => v.value === sub.replace(/:run_phase:plan$/, ':run_phase:apply')),
      )
      if (!c) return undefined
      return {
        explanation: `HCP Terraform mints a token per run phase: this one is for the plan (sub ${q(sub)}), and the role's ${c.key} names only the apply phase. Plans also run for speculative (pull-request) runs.`,
        fix: 'Give the plan phase its own read-only role (TFC_AWS_PLAN_ROLE_ARN) with run_phase:plan in its sub, rather than widening this role to run_phase:*.',
      }
    },
  },
  {
    id: 'condition-key-trailing-slash',
    family: 'condition',
    title: 'A trailing slash in a condition key',
    source: WIF_KEYS,
    knownErrors: ['not-authorized'],
    detect(f) {
      const c = allConditions(f).find((c) => !c.present && /\/:[^:/]+$/.test(c.key))
      if (!c) return undefined
      const fixed = c.key.replace(/\/:([^:/]+)$/, ':$1')
      return {
        explanation: `The key ${c.key} has a slash before the claim: AWS names the keys after the provider URL without https:// and without a trailing slash, so this key is never in the request.`,
        fix: `Write ${fixed}.`,
      }
    },
  },
  {
    id: 'forallvalues-sub',
    family: 'condition',
    title: 'ForAllValues: on sub is true when the key is absent',
    source: 'https://github.com/github/docs/pull/17463',
    knownErrors: ['not-authorized'],
    detect(f) {
      const c = allConditions(f).find(
        (c) => /^forallvalues:/i.test(c.operator) && /:sub$/i.test(c.key),
      )
      if (!c) return undefined
      return {
        explanation: `${c.operator} on ${c.key} tests every value of a multi-valued key, and is true when the key is absent; sub is single-valued, so the qualifier adds nothing but the hole (GitHub's docs showed it from 2021-11 to 2022-04). See ${MULTIVALUED}.`,
        fix: `Drop the qualifier: ${c.operator.replace(/^ForAllValues:/i, '')} on ${c.key}.`,
      }
    },
  },
  // —— token ——
  {
    id: 'token-expired',
    family: 'token',
    title: 'The token expired before it reached STS (or a clock is off)',
    source: SOURCES.iamOidc,
    knownErrors: ['expired'],
    detect(f) {
      if (!failedOn(f, 'verify.exp')) return undefined
      return {
        explanation: `${f.failed!.summary} GitHub's tokens live 5 minutes and STS allows 5 more of clock skew: the token was requested long before the call, reused from an earlier step, or a clock is wrong.`,
        fix: 'Request the token right before calling STS (configure-aws-credentials does), never cache it between steps; on a self-hosted runner, sync the clock (NTP).',
      }
    },
  },
  {
    id: 'token-not-yet-valid',
    family: 'token',
    title: 'The token is not valid yet: its issuer’s clock is ahead',
    source: SOURCES.jwtClaims,
    knownErrors: [],
    detect(f) {
      if (!failedOn(f, 'verify.nbf', 'verify.iat')) return undefined
      return {
        explanation: `${f.failed!.summary} A token from the future means the issuer's clock (or the caller's) is off by more than the skew STS allows.`,
        fix: 'Sync the clocks (NTP) of the issuer and the machine calling STS; GitHub’s own issuer is not the cause unless the runner replays an old request.',
      }
    },
  },
  // —— session ——
  {
    id: 'duration-above-max',
    family: 'session',
    title: 'DurationSeconds is above the role’s MaxSessionDuration',
    source: MAX_SESSION_DURATION,
    knownErrors: ['duration'],
    detect(f) {
      if (!failedOn(f, 'credentials.duration-within-max')) return undefined
      return {
        explanation: `${f.failed!.summary.replace(/;.*$/, '.')} role-duration-seconds defaults to 3600, and a role's maximum is 3600 unless raised.`,
        fix: 'Lower role-duration-seconds, or raise the role’s MaxSessionDuration (up to 43200 seconds).',
      }
    },
  },
  {
    id: 'tag-session-not-allowed',
    family: 'session',
    title: 'Session tags without sts:TagSession',
    source: SESSION_TAGS,
    knownErrors: ['tag-session'],
    detect(f) {
      const tag = f.evaluation?.additionalActions.find(
        (a) => a.action.toLowerCase() === 'sts:tagsession',
      )
      if (!failedOn(f, 'conditions.tag-session') && !(tag && tag.decision !== 'Allow'))
        return undefined
      return {
        explanation:
          'The request carries session tags, so the trust policy must allow sts:TagSession as well as sts:AssumeRoleWithWebIdentity, and it does not.',
        fix: 'Add sts:TagSession to the Allow statement’s Action, or stop sending session tags (role-skip-session-tagging: true).',
      }
    },
  },
  // —— no token ——
  {
    id: 'fork-pull-request',
    family: 'no-token',
    title: 'A pull request from a fork gets no ID token',
    source: ACTION_SOURCE,
    knownErrors: ['no-credentials'],
    detect(f) {
      const job = f.job
      if (!job || !job.fromFork || !tokenless(job)) return undefined
      return {
        explanation: `${NO_TOKEN_TEXT} A pull_request run from a fork never gets id-token: write, so the runner sets neither ACTIONS_ID_TOKEN_REQUEST_URL nor ACTIONS_ID_TOKEN_REQUEST_TOKEN, and configure-aws-credentials falls back to the SDK's default chain: "${NO_CREDENTIALS}".`,
        fix: 'Do not give fork pull requests a deploy role. Run the AWS step on push (after review and merge), or in a separate, trusted workflow.',
      }
    },
  },
  {
    id: 'no-id-token-permission',
    family: 'no-token',
    title: 'The job lacks permissions: id-token: write',
    source: ACTION_SOURCE,
    knownErrors: ['no-credentials'],
    unless: ['fork-pull-request'],
    detect(f) {
      const job = f.job
      if (!job || !tokenless(job)) return undefined
      return {
        explanation: `Without id-token: write the runner sets neither ACTIONS_ID_TOKEN_REQUEST_URL nor ACTIONS_ID_TOKEN_REQUEST_TOKEN, so configure-aws-credentials prints "${NO_TOKEN_TEXT}" and then fails with "${NO_CREDENTIALS}".`,
        fix: 'Add permissions: id-token: write (and contents: read) to the job — a job-level permissions: block replaces the workflow’s.',
      }
    },
  },
]

/** What configure-aws-credentials prints when only ACTIONS_ID_TOKEN_REQUEST_TOKEN is missing (src/index.ts). */
export const NO_TOKEN_TEXT =
  'It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission? If you are not trying to authenticate with OIDC and the action is working successfully, you can ignore this message.'
/** Its failure then: the SDK's default chain finds no credentials. */
export const NO_CREDENTIALS =
  'Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers'

function tokenless(job: JobFacts): boolean {
  if (job.env)
    return !job.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN || !job.env.ACTIONS_ID_TOKEN_REQUEST_URL
  if (job.permissions) return job.permissions['id-token'] !== 'write'
  return job.fromFork === true
}

function audienceRefused(f: Facts): boolean {
  if (failedOn(f, 'verify.aud-in-client-ids')) return true
  return allConditions(f).some((c) => !c.matched && c.present && /:aud$/i.test(c.key))
}

function clientIds(f: Facts): string {
  const iss = str(f.claims.iss)
  const ids = f.oidcProviders.find((p) => p.Url === iss)?.ClientIDList
  return ids?.length ? ids.join(', ') : 'sts.amazonaws.com'
}

function idFormFor(m: SubMismatch): string {
  const v = nameFormAgainstIdForm(m)[0]!
  return `repo:${v.owner}@${m.token.ownerId}/${v.repo}@${m.token.repoId}:${v.context}`
}

/**
 * The causes recognised in a Trace, most specific first (empty when none is). `context` adds what
 * the Trace may not carry: the evaluation and policy when STS stopped before them, the account's
 * providers, and the job when no token was minted at all (then `trace` is `undefined`).
 *
 * @example
 * diagnose(await walk(getScenario('environment-subject'))).map((d) => d.id) // ['sub-environment']
 */
export function diagnose(trace: Trace | undefined, context: DiagnosisContext = {}): Diagnosis[] {
  const facts = factsOf(trace, context)
  const found: Diagnosis[] = []
  for (const rule of DIAGNOSES) {
    const hit = rule.detect(facts)
    if (!hit) continue
    found.push({ id: rule.id, family: rule.family, title: rule.title, source: rule.source, ...hit })
  }
  return found.filter(
    (d) =>
      !DIAGNOSES.find((r) => r.id === d.id)!.unless?.some((u) => found.some((x) => x.id === u)),
  )
}

/**
 * The catalogue entries a known error (`KNOWN_ERRORS` id) can be caused by.
 *
 * @example
 * diagnosesForKnownError('audience').map((r) => r.id) // ['audience-default', 'audience-not-client-id']
 */
export function diagnosesForKnownError(knownErrorId: string): DiagnosisRule[] {
  return DIAGNOSES.filter((r) => r.knownErrors.includes(knownErrorId))
}

/**
 * The diagnoses of an `explainClaims` result: its Trace, with the evaluation, account and
 * providers explain built (STS may have stopped before the policy).
 *
 * @example
 * diagnoseExplanation(await explainClaims({ policy, claims }), policy)[0]?.id // 'sub-name-form-vs-id-form'
 */
export function diagnoseExplanation(
  e: {
    trace: Trace
    evaluation: PolicyEvaluation
    accountId: string
    oidcProviders: readonly { Url: string; ClientIDList?: readonly string[] }[]
  },
  policy: string | object,
  claims?: Readonly<Record<string, unknown>>,
): Diagnosis[] {
  return diagnose(e.trace, {
    evaluation: e.evaluation,
    policy: parseTrustPolicy(policy).source,
    accountId: e.accountId,
    oidcProviders: e.oidcProviders,
    ...(claims && { claims }),
  })
}

/**
 * The diagnoses of a walk: its Trace, with the scenario's account (its providers and id).
 *
 * @example
 * diagnoseWalk(await walk(getScenario('environment-subject')), getScenario('environment-subject'))[0]?.id
 * // 'sub-environment'
 */
export function diagnoseWalk(
  trace: Trace,
  scenario: {
    account: {
      accountId?: string
      oidcProviders?: readonly { Url: string; ClientIDList?: readonly string[] }[]
    }
  },
): Diagnosis[] {
  return diagnose(trace, {
    oidcProviders: scenario.account.oidcProviders ?? [],
    ...(scenario.account.accountId !== undefined && { accountId: scenario.account.accountId }),
  })
}
