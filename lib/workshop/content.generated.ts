/**
 * The workshop's exercises, generated from examples/workshop/<NN>-<id>/ — edit the folders, then run
 * `npx tsx test/workshop/content-module.ts --write` (test/workshop/content-module.test.ts fails
 * while this file is out of date).
 */
import type { ExerciseContent } from './exercise.js'

export const CONTENT: readonly ExerciseContent[] = [
  {
    id: 'decode-a-token',
    title: 'Read a token',
    level: 'warm-up',
    minutes: 5,
    fileName: 'answers.json',
    hints: [
      'A JWT is three base64url parts joined by dots; the claims are the middle part.',
      'Paste the token into `trustwalk decode` (or the site’s token inspector), or run `echo PART | base64 -d` on the middle part (add `=` padding if needed).',
      'Every GitHub claim is a string except `exp`, `iat` and `nbf`, which are numbers. A pull request’s `sub` ends in `:pull_request`.',
    ],
    brief: [
      'Below is a token GitHub minted for a workflow job (with trustwalk’s demo keys). Without any tool that verifies it, read what it says.',
      'Fill in `answers.json` with the token’s `sub`, `aud`, `ref`, `repository_id` and `exp` — copied exactly, with the type they have in the token.',
    ],
    start: '{\n  "sub": "",\n  "aud": "",\n  "ref": "",\n  "repository_id": "",\n  "exp": 0\n}\n',
    solution:
      '{\n  "sub": "repo:octo-org/octo-repo:pull_request",\n  "aud": "sts.amazonaws.com",\n  "ref": "refs/pull/42/merge",\n  "repository_id": "74",\n  "exp": 1791484575\n}\n',
    check: {
      kind: 'decode-token',
      material: 'The token',
      run: {
        owner: 'octo-org',
        repo: 'octo-repo',
        ownerId: '65',
        repoId: '74',
        event: 'pull_request',
        pullRequestNumber: 42,
        headRef: 'feature',
        baseRef: 'main',
      },
      audience: 'sts.amazonaws.com',
      fields: ['sub', 'aud', 'ref', 'repository_id', 'exp'],
    },
  },
  {
    id: 'only-main',
    title: 'Only pushes to main',
    level: 'warm-up',
    minutes: 7,
    fileName: 'trust-policy.json',
    hints: [
      'On a push, `sub` is `repo:OWNER/REPO:ref:` followed by the full ref.',
      'The full ref of the main branch is `refs/heads/main`. Without a wildcard, use `StringEquals` instead of `StringLike`.',
      'A trailing `*` (`…refs/heads/main*`) would also match `main-hotfix`.',
    ],
    brief: [
      'The role `deploy` trusts any workflow of `octo-org/octo-repo` — any branch, any tag, any pull request. Make it assumable only by workflows running on the `main` branch of that repository.',
      'Edit `trust-policy.json`. Keep the audience condition.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
      ],
      deny: [
        {
          id: 'feature-branch',
          label: 'a push to the branch feature of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'feature',
          },
        },
        {
          id: 'main-prefix',
          label: 'a push to the branch main-hotfix',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main-hotfix',
          },
        },
        {
          id: 'pull-request',
          label: 'a pull request into main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            event: 'pull_request',
            headRef: 'feature',
            baseRef: 'main',
          },
        },
        {
          id: 'tag',
          label: 'a push of the tag v1',
          run: { owner: 'octo-org', repo: 'octo-repo', ownerId: '65', repoId: '74', tag: 'v1' },
        },
        {
          id: 'other-repo',
          label: 'a push to main of octo-org/other-repo',
          run: {
            owner: 'octo-org',
            repo: 'other-repo',
            ownerId: '65',
            repoId: '75',
            branch: 'main',
          },
        },
      ],
    },
  },
  {
    id: 'oidc-provider',
    title: 'Fix the OIDC provider',
    level: 'warm-up',
    minutes: 6,
    fileName: 'oidc-provider.json',
    hints: [
      'Run the check and read the STS message: it names the first thing that is wrong.',
      'STS looks for a provider whose `Url` is exactly the token’s `iss`, character for character — a trailing slash is a different URL.',
      '`ClientIDList` holds the audiences the provider accepts; GitHub jobs that use configure-aws-credentials ask for `sts.amazonaws.com`.',
    ],
    brief: [
      'A push to main of octo-org/octo-repo runs configure-aws-credentials with its default audience, `sts.amazonaws.com`, and fails with `InvalidIdentityToken`. The role’s trust policy is fine; the account’s IAM OIDC provider is not.',
      'Fix `oidc-provider.json` (the input of IAM `CreateOpenIDConnectProvider`) so the job gets credentials.',
    ],
    start:
      '{\n  "Url": "https://token.actions.githubusercontent.com/",\n  "ClientIDList": [\n    "sigstore"\n  ]\n}\n',
    solution:
      '{\n  "Url": "https://token.actions.githubusercontent.com",\n  "ClientIDList": [\n    "sts.amazonaws.com"\n  ]\n}\n',
    check: {
      kind: 'oidc-provider',
      role: {
        RoleName: 'deploy',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                Federated:
                  'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
              },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: {
                  'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                  'token.actions.githubusercontent.com:sub':
                    'repo:octo-org/octo-repo:ref:refs/heads/main',
                },
              },
            },
          ],
        },
      },
      runs: [
        {
          id: 'allow.main',
          label: 'A push to main gets credentials',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
          audience: 'sts.amazonaws.com',
          getsCredentials: true,
        },
        {
          id: 'deny.sigstore',
          label: 'A token meant for Sigstore (aud sigstore) gets none',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
          audience: 'sigstore',
          getsCredentials: false,
        },
      ],
    },
  },
  {
    id: 'environment-not-prs',
    title: 'An environment, not pull requests',
    level: 'core',
    minutes: 8,
    fileName: 'trust-policy.json',
    hints: [
      'When a job has an environment, its `sub` is `repo:OWNER/REPO:environment:NAME` — the branch is no longer in it.',
      'Since February 2026 AWS also fills GitHub-specific condition keys, among them `token.actions.githubusercontent.com:ref`.',
      'Pin both: `…:sub` = `repo:octo-org/octo-repo:environment:production` and `…:ref` = `refs/heads/main`, and drop the pull_request value.',
    ],
    brief: [
      'Deployments run in the GitHub environment `production`. The current policy was written for pull requests (so a reviewer could "test the deploy") and lets unreviewed code in.',
      'Allow only jobs of `octo-org/octo-repo` that run in the environment `production` — and only from the `main` branch, since an environment without protection rules can be named by a job on any branch.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": [\n            "repo:octo-org/octo-repo:pull_request",\n            "repo:octo-org/octo-repo:environment:*"\n          ]\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:environment:production",\n          "token.actions.githubusercontent.com:ref": "refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'production-from-main',
          label: 'the production environment, from main',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            environment: 'production',
          },
        },
      ],
      deny: [
        {
          id: 'pull-request',
          label: 'a pull request into main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            event: 'pull_request',
            headRef: 'feature',
            baseRef: 'main',
          },
        },
        {
          id: 'staging',
          label: 'the staging environment, from main',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            environment: 'staging',
          },
        },
        {
          id: 'production-from-feature',
          label: 'the production environment, from the branch feature',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'feature',
            environment: 'production',
          },
        },
        {
          id: 'main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
        {
          id: 'other-repo-production',
          label: 'the production environment of octo-org/other-repo',
          run: {
            owner: 'octo-org',
            repo: 'other-repo',
            ownerId: '65',
            repoId: '75',
            branch: 'main',
            environment: 'production',
          },
        },
      ],
    },
  },
  {
    id: 'reusable-workflow',
    title: 'A reusable workflow from another repository',
    level: 'core',
    minutes: 10,
    fileName: 'trust-policy.json',
    hints: [
      'In a job that calls a reusable workflow, `job_workflow_ref` names the called workflow: `OWNER/REPO/PATH@REF`. Here the REF is the commit SHA the caller pinned.',
      'A public reusable workflow can be called from any repository on GitHub — with the same `job_workflow_ref`. Something must also say "the caller belongs to octo-org".',
      'Add `token.actions.githubusercontent.com:repository_owner_id` = `65` (ids survive renames; names can be re-registered).',
    ],
    brief: [
      'Every octo-org repository deploys by calling the reusable workflow `octo-org/ci/.github/workflows/deploy.yml`, pinned to the commit `8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c`. The role should trust that workflow at that commit — from any octo-org repository, and from nowhere else.',
      'The starting policy pins the workflow by the tag `v1`, which anyone with push access to octo-org/ci can move.',
      'octo-org’s numeric id (`repository_owner_id`) is 65.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:job_workflow_ref": "octo-org/ci/.github/workflows/deploy.yml@refs/tags/v1"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:job_workflow_ref": "octo-org/ci/.github/workflows/deploy.yml@8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c",\n          "token.actions.githubusercontent.com:repository_owner_id": "65"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'octo-repo',
          label: 'octo-org/octo-repo calling the workflow at the SHA',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: '8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c',
            },
          },
        },
        {
          id: 'web',
          label: 'octo-org/web calling the workflow at the SHA',
          run: {
            owner: 'octo-org',
            repo: 'web',
            ownerId: '65',
            repoId: '80',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: '8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c',
            },
          },
        },
      ],
      deny: [
        {
          id: 'tag',
          label: 'octo-org/octo-repo calling the workflow at the tag v1',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: 'refs/tags/v1',
            },
          },
        },
        {
          id: 'main',
          label: 'octo-org/octo-repo calling the workflow at refs/heads/main',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: 'refs/heads/main',
            },
          },
        },
        {
          id: 'stranger-tag',
          label: 'evil-org/app calling the workflow at the tag v1',
          run: {
            owner: 'evil-org',
            repo: 'app',
            ownerId: '6660',
            repoId: '6661',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: 'refs/tags/v1',
            },
          },
        },
        {
          id: 'stranger',
          label: 'evil-org/app calling the same workflow at the same SHA',
          run: {
            owner: 'evil-org',
            repo: 'app',
            ownerId: '6660',
            repoId: '6661',
            branch: 'main',
            reusableWorkflow: {
              repository: 'octo-org/ci',
              path: '.github/workflows/deploy.yml',
              ref: '8f5c1a7e2b9d4c3f6a0e1d2c3b4a59687f6e5d4c',
            },
          },
        },
        {
          id: 'own-workflow',
          label: 'octo-org/octo-repo running its own deploy.yml',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
      ],
    },
  },
  {
    id: 'key-rotation',
    title: 'Survive key rotation',
    level: 'core',
    minutes: 8,
    fileName: 'verifier.json',
    hints: [
      'A token names its signing key in the header (`kid`). A saved copy of the keys cannot know tomorrow’s `kid`.',
      'The issuer’s discovery document (`/.well-known/openid-configuration`) says where its current keys are: `jwks_uri`.',
      'Replace "jwks" with "jwks_uri": "https://token.actions.githubusercontent.com/.well-known/jwks", so the keys are fetched when a token arrives and chosen by kid.',
    ],
    brief: [
      'Your team’s own token verifier (a small service that checks GitHub tokens before it deploys) was configured on day one with a copy of GitHub’s public keys. Then GitHub rotated them.',
      'Change `verifier.json` so the verifier keeps accepting GitHub’s genuine tokens across a rotation, and rejects tokens signed by a key GitHub no longer (or never) published.',
    ],
    start:
      '{\n  "issuer": "https://token.actions.githubusercontent.com",\n  "audience": "sts.amazonaws.com",\n  "jwks": {\n    "keys": [\n      {\n        "kty": "RSA",\n        "kid": "2461be7a-3acb-4fdc-9b12-30d7c91f02db",\n        "alg": "RS256",\n        "use": "sig",\n        "n": "qOn7QJ-1eVR7dg13hUzpyBJDPEWFw3Ah8a7qEjj6CvhpqphS5Qgep6bFwkWUGxslEdpki5eWos4hzjKnK5sGphM1P0wCc-e-qFLrCa2DYnPQhqon7p3r-Auf-f-JDBju-vugYy_xebWBPJeiOQdbhmzrdxkeQB61d9Sju4irnUfUT_BWhKloLQ6HtPtbAqJNLKpP8YxMN5rzZly_NP_HlXWQtUPMQl5XS5QP6L5drX5zrxZoGWYscpXGt0IHso96vCwL2F3jvJOtG5FWk3HihfNx9xKyVVxShGXWPeA8Z6pBnPwkBQS0vhiO0ION4myxv32E-OxE0i70Lsifgz5IBQ",\n        "e": "AQAB"\n      }\n    ]\n  }\n}\n',
    solution:
      '{\n  "issuer": "https://token.actions.githubusercontent.com",\n  "audience": "sts.amazonaws.com",\n  "jwks_uri": "https://token.actions.githubusercontent.com/.well-known/jwks"\n}\n',
    check: { kind: 'module', module: 'key-rotation' },
  },
  {
    id: 'repository-ids',
    title: 'Lock the role to repository ids',
    level: 'advanced',
    minutes: 8,
    fileName: 'trust-policy.json',
    hints: [
      'The token carries numeric ids next to the names: `repository_id` and `repository_owner_id`.',
      'AWS fills both as condition keys for GitHub tokens (since February 2026).',
      'Add `token.actions.githubusercontent.com:repository_id` = `74` and `token.actions.githubusercontent.com:repository_owner_id` = `65` to the StringEquals block.',
    ],
    brief: [
      'Names can be recycled: if octo-org/octo-repo is deleted (or octo-org renamed), someone else can create a repository with the same name, and GitHub mints the same classic `sub` for it.',
      'Keep allowing pushes to main of the real octo-org/octo-repo (owner id 65, repository id 74), and deny look-alikes with other ids.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main",\n          "token.actions.githubusercontent.com:repository_id": "74",\n          "token.actions.githubusercontent.com:repository_owner_id": "65"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
      ],
      deny: [
        {
          id: 'recreated-repo',
          label: 'a re-created octo-org/octo-repo (new repository id 9001), push to main',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '9001',
            branch: 'main',
          },
        },
        {
          id: 'recycled-owner',
          label: 'octo-org re-registered by someone else (owner id 7000), octo-repo, main',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '7000',
            repoId: '7001',
            branch: 'main',
          },
        },
        {
          id: 'feature-branch',
          label: 'a push to the branch feature of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'feature',
          },
        },
      ],
    },
  },
  {
    id: 'org-prefix',
    title: 'Misconfiguration 1: the organisation prefix',
    level: 'advanced',
    minutes: 5,
    fileName: 'trust-policy.json',
    hints: [
      'What does `repo:octo-org*` match that starts with `repo:octo-org-`?',
      'Put the `/` after the organisation name, and say which ref: `repo:octo-org/*:ref:refs/heads/main`.',
      'Belt and braces: also require `token.actions.githubusercontent.com:repository_owner_id` = `65`.',
    ],
    brief: [
      'The intent: any repository of octo-org may deploy from its main branch. The policy says `repo:octo-org*`.',
      'In `StringLike`, `*` matches any run of characters — including `-evil/anything`. Fix it without losing octo-org’s own repositories.',
      'Source: https://securitylabs.datadoghq.com/articles/exploring-github-to-aws-keyless-authentication-flaws/',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org*"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:repository_owner_id": "65"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/*:ref:refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'octo-repo-main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
        {
          id: 'web-main',
          label: 'a push to main of octo-org/web',
          run: { owner: 'octo-org', repo: 'web', ownerId: '65', repoId: '80', branch: 'main' },
        },
      ],
      deny: [
        {
          id: 'evil-prefix',
          label: 'a push to main of octo-org-evil/app',
          run: {
            owner: 'octo-org-evil',
            repo: 'app',
            ownerId: '6660',
            repoId: '6661',
            branch: 'main',
          },
        },
        {
          id: 'feature',
          label: 'a push to the branch feature of octo-org/web',
          run: { owner: 'octo-org', repo: 'web', ownerId: '65', repoId: '80', branch: 'feature' },
        },
        {
          id: 'pull-request',
          label: 'a pull request in octo-org/web',
          run: {
            owner: 'octo-org',
            repo: 'web',
            ownerId: '65',
            repoId: '80',
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          },
        },
      ],
    },
  },
  {
    id: 'branch-prefix',
    title: 'Misconfiguration 2: the branch prefix',
    level: 'advanced',
    minutes: 4,
    fileName: 'trust-policy.json',
    hints: [
      'Does the main branch need a wildcard at all?',
      'Use `StringEquals` with the exact ref, no `*`.',
    ],
    brief: [
      'The intent: only the main branch of octo-org/octo-repo. The policy says `repo:octo-org/octo-repo:ref:refs/heads/main*` "to be safe".',
      'Anyone who can push a branch called `main-anything` gets the role. Fix it.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main*"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'octo-repo-main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
      ],
      deny: [
        {
          id: 'main-hotfix',
          label: 'a push to main-hotfix',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main-hotfix',
          },
        },
        {
          id: 'main-slash',
          label: 'a push to main/experiment',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main/experiment',
          },
        },
        {
          id: 'maintenance',
          label: 'a push to maintenance',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'maintenance',
          },
        },
      ],
    },
  },
  {
    id: 'or-list',
    title: 'Misconfiguration 3: one loose value in a list',
    level: 'advanced',
    minutes: 5,
    fileName: 'trust-policy.json',
    hints: [
      'Read every value in the list, not just the first (Checkov and AWS’s guardrail only read the first).',
      'Remove `repo:octo-org/*`.',
    ],
    brief: [
      'The policy lists two subjects: the main branch of octo-org/octo-repo, and — added "temporarily" for a migration — every repository of octo-org. The values of one key are ORed: the loosest wins.',
      'Keep main of octo-org/octo-repo and the tag releases of octo-org/octo-repo (`refs/tags/v*`); deny everything else.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": [\n            "repo:octo-org/octo-repo:ref:refs/heads/main",\n            "repo:octo-org/octo-repo:ref:refs/tags/v*",\n            "repo:octo-org/*"\n          ]\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": [\n            "repo:octo-org/octo-repo:ref:refs/heads/main",\n            "repo:octo-org/octo-repo:ref:refs/tags/v*"\n          ]\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'octo-repo-main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
        {
          id: 'tag',
          label: 'a push of the tag v2.1.0 of octo-org/octo-repo',
          run: { owner: 'octo-org', repo: 'octo-repo', ownerId: '65', repoId: '74', tag: 'v2.1.0' },
        },
      ],
      deny: [
        {
          id: 'web-main',
          label: 'a push to main of octo-org/web',
          run: { owner: 'octo-org', repo: 'web', ownerId: '65', repoId: '80', branch: 'main' },
        },
        {
          id: 'feature',
          label: 'a push to feature of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'feature',
          },
        },
        {
          id: 'pull-request',
          label: 'a pull request in octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          },
        },
      ],
    },
  },
  {
    id: 'missing-key',
    title: 'Misconfiguration 4: a condition on a key AWS never fills',
    level: 'advanced',
    minutes: 6,
    fileName: 'trust-policy.json',
    hints: [
      'Which GitHub claims become condition keys? `repository_owner` is not one of them; `repository_owner_id` is.',
      'Use positive operators (`StringEquals`, `StringLike`) on keys that are always present: a missing key then denies instead of allowing.',
      'Replace the IfExists block with `token.actions.githubusercontent.com:repository_owner_id` = `65` in StringEquals, and pin the org in sub: `repo:octo-org/*:ref:refs/heads/main`.',
    ],
    brief: [
      'The intent: any repository owned by octo-org, main branch. The author tested `repository_owner` with `StringEqualsIfExists`. AWS never puts `repository_owner` in the request context, and `…IfExists` is true when the key is missing — so the condition lets everyone through.',
      'Rewrite the conditions with keys AWS does fill. octo-org’s id is 65.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:*:ref:refs/heads/main"\n        },\n        "StringEqualsIfExists": {\n          "token.actions.githubusercontent.com:repository_owner": "octo-org"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:repository_owner_id": "65"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/*:ref:refs/heads/main"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'octo-repo-main',
          label: 'a push to main of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
          },
        },
        {
          id: 'web-main',
          label: 'a push to main of octo-org/web',
          run: { owner: 'octo-org', repo: 'web', ownerId: '65', repoId: '80', branch: 'main' },
        },
      ],
      deny: [
        {
          id: 'stranger',
          label: 'a push to main of evil-org/app',
          run: { owner: 'evil-org', repo: 'app', ownerId: '6660', repoId: '6661', branch: 'main' },
        },
        {
          id: 'feature',
          label: 'a push to feature of octo-org/web',
          run: { owner: 'octo-org', repo: 'web', ownerId: '65', repoId: '80', branch: 'feature' },
        },
      ],
    },
  },
  {
    id: 'for-all-values',
    title: 'Misconfiguration 5: ForAllValues on a single-valued key',
    level: 'advanced',
    minutes: 6,
    fileName: 'trust-policy.json',
    hints: [
      '`environment` holds one value per token: it needs no set operator.',
      'Pin the environment in `sub` (`repo:octo-org/octo-repo:environment:production`) with StringEquals, and drop `ForAllValues:`.',
    ],
    brief: [
      'The intent: only jobs of octo-org/octo-repo in the environment `production`. The environment is tested with `ForAllValues:StringEquals` (GitHub’s own docs showed this in 2021–2022).',
      '`ForAllValues` is true when the key is missing — and a job without an environment has no `environment` key. Fix it.',
    ],
    start:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"\n        },\n        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"\n        },\n        "ForAllValues:StringEquals": {\n          "token.actions.githubusercontent.com:environment": "production"\n        }\n      }\n    }\n  ]\n}\n',
    solution:
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {\n        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"\n      },\n      "Action": "sts:AssumeRoleWithWebIdentity",\n      "Condition": {\n        "StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n          "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:environment:production",\n          "token.actions.githubusercontent.com:environment": "production"\n        }\n      }\n    }\n  ]\n}\n',
    check: {
      kind: 'trust-policy',
      allow: [
        {
          id: 'production',
          label: 'the production environment of octo-org/octo-repo',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            environment: 'production',
          },
        },
      ],
      deny: [
        {
          id: 'no-environment',
          label: 'a push to feature with no environment',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'feature',
          },
        },
        {
          id: 'staging',
          label: 'the staging environment',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            branch: 'main',
            environment: 'staging',
          },
        },
        {
          id: 'pull-request',
          label: 'a pull request',
          run: {
            owner: 'octo-org',
            repo: 'octo-repo',
            ownerId: '65',
            repoId: '74',
            event: 'pull_request',
            headRef: 'x',
            baseRef: 'main',
          },
        },
      ],
    },
  },
]
