/**
 * Five trust policies from real setups that look scoped and are not (FACTS.md §6: patterns 4, 7,
 * 8, 10 and 11). Each exercise starts from the broken policy; the fix must keep the intended
 * workflows working and shut out the attacker's.
 */
import { checkTrustPolicy, type TokenCase } from './policy-checks.js'
import type { Exercise } from './exercise.js'
import { AUDIENCE, K, OCTO_ORG_ID, octoOrg, octoRepo, stranger, trustPolicyText } from './world.js'

const aud = { [`${K}:aud`]: AUDIENCE }
const FACTS_SOURCE =
  'https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/'

const octoRepoMain: TokenCase = {
  id: 'octo-repo-main',
  label: 'a push to main of octo-org/octo-repo',
  run: octoRepo(),
}
const webMain: TokenCase = {
  id: 'web-main',
  label: 'a push to main of octo-org/web',
  run: octoOrg('web', '80'),
}

export const orgPrefix: Exercise = {
  id: 'org-prefix',
  title: 'Misconfiguration 1: the organisation prefix',
  level: 'advanced',
  minutes: 5,
  brief: [
    'The intent: any repository of octo-org may deploy from its main branch. The policy says `repo:octo-org*`.',
    'In `StringLike`, `*` matches any run of characters — including `-evil/anything`. Fix it without losing octo-org’s own repositories.',
    `Source: ${FACTS_SOURCE}`,
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({ StringEquals: aud, StringLike: { [`${K}:sub`]: 'repo:octo-org*' } }),
  solution: trustPolicyText({
    StringEquals: { ...aud, [`${K}:repository_owner_id`]: OCTO_ORG_ID },
    StringLike: { [`${K}:sub`]: 'repo:octo-org/*:ref:refs/heads/main' },
  }),
  hints: [
    'What does `repo:octo-org*` match that starts with `repo:octo-org-`?',
    'Put the `/` after the organisation name, and say which ref: `repo:octo-org/*:ref:refs/heads/main`.',
    `Belt and braces: also require \`${K}:repository_owner_id\` = \`${OCTO_ORG_ID}\`.`,
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [octoRepoMain, webMain],
      deny: [
        {
          id: 'evil-prefix',
          label: 'a push to main of octo-org-evil/app',
          run: stranger('octo-org-evil', 'app'),
        },
        {
          id: 'feature',
          label: 'a push to the branch feature of octo-org/web',
          run: octoOrg('web', '80', { branch: 'feature' }),
        },
        {
          id: 'pull-request',
          label: 'a pull request in octo-org/web',
          run: octoOrg('web', '80', {
            branch: undefined,
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          }),
        },
      ],
    }),
}

export const branchPrefix: Exercise = {
  id: 'branch-prefix',
  title: 'Misconfiguration 2: the branch prefix',
  level: 'advanced',
  minutes: 4,
  brief: [
    'The intent: only the main branch of octo-org/octo-repo. The policy says `repo:octo-org/octo-repo:ref:refs/heads/main*` "to be safe".',
    'Anyone who can push a branch called `main-anything` gets the role. Fix it.',
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main*' },
  }),
  solution: trustPolicyText({
    StringEquals: { ...aud, [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
  }),
  hints: [
    'Does the main branch need a wildcard at all?',
    'Use `StringEquals` with the exact ref, no `*`.',
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [octoRepoMain],
      deny: [
        {
          id: 'main-hotfix',
          label: 'a push to main-hotfix',
          run: octoRepo({ branch: 'main-hotfix' }),
        },
        {
          id: 'main-slash',
          label: 'a push to main/experiment',
          run: octoRepo({ branch: 'main/experiment' }),
        },
        {
          id: 'maintenance',
          label: 'a push to maintenance',
          run: octoRepo({ branch: 'maintenance' }),
        },
      ],
    }),
}

export const orListPoisoning: Exercise = {
  id: 'or-list',
  title: 'Misconfiguration 3: one loose value in a list',
  level: 'advanced',
  minutes: 5,
  brief: [
    'The policy lists two subjects: the main branch of octo-org/octo-repo, and — added "temporarily" for a migration — every repository of octo-org. The values of one key are ORed: the loosest wins.',
    'Keep main of octo-org/octo-repo and the tag releases of octo-org/octo-repo (`refs/tags/v*`); deny everything else.',
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: {
      [`${K}:sub`]: [
        'repo:octo-org/octo-repo:ref:refs/heads/main',
        'repo:octo-org/octo-repo:ref:refs/tags/v*',
        'repo:octo-org/*',
      ],
    },
  }),
  solution: trustPolicyText({
    StringEquals: aud,
    StringLike: {
      [`${K}:sub`]: [
        'repo:octo-org/octo-repo:ref:refs/heads/main',
        'repo:octo-org/octo-repo:ref:refs/tags/v*',
      ],
    },
  }),
  hints: [
    'Read every value in the list, not just the first (Checkov and AWS’s guardrail only read the first).',
    'Remove `repo:octo-org/*`.',
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [
        octoRepoMain,
        {
          id: 'tag',
          label: 'a push of the tag v2.1.0 of octo-org/octo-repo',
          run: octoRepo({ branch: undefined, tag: 'v2.1.0' }),
        },
      ],
      deny: [
        webMain,
        {
          id: 'feature',
          label: 'a push to feature of octo-org/octo-repo',
          run: octoRepo({ branch: 'feature' }),
        },
        {
          id: 'pull-request',
          label: 'a pull request in octo-org/octo-repo',
          run: octoRepo({
            branch: undefined,
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          }),
        },
      ],
    }),
}

export const missingKey: Exercise = {
  id: 'missing-key',
  title: 'Misconfiguration 4: a condition on a key AWS never fills',
  level: 'advanced',
  minutes: 6,
  brief: [
    'The intent: any repository owned by octo-org, main branch. The author tested `repository_owner` with `StringEqualsIfExists`. AWS never puts `repository_owner` in the request context, and `…IfExists` is true when the key is missing — so the condition lets everyone through.',
    `Rewrite the conditions with keys AWS does fill. octo-org’s id is ${OCTO_ORG_ID}.`,
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: { [`${K}:sub`]: 'repo:*:ref:refs/heads/main' },
    StringEqualsIfExists: { [`${K}:repository_owner`]: 'octo-org' },
  }),
  solution: trustPolicyText({
    StringEquals: { ...aud, [`${K}:repository_owner_id`]: OCTO_ORG_ID },
    StringLike: { [`${K}:sub`]: 'repo:octo-org/*:ref:refs/heads/main' },
  }),
  hints: [
    'Which GitHub claims become condition keys? `repository_owner` is not one of them; `repository_owner_id` is.',
    'Use positive operators (`StringEquals`, `StringLike`) on keys that are always present: a missing key then denies instead of allowing.',
    `Replace the IfExists block with \`${K}:repository_owner_id\` = \`${OCTO_ORG_ID}\` in StringEquals, and pin the org in sub: \`repo:octo-org/*:ref:refs/heads/main\`.`,
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [octoRepoMain, webMain],
      deny: [
        {
          id: 'stranger',
          label: 'a push to main of evil-org/app',
          run: stranger('evil-org', 'app'),
        },
        {
          id: 'feature',
          label: 'a push to feature of octo-org/web',
          run: octoOrg('web', '80', { branch: 'feature' }),
        },
      ],
    }),
}

export const forAllValues: Exercise = {
  id: 'for-all-values',
  title: 'Misconfiguration 5: ForAllValues on a single-valued key',
  level: 'advanced',
  minutes: 6,
  brief: [
    'The intent: only jobs of octo-org/octo-repo in the environment `production`. The environment is tested with `ForAllValues:StringEquals` (GitHub’s own docs showed this in 2021–2022).',
    '`ForAllValues` is true when the key is missing — and a job without an environment has no `environment` key. Fix it.',
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:*' },
    'ForAllValues:StringEquals': { [`${K}:environment`]: 'production' },
  }),
  solution: trustPolicyText({
    StringEquals: {
      ...aud,
      [`${K}:sub`]: 'repo:octo-org/octo-repo:environment:production',
      [`${K}:environment`]: 'production',
    },
  }),
  hints: [
    '`environment` holds one value per token: it needs no set operator.',
    'Pin the environment in `sub` (`repo:octo-org/octo-repo:environment:production`) with StringEquals, and drop `ForAllValues:`.',
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [
        {
          id: 'production',
          label: 'the production environment of octo-org/octo-repo',
          run: octoRepo({ environment: 'production' }),
        },
      ],
      deny: [
        {
          id: 'no-environment',
          label: 'a push to feature with no environment',
          run: octoRepo({ branch: 'feature' }),
        },
        {
          id: 'staging',
          label: 'the staging environment',
          run: octoRepo({ environment: 'staging' }),
        },
        {
          id: 'pull-request',
          label: 'a pull request',
          run: octoRepo({
            branch: undefined,
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          }),
        },
      ],
    }),
}
