/**
 * The static rules (lib/audit/static.ts) on inputs the fuzz suite found: each must give findings or
 * none, never throw.
 */
import { describe, expect, it } from 'vitest'
import { auditTrustPolicy } from '../../lib/audit/audit.js'

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'

describe('static rules on degenerate conditions', () => {
  it('a like-operator on aud with an empty value list is audited, not a crash (npm run fuzz find)', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:aud': [] } },
        },
      ],
    }
    const ids = auditTrustPolicy(policy).map((f) => f.id)
    // An empty list matches nothing, so there is no audience pattern to narrow.
    expect(ids).not.toContain('like-operator-on-audience')
  })
})
