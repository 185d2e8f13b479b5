/** Trust policies the playground starts from: the right one, and three real-world mistakes. */
import {
  conditionKeyPrefix,
  DEMO_ACCOUNT_ID,
  GITHUB_ISSUER,
  oidcProviderArn,
  STS_AUDIENCE,
} from '../../lib/index.js'

const K = conditionKeyPrefix(GITHUB_ISSUER)
const PROVIDER = oidcProviderArn(DEMO_ACCOUNT_ID, GITHUB_ISSUER)

function policy(condition: Record<string, Record<string, string | string[]>>): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GitHubDeploy',
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition,
        },
      ],
    },
    null,
    2,
  )
}

export interface PolicyPreset {
  id: string
  label: string
  text: string
}

export const POLICY_PRESETS: readonly PolicyPreset[] = [
  {
    id: 'main-only',
    label: 'Main branch of one repository (correct)',
    text: policy({
      StringEquals: {
        [`${K}:aud`]: STS_AUDIENCE,
        [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      },
    }),
  },
  {
    id: 'environment',
    label: 'Environment production (correct, if the environment is protected)',
    text: policy({
      StringEquals: {
        [`${K}:aud`]: STS_AUDIENCE,
        [`${K}:sub`]: 'repo:octo-org/octo-repo:environment:production',
      },
    }),
  },
  {
    id: 'aud-only',
    label: 'Audience only (any repository on GitHub!)',
    text: policy({ StringEquals: { [`${K}:aud`]: STS_AUDIENCE } }),
  },
  {
    id: 'org-prefix',
    label: 'Owner prefix wildcard repo:octo-org* (matches octo-org-evil)',
    text: policy({
      StringEquals: { [`${K}:aud`]: STS_AUDIENCE },
      StringLike: { [`${K}:sub`]: 'repo:octo-org*' },
    }),
  },
  {
    id: 'fail-open',
    label: 'Negated operator on a misspelled key (fails open)',
    text: policy({
      StringEquals: { [`${K}:aud`]: STS_AUDIENCE },
      StringNotLike: { [`${K}:subject`]: 'repo:octo-org-evil/*' },
    }),
  },
]
