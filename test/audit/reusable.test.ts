/**
 * job_workflow_ref pins (issue 12 §3): the severity and title follow who can call the workflow, and
 * never claim more than the counterexample proved.
 */
import { describe, expect, it } from 'vitest'
import { auditAndProve } from '../../lib/audit/proof.js'

const K = 'token.actions.githubusercontent.com'
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${K}`
const WORKFLOW = 'octo-org/ci/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567'

const policy = (extra: Record<string, string>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${K}:aud`]: 'sts.amazonaws.com',
          [`${K}:job_workflow_ref`]: WORKFLOW,
          ...extra,
        },
      },
    },
  ],
})

describe('a reusable workflow pinned by job_workflow_ref', () => {
  it('with nothing else: any repository on GitHub can call it (high), proven by another owner', async () => {
    const findings = await auditAndProve(policy({}))
    const f = findings.find((x) => x.id === 'reusable-workflow-any-caller')!
    expect(f.severity).toBe('high')
    expect(f.counterexample?.run.owner).not.toBe('octo-org')
    expect(findings.some((x) => x.id === 'reusable-workflow-owner-callers')).toBe(false)
  })

  it('pinned to the owner: only the owner’s repositories can call it (medium), and the title says so', async () => {
    const findings = await auditAndProve(policy({ [`${K}:repository_owner_id`]: '65' }))
    expect(findings.some((x) => x.id === 'reusable-workflow-any-caller')).toBe(false)
    const f = findings.find((x) => x.id === 'reusable-workflow-owner-callers')!
    expect(f.severity).toBe('medium')
    expect(f.title).toMatch(/of the owner/)
    expect(f.title).not.toMatch(/^Any repository/)
    expect(f.counterexample?.run.owner).toBe('octo-org')
    expect(f.counterexample?.verified).toBe(true)
  })
})
