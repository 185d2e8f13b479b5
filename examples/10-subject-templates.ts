/**
 * Custom subject templates: what `sub` says, and what a trust policy must match.
 *
 * An organisation or repository can change the claims GitHub puts in `sub` (REST API
 * `include_claim_keys`), and repositories created after July 15, 2026 get an immutable form with
 * numeric ids. Every trust policy pinned to the old `sub` stops matching the day the template
 * changes. Here is one run under several templates, and a policy evaluated against each.
 */
import {
  evaluateTrustPolicy,
  fixedClock,
  githubClaims,
  oidcProviderArn,
  requestContextFromToken,
  type SubjectTemplate,
  type WorkflowRun,
} from 'trustwalk'

const issuer = 'https://token.actions.githubusercontent.com'
const provider = { Url: issuer, Arn: oidcProviderArn('123456789012', issuer) }
const clock = fixedClock('2026-10-08T18:31:15Z')
const run: WorkflowRun = {
  owner: 'octo-org',
  repo: 'octo-repo',
  ownerId: 65,
  repoId: 74,
  environment: 'production',
  reusableWorkflow: {
    repository: 'octo-org/ci',
    path: '.github/workflows/deploy.yml',
    ref: 'refs/tags/v1',
  },
}

const templates: [string, SubjectTemplate | undefined, boolean][] = [
  ['default', undefined, false],
  [
    '["repo", "context"] (the default, spelled out)',
    { includeClaimKeys: ['repo', 'context'] },
    false,
  ],
  [
    '["repo", "context", "job_workflow_ref"]',
    { includeClaimKeys: ['repo', 'context', 'job_workflow_ref'] },
    false,
  ],
  [
    '["repository_owner_id", "repository_id", "environment"]',
    { includeClaimKeys: ['repository_owner_id', 'repository_id', 'environment'] },
    false,
  ],
  ['immutable default (repositories created after 2026-07-15)', undefined, true],
]

// A policy written for the default template: production environment of octo-org/octo-repo.
const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: provider.Arn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub':
            'repo:octo-org/octo-repo:environment:production',
        },
      },
    },
  ],
}

for (const [label, subjectTemplate, immutableSubject] of templates) {
  const claims = {
    ...githubClaims(
      { ...run, immutableSubject },
      { audience: 'sts.amazonaws.com', clock, subjectTemplate },
    ),
  }
  const { decision } = evaluateTrustPolicy(trustPolicy, requestContextFromToken(claims, provider))
  console.log(`${label}:`)
  console.log(`  sub = ${claims.sub}`)
  console.log(`  a policy pinned to the default sub → ${decision}\n`)
}
