/**
 * One AWS account as the handshake sees it: IAM OIDC identity providers, IAM roles with trust
 * policies, and the role sessions STS has issued. Creating either is validated the way IAM's
 * `CreateOpenIDConnectProvider` and `CreateRole` validate, and refused with IAM's error codes.
 * Sim choice: the message texts of EntityAlreadyExists and LimitExceeded are not in FACTS.md
 * (unconfirmed); the codes, the 100-provider quota and URL uniqueness are (FACTS.md §3).
 *
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
import type { Partition } from './arn.js'
import {
  IamError,
  validateProvider,
  validateRole,
  validateTrustPolicyWrite,
  type IamRole,
  type OidcProvider,
  type OidcProviderInput,
  type RoleInput,
} from './iam-entities.js'
import { createSessionStore, type SessionStore } from './sts/credentials.js'

export {
  IamError,
  isLoopbackHttp,
  providerArnFor,
  type IamErrorCode,
  type IamRole,
  type OidcProvider,
  type OidcProviderInput,
  type RoleInput,
} from './iam-entities.js'

export interface AwsAccountInput {
  /** Twelve digits. */
  accountId: string
  partition?: Partition
  oidcProviders?: OidcProviderInput[]
  roles?: RoleInput[]
}

export interface AwsAccount {
  readonly accountId: string
  readonly partition: Partition
  readonly oidcProviders: readonly OidcProvider[]
  readonly roles: readonly IamRole[]
  /** The provider whose `Url` is exactly `url` (IAM compares case-sensitively). */
  findOidcProvider(url: string): OidcProvider | undefined
  /** The role with exactly this ARN. */
  findRole(arn: string): IamRole | undefined
  findRoleByName(roleName: string): IamRole | undefined
  /** IAM CreateOpenIDConnectProvider. */
  createOpenIDConnectProvider(input: OidcProviderInput): OidcProvider
  /** IAM CreateRole, with the GitHub trust-policy guardrail. */
  createRole(input: RoleInput): IamRole
  /**
   * IAM UpdateAssumeRolePolicy: replace a role's trust policy, checked as a new write (no
   * `NotPrincipal`, the GitHub guardrail, even for a legacy role). Returns the updated role.
   */
  updateAssumeRolePolicy(roleName: string, policyDocument: string | object): IamRole
  /** The role sessions STS has issued in this account. */
  readonly sessions: SessionStore
}

/**
 * Create an account with its OIDC providers and roles. Throws `IamError` for anything IAM would
 * refuse, e.g. a GitHub trust policy that does not pin `sub` (`MalformedPolicyDocument`).
 *
 * @example
 * const account = createAwsAccount({
 *   accountId: '123456789012',
 *   oidcProviders: [{ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }],
 *   roles: [{ RoleName: 'deploy', AssumeRolePolicyDocument: trustPolicy }],
 * })
 * account.findRole('arn:aws:iam::123456789012:role/deploy')?.RoleId // 'AROA…'
 */
export function createAwsAccount(input: AwsAccountInput): AwsAccount {
  const accountId = input.accountId
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
    throw new IamError(
      'InvalidInput',
      `An AWS account id is twelve digits, not ${JSON.stringify(accountId)}.`,
    )
  }
  const partition = input.partition ?? 'aws'
  if (!['aws', 'aws-cn', 'aws-us-gov'].includes(partition)) {
    throw new IamError('InvalidInput', `Unknown partition ${JSON.stringify(partition)}.`)
  }
  const oidcProviders: OidcProvider[] = []
  const roles: IamRole[] = []
  const account: AwsAccount = {
    accountId,
    partition,
    oidcProviders,
    roles,
    sessions: createSessionStore(),
    findOidcProvider: (url) => oidcProviders.find((p) => p.Url === url),
    findRole: (arn) => roles.find((r) => r.Arn === arn),
    // Role names are unique regardless of case (CreateRole: "Role names are not distinguished by case").
    findRoleByName: (name) => roles.find((r) => r.RoleName.toLowerCase() === name.toLowerCase()),
    createOpenIDConnectProvider(provider) {
      const created = validateProvider(provider, accountId, partition)
      if (account.findOidcProvider(created.Url)) {
        throw new IamError(
          'EntityAlreadyExists',
          `Provider with url ${created.Url} already exists.`,
          409,
        )
      }
      if (oidcProviders.length >= 100) {
        throw new IamError(
          'LimitExceeded',
          'Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100',
          409,
        )
      }
      oidcProviders.push(created)
      return created
    },
    createRole(role) {
      const created = validateRole(role, accountId, partition)
      if (account.findRoleByName(created.RoleName)) {
        throw new IamError(
          'EntityAlreadyExists',
          `Role with name ${created.RoleName} already exists.`,
          409,
        )
      }
      roles.push(created)
      return created
    },
    updateAssumeRolePolicy(roleName, policyDocument) {
      // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
      const i = roles.findIndex((r) => r.RoleName.toLowerCase() === String(roleName).toLowerCase())
      if (i < 0) {
        throw new IamError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404)
      }
      const document =
        typeof policyDocument === 'string'
          ? policyDocument
          : JSON.stringify(policyDocument, null, 2)
      const trustPolicy = validateTrustPolicyWrite(document)
      const updated: IamRole = {
        ...roles[i]!,
        AssumeRolePolicyDocument: document,
        trustPolicy,
        legacyRole: false,
      }
      roles[i] = updated
      return updated
    },
  }
  for (const provider of input.oidcProviders ?? []) account.createOpenIDConnectProvider(provider)
  for (const role of input.roles ?? []) account.createRole(role)
  return account
}
