import { describe, expect, it } from 'vitest'
import { checkGuardrail } from '../../../lib/aws/policy/guardrail.js'
import { ACCOUNT, K, PROVIDER_ARN, allow, cond, deny, policy, trust } from './corpus/helpers.js'

const SUB = `${K}:sub`
const AUD = `${K}:aud`
const MESSAGE =
  'Trust policy with trusted principal arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com ' +
  'must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, token.actions.githubusercontent.com:sub ' +
  'or token.actions.githubusercontent.com:job_workflow_ref which is not scoped to all.'
const withAud = (extra: object) => trust({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, ...extra })

describe('checkGuardrail: the cases observed in Aug 2026 (FACTS.md §5)', () => {
  it.each([
    ['no sub at all (aud only)', withAud({})],
    ['sub "*"', withAud({ StringLike: { [SUB]: '*' } })],
    [
      'sub ["*", "repo:acme/x"] (first value is *)',
      withAud({ StringLike: { [SUB]: ['*', 'repo:acme/x:*'] } }),
    ],
    [
      'only …:repository',
      withAud({ StringEquals: { [AUD]: 'sts.amazonaws.com', [`${K}:repository`]: 'acme/x' } }),
    ],
    ['no Condition at all', trust()],
  ])('rejects %s with the exact message', (_name, p) => {
    expect(checkGuardrail(p)).toMatchObject({ ok: false, applies: true, message: MESSAGE })
  })

  it.each([
    ['repo:*', withAud({ StringLike: { [SUB]: 'repo:*' } })],
    ['repo:*/*', withAud({ StringLike: { [SUB]: 'repo:*/*' } })],
    [
      '["repo:acme/x", "*"] (only the first value is read)',
      withAud({ StringLike: { [SUB]: ['repo:acme/x:*', '*'] } }),
    ],
    [
      'a job_workflow_ref pattern',
      withAud({
        StringLike: { [`${K}:job_workflow_ref`]: 'acme/ci/.github/workflows/deploy.yml@*' },
      }),
    ],
    [
      'an exact sub',
      withAud({
        StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/x:ref:refs/heads/main' },
      }),
    ],
    [
      'StringEqualsIgnoreCase on an upper-case key name',
      withAud({
        StringEqualsIgnoreCase: { [SUB.toUpperCase()]: 'repo:acme/x:ref:refs/heads/main' },
      }),
    ],
  ])('accepts %s', (_name, p) => {
    expect(checkGuardrail(p)).toEqual({
      ok: true,
      applies: true,
      source: expect.stringContaining('secure-by-default'),
    })
  })
})

describe('checkGuardrail: Sim choices', () => {
  it.each([
    ['StringNotEquals on sub', withAud({ StringNotEquals: { [SUB]: 'repo:evil/x' } })],
    ['StringLikeIfExists on sub', withAud({ StringLikeIfExists: { [SUB]: 'repo:acme/*' } })],
    [
      'ForAnyValue:StringLike on sub',
      withAud({ 'ForAnyValue:StringLike': { [SUB]: 'repo:acme/*' } }),
    ],
    ['"**" counts as all', withAud({ StringLike: { [SUB]: '**' } })],
    ['an empty value list', withAud({ StringLike: { [SUB]: [] } })],
  ])('rejects %s', (_name, p) => {
    expect(checkGuardrail(p).ok).toBe(false)
  })

  it('checks every Allow statement that trusts the provider, and names the failing one', () => {
    const p = policy(
      allow(cond('StringEquals', SUB, 'repo:acme/x:ref:refs/heads/main')),
      allow(cond('StringEquals', AUD, 'sts.amazonaws.com')),
    )
    const r = checkGuardrail(p)
    expect(r.ok).toBe(false)
    expect(r.location?.path).toBe('Statement[1]')
  })

  it('uses the account of the principal in the message', () => {
    const other = PROVIDER_ARN.replace(ACCOUNT, '210987654321')
    const r = checkGuardrail(
      trust(undefined, {
        Principal: { Federated: ['arn:aws:iam::210987654321:oidc-provider/gitlab.com', other] },
      }),
    )
    expect(r.message).toContain(`trusted principal ${other} must evaluate`)
  })

  it('reads the policy as IAM does: the last of two duplicated blocks', () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER_ARN}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB}":"repo:acme/x:ref:refs/heads/main"},"StringEquals":{"${AUD}":"sts.amazonaws.com"}}}]}`
    expect(checkGuardrail(text).ok).toBe(false)
  })

  it('does not apply to other providers, slug issuers, Deny statements or NotPrincipal', () => {
    for (const p of [
      trust(undefined, {
        Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.com' },
      }),
      trust(undefined, { Principal: { Federated: `${PROVIDER_ARN}/acme` } }),
      policy(deny()),
      trust(undefined, { Principal: undefined, NotPrincipal: { Federated: PROVIDER_ARN } }),
    ]) {
      expect(checkGuardrail(p)).toMatchObject({ ok: true, applies: false })
    }
  })
})
