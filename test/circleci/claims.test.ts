import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { circleciClaims, circleciIssuerUrl } from '../../lib/circleci/claims.js'
import { circleciSubject } from '../../lib/circleci/subject.js'

const ORG = '1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b'
const PROJECT = '23e4567e-e89b-12d3-a456-426614174000'
const USER = '9a8b7c6d-0000-4a1b-8c2d-3e4f5a6b7c8d'
// FACTS-ISSUERS.md §2.2 (assembled from CircleCI's claim list; the V2 token).
const SAMPLE = {
  iss: `https://oidc.circleci.com/org/${ORG}`,
  aud: ORG,
  sub: `org/${ORG}/project/${PROJECT}/user/${USER}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`,
  iat: 1764859200,
  exp: 1764862800,
  'oidc.circleci.com/org-id': ORG,
  'oidc.circleci.com/project-id': PROJECT,
  'oidc.circleci.com/vcs-origin': 'github.com/acme/app',
  'oidc.circleci.com/vcs-ref': 'refs/heads/main',
  'oidc.circleci.com/context-ids': ['a1b2c3d4-e5f6-7890-abcd-ef1234567890'],
  'oidc.circleci.com/ssh-rerun': false,
}
const run = {
  org: 'acme',
  project: 'app',
  orgId: ORG,
  projectId: PROJECT,
  userId: USER,
  contextIds: ['a1b2c3d4-e5f6-7890-abcd-ef1234567890'],
}
const clock = fixedClock(1764859200 * 1000)

describe('circleciClaims', () => {
  it('reproduces the sample V2 token, plus the pipeline/workflow/job ids the claim list names', () => {
    const claims = circleciClaims(run, { clock })
    expect(claims).toMatchObject(SAMPLE)
    const extra = Object.keys(claims).filter((k) => !(k in SAMPLE))
    expect(extra).toEqual([
      'oidc.circleci.com/pipeline-definition-id',
      'oidc.circleci.com/pipeline-id',
      'oidc.circleci.com/workflow-id',
      'oidc.circleci.com/job-id',
    ])
    expect('nbf' in claims).toBe(false)
  })

  it('V1 token: the short sub', () => {
    expect(circleciClaims(run, { clock, subjectVersion: 'v1' }).sub).toBe(
      `org/${ORG}/project/${PROJECT}/user/${USER}`,
    )
  })

  it('custom-webhook triggers: no vcs claims, V1 sub in both tokens (Sim choice)', () => {
    const claims = circleciClaims({ ...run, trigger: 'webhook' }, { clock })
    expect(claims.sub).toBe(`org/${ORG}/project/${PROJECT}/user/${USER}`)
    expect('oidc.circleci.com/vcs-ref' in claims).toBe(false)
  })

  it('tags, ssh reruns and custom audiences', () => {
    const claims = circleciClaims(
      { ...run, tag: 'v1', sshRerun: true },
      { clock, audience: 'sts.amazonaws.com' },
    )
    expect(claims['oidc.circleci.com/vcs-ref']).toBe('refs/tags/v1')
    expect(claims['oidc.circleci.com/ssh-rerun']).toBe(true)
    expect(claims.aud).toBe('sts.amazonaws.com')
  })

  it('per-organisation issuer and bad ids', () => {
    expect(circleciIssuerUrl(ORG)).toBe(SAMPLE.iss)
    expect(() => circleciClaims({ orgId: 'not-a-uuid' }, { clock })).toThrow(/run.orgId/)
  })

  it('subject builder', () => {
    expect(circleciSubject({ orgId: 'O', projectId: 'P', userId: 'U' }, 'v2')).toBe(
      'org/O/project/P/user/U',
    )
  })
})
