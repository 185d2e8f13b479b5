/**
 * The attack lab's starting points: real misconfigurations of GitHub trust policies (FACTS.md §6),
 * written for the demo account and octo-org/octo-repo.
 */
import {
  conditionKeyPrefix,
  DEMO_ACCOUNT_ID,
  GITHUB_ISSUER,
  oidcProviderArn,
  STS_AUDIENCE,
} from '../../../lib/index.js'

const K = conditionKeyPrefix(GITHUB_ISSUER)
const PROVIDER = oidcProviderArn(DEMO_ACCOUNT_ID, GITHUB_ISSUER)
const AUD = { [`${K}:aud`]: STS_AUDIENCE }

export interface AttackPreset {
  id: string
  label: string
  text: string
}

function policy(condition: object): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
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

const sub = (value: string | string[], op = 'StringLike') => ({
  StringEquals: AUD,
  [op]: { [`${K}:sub`]: value },
})

export const ATTACK_PRESETS: AttackPreset[] = [
  {
    id: 'org-wide',
    label: 'Every repository of the org: repo:octo-org/*',
    text: policy(sub('repo:octo-org/*')),
  },
  { id: 'aud-only', label: 'Only the audience is checked', text: policy({ StringEquals: AUD }) },
  { id: 'repo-star', label: 'repo:* — AWS’s guardrail accepts it', text: policy(sub('repo:*')) },
  {
    id: 'owner-prefix',
    label: 'Owner prefix: repo:octo-org*',
    text: policy(sub('repo:octo-org*')),
  },
  {
    id: 'loose-list',
    label: 'One loose value in a list',
    text: policy(sub(['repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/*'])),
  },
  {
    id: 'misspelled-negated',
    label: 'A misspelled key under StringNotLike',
    text: policy({ StringEquals: AUD, StringNotLike: { [`${K}:subject`]: 'repo:evil-org/*' } }),
  },
  {
    id: 'branch-prefix',
    label: 'Branch prefix: refs/heads/main*',
    text: policy(sub('repo:octo-org/octo-repo:ref:refs/heads/main*')),
  },
  {
    id: 'pull-requests',
    label: 'Pull requests may deploy',
    text: policy(sub('repo:octo-org/octo-repo:pull_request', 'StringEquals')),
  },
  {
    id: 'duplicate-key',
    label: 'Two "StringEquals" blocks (the first is dropped)',
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "${PROVIDER}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": { "${K}:sub": "repo:octo-org/octo-repo:ref:refs/heads/main" },
        "StringEquals": { "${K}:aud": "sts.amazonaws.com" }
      }
    }
  ]
}`,
  },
  {
    id: 'tight',
    label: 'Tight: exact sub, repository and owner ids',
    text: policy({
      StringEquals: {
        ...AUD,
        [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        [`${K}:repository_id`]: '892417563',
        [`${K}:repository_owner_id`]: '65413209',
        [`${K}:job_workflow_ref`]:
          'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      },
    }),
  },
]
