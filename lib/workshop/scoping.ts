/**
 * Exercises that scope a role to the right workflows: a branch, an environment, a reusable
 * workflow, and repository ids. Each starting policy is one that real setups use and that lets
 * the wrong workflow in.
 */
import { checkTrustPolicy, type TokenCase } from './policy-checks.js'
import type { Exercise } from './exercise.js'
import {
  AUDIENCE,
  K,
  OCTO_ORG_ID,
  OCTO_REPO_ID,
  octoOrg,
  octoRepo,
  stranger,
  trustPolicyText,
} from './world.js'

const aud = { [`${K}:aud`]: AUDIENCE }
const mainPush: TokenCase = {
  id: 'main',
  label: 'a push to main of octo-org/octo-repo',
  run: octoRepo(),
}
const featurePush: TokenCase = {
  id: 'feature-branch',
  label: 'a push to the branch feature of octo-org/octo-repo',
  run: octoRepo({ branch: 'feature' }),
}
const pullRequest: TokenCase = {
  id: 'pull-request',
  label: 'a pull request into main of octo-org/octo-repo',
  run: octoRepo({ branch: undefined, event: 'pull_request', headRef: 'feature', baseRef: 'main' }),
}

export const onlyMain: Exercise = {
  id: 'only-main',
  title: 'Only pushes to main',
  level: 'warm-up',
  minutes: 7,
  brief: [
    'The role `deploy` trusts any workflow of `octo-org/octo-repo` — any branch, any tag, any pull request. Make it assumable only by workflows running on the `main` branch of that repository.',
    'Edit `trust-policy.json`. Keep the audience condition.',
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:*' },
  }),
  solution: trustPolicyText({
    StringEquals: { ...aud, [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
  }),
  hints: [
    'On a push, `sub` is `repo:OWNER/REPO:ref:` followed by the full ref.',
    'The full ref of the main branch is `refs/heads/main`. Without a wildcard, use `StringEquals` instead of `StringLike`.',
    'A trailing `*` (`…refs/heads/main*`) would also match `main-hotfix`.',
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [mainPush],
      deny: [
        featurePush,
        {
          id: 'main-prefix',
          label: 'a push to the branch main-hotfix',
          run: octoRepo({ branch: 'main-hotfix' }),
        },
        pullRequest,
        {
          id: 'tag',
          label: 'a push of the tag v1',
          run: octoRepo({ branch: undefined, tag: 'v1' }),
        },
        {
          id: 'other-repo',
          label: 'a push to main of octo-org/other-repo',
          run: octoOrg('other-repo', '75'),
        },
      ],
    }),
}

export const environmentNotPrs: Exercise = {
  id: 'environment-not-prs',
  title: 'An environment, not pull requests',
  level: 'core',
  minutes: 8,
  brief: [
    'Deployments run in the GitHub environment `production`. The current policy was written for pull requests (so a reviewer could "test the deploy") and lets unreviewed code in.',
    'Allow only jobs of `octo-org/octo-repo` that run in the environment `production` — and only from the `main` branch, since an environment without protection rules can be named by a job on any branch.',
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: aud,
    StringLike: {
      [`${K}:sub`]: [
        'repo:octo-org/octo-repo:pull_request',
        'repo:octo-org/octo-repo:environment:*',
      ],
    },
  }),
  solution: trustPolicyText({
    StringEquals: {
      ...aud,
      [`${K}:sub`]: 'repo:octo-org/octo-repo:environment:production',
      [`${K}:ref`]: 'refs/heads/main',
    },
  }),
  hints: [
    'When a job has an environment, its `sub` is `repo:OWNER/REPO:environment:NAME` — the branch is no longer in it.',
    'Since February 2026 AWS also fills GitHub-specific condition keys, among them `token.actions.githubusercontent.com:ref`.',
    'Pin both: `…:sub` = `repo:octo-org/octo-repo:environment:production` and `…:ref` = `refs/heads/main`, and drop the pull_request value.',
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [
        {
          id: 'production-from-main',
          label: 'the production environment, from main',
          run: octoRepo({ environment: 'production' }),
        },
      ],
      deny: [
        pullRequest,
        {
          id: 'staging',
          label: 'the staging environment, from main',
          run: octoRepo({ environment: 'staging' }),
        },
        {
          id: 'production-from-feature',
          label: 'the production environment, from the branch feature',
          run: octoRepo({ environment: 'production', branch: 'feature' }),
        },
        mainPush,
        {
          id: 'other-repo-production',
          label: 'the production environment of octo-org/other-repo',
          run: octoOrg('other-repo', '75', { environment: 'production' }),
        },
      ],
    }),
}

const SHA = '8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c'
const DEPLOY_WORKFLOW = 'octo-org/ci/.github/workflows/deploy.yml'
const callsDeploy = (ref: string) => ({
  reusableWorkflow: { repository: 'octo-org/ci', path: '.github/workflows/deploy.yml', ref },
})

export const reusableWorkflow: Exercise = {
  id: 'reusable-workflow',
  title: 'A reusable workflow from another repository',
  level: 'core',
  minutes: 10,
  brief: [
    `Every octo-org repository deploys by calling the reusable workflow \`${DEPLOY_WORKFLOW}\`, pinned to the commit \`${SHA}\`. The role should trust that workflow at that commit — from any octo-org repository, and from nowhere else.`,
    'The starting policy pins the workflow by the tag `v1`, which anyone with push access to octo-org/ci can move.',
    `octo-org’s numeric id (\`repository_owner_id\`) is ${OCTO_ORG_ID}.`,
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: { ...aud, [`${K}:job_workflow_ref`]: `${DEPLOY_WORKFLOW}@refs/tags/v1` },
  }),
  solution: trustPolicyText({
    StringEquals: {
      ...aud,
      [`${K}:job_workflow_ref`]: `${DEPLOY_WORKFLOW}@${SHA}`,
      [`${K}:repository_owner_id`]: OCTO_ORG_ID,
    },
  }),
  hints: [
    'In a job that calls a reusable workflow, `job_workflow_ref` names the called workflow: `OWNER/REPO/PATH@REF`. Here the REF is the commit SHA the caller pinned.',
    'A public reusable workflow can be called from any repository on GitHub — with the same `job_workflow_ref`. Something must also say "the caller belongs to octo-org".',
    `Add \`${K}:repository_owner_id\` = \`${OCTO_ORG_ID}\` (ids survive renames; names can be re-registered).`,
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [
        {
          id: 'octo-repo',
          label: 'octo-org/octo-repo calling the workflow at the SHA',
          run: octoRepo(callsDeploy(SHA)),
        },
        {
          id: 'web',
          label: 'octo-org/web calling the workflow at the SHA',
          run: octoOrg('web', '80', callsDeploy(SHA)),
        },
      ],
      deny: [
        {
          id: 'tag',
          label: 'octo-org/octo-repo calling the workflow at the tag v1',
          run: octoRepo(callsDeploy('refs/tags/v1')),
        },
        {
          id: 'main',
          label: 'octo-org/octo-repo calling the workflow at refs/heads/main',
          run: octoRepo(callsDeploy('refs/heads/main')),
        },
        {
          id: 'stranger-tag',
          label: 'evil-org/app calling the workflow at the tag v1',
          run: stranger('evil-org', 'app', callsDeploy('refs/tags/v1')),
        },
        {
          id: 'stranger',
          label: 'evil-org/app calling the same workflow at the same SHA',
          run: stranger('evil-org', 'app', callsDeploy(SHA)),
        },
        {
          id: 'own-workflow',
          label: 'octo-org/octo-repo running its own deploy.yml',
          run: octoRepo(),
        },
      ],
    }),
}

export const repositoryIds: Exercise = {
  id: 'repository-ids',
  title: 'Lock the role to repository ids',
  level: 'advanced',
  minutes: 8,
  brief: [
    'Names can be recycled: if octo-org/octo-repo is deleted (or octo-org renamed), someone else can create a repository with the same name, and GitHub mints the same classic `sub` for it.',
    `Keep allowing pushes to main of the real octo-org/octo-repo (owner id ${OCTO_ORG_ID}, repository id ${OCTO_REPO_ID}), and deny look-alikes with other ids.`,
  ],
  fileName: 'trust-policy.json',
  start: trustPolicyText({
    StringEquals: { ...aud, [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
  }),
  solution: trustPolicyText({
    StringEquals: {
      ...aud,
      [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      [`${K}:repository_id`]: OCTO_REPO_ID,
      [`${K}:repository_owner_id`]: OCTO_ORG_ID,
    },
  }),
  hints: [
    'The token carries numeric ids next to the names: `repository_id` and `repository_owner_id`.',
    'AWS fills both as condition keys for GitHub tokens (since February 2026).',
    `Add \`${K}:repository_id\` = \`${OCTO_REPO_ID}\` and \`${K}:repository_owner_id\` = \`${OCTO_ORG_ID}\` to the StringEquals block.`,
  ],
  check: (text) =>
    checkTrustPolicy(text, {
      allow: [mainPush],
      deny: [
        {
          id: 'recreated-repo',
          label: 'a re-created octo-org/octo-repo (new repository id 9001), push to main',
          run: octoRepo({ repoId: '9001' }),
        },
        {
          id: 'recycled-owner',
          label: 'octo-org re-registered by someone else (owner id 7000), octo-repo, main',
          run: octoRepo({ ownerId: '7000', repoId: '7001' }),
        },
        featurePush,
      ],
    }),
}
