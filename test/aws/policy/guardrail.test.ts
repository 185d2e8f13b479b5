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

describe('checkGuardrail: the GitHub probes of 2026-09-11 (FACTS-ISSUERS.md §0.2)', () => {
  // https://github.com/radkawar/stackd/blob/main/iam/policy/testdata/oidc_trust_controls_github_aws.json
  it.each([
    ['StringNotEquals on sub', withAud({ StringNotEquals: { [SUB]: 'repo:evil/x' } })],
    ['StringLikeIfExists on sub', withAud({ StringLikeIfExists: { [SUB]: 'repo:acme/*' } })],
    ['StringEqualsIfExists on sub', withAud({ StringEqualsIfExists: { [SUB]: 'owned-value' } })],
    ['Null on sub', withAud({ Null: { [SUB]: 'false' } })],
    ['"**" counts as all', withAud({ StringLike: { [SUB]: '**' } })],
    ['"*?" (starts with *)', withAud({ StringLike: { [SUB]: '*?' } })],
    ['"*?" under StringEquals', withAud({ StringEquals: { [SUB]: '*?' } })],
    ['a blank value', withAud({ StringEqualsIgnoreCase: { [SUB]: '' } })],
    [
      'ForAllValues:StringLike ["*", "owned-value"]',
      withAud({ 'ForAllValues:StringLike': { [SUB]: ['*', 'owned-value'] } }),
    ],
  ])('rejects %s with the exact message', (_name, p) => {
    expect(checkGuardrail(p)).toMatchObject({ ok: false, applies: true, message: MESSAGE })
  })

  it.each([
    [
      'ForAnyValue:StringLike on sub',
      withAud({ 'ForAnyValue:StringLike': { [SUB]: 'repo:acme/*' } }),
    ],
    ['ForAllValues:StringEquals on sub', withAud({ 'ForAllValues:StringEquals': { [SUB]: 'x' } })],
    ['"?"', withAud({ StringLike: { [SUB]: '?' } })],
    ['an empty value list', withAud({ StringLike: { [SUB]: [] } })],
    ['an empty list under StringEquals', withAud({ StringEquals: { [SUB]: [] } })],
    [
      'a scoped StringEquals beside StringLike "*" on the same key',
      trust({ StringEquals: { [SUB]: 'owned-value' }, StringLike: { [SUB]: '*' } }),
    ],
    [
      'an unscoped sts:TagSession-only statement beside a scoped one',
      policy(
        allow(cond('StringEquals', SUB, 'repo:acme/x:ref:refs/heads/main')),
        allow(undefined, { Action: 'sts:TagSession' }),
      ),
    ],
  ])('accepts %s', (_name, p) => {
    expect(checkGuardrail(p)).toMatchObject({ ok: true, applies: true })
  })

  it('checks an enterprise-slug issuer, naming its own keys', () => {
    const slug = `${PROVIDER_ARN}/private`
    const r = checkGuardrail(trust(undefined, { Principal: { Federated: slug } }))
    expect(r).toMatchObject({
      ok: false,
      applies: true,
      message:
        `Trust policy with trusted principal ${slug} must evaluate, using StringEquals, StringLike or ` +
        `StringEqualsIgnoreCase, ${K}/private:sub or ${K}/private:job_workflow_ref which is not scoped to all.`,
    })
    expect(
      checkGuardrail(
        trust(cond('StringEquals', `${K}/private:sub`, 'repo:acme/x:ref:refs/heads/main'), {
          Principal: { Federated: slug },
        }),
      ),
    ).toMatchObject({ ok: true, applies: true })
    // The github.com keys do not scope the slug issuer.
    expect(
      checkGuardrail(
        trust(cond('StringEquals', SUB, 'repo:acme/x:ref:refs/heads/main'), {
          Principal: { Federated: slug },
        }),
      ).ok,
    ).toBe(false)
  })
})

describe('checkGuardrail: Sim choices', () => {
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

  it('does not apply to other providers, Deny or sts:TagSession-only statements, or NotPrincipal', () => {
    for (const p of [
      trust(undefined, {
        // gitlab.com is checked too since FACTS-ISSUERS.md §0.2 (tests below); a self-managed
        // GitLab is not in IAM's table.
        Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com' },
      }),
      policy(deny()),
      policy(allow(undefined, { Action: 'sts:TagSession' })),
      trust(undefined, { Principal: undefined, NotPrincipal: { Federated: PROVIDER_ARN } }),
    ]) {
      expect(checkGuardrail(p)).toMatchObject({ ok: true, applies: false })
    }
  })
})

describe('checkGuardrail: the other shared issuers (FACTS-ISSUERS.md §0.2)', () => {
  const shared = (host: string, statement: Record<string, unknown>) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...statement,
      },
    ],
  })
  const message = (host: string) =>
    `Trust policy with trusted principal arn:aws:iam::123456789012:oidc-provider/${host} must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, ${host}:sub which is not scoped to all.`

  it.each(['gitlab.com', 'app.terraform.io', 'agent.buildkite.com'])(
    '%s: refuses aud-only, "*" anywhere and IfExists; accepts a scoped sub',
    (host) => {
      const aud = { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com' } }
      expect(checkGuardrail(shared(host, { Condition: aud }))).toMatchObject({
        ok: false,
        applies: true,
        message: message(host),
      })
      expect(
        checkGuardrail(shared(host, { Condition: { StringLike: { [`${host}:sub`]: ['*', 'x'] } } }))
          .ok,
      ).toBe(false)
      expect(
        checkGuardrail(
          shared(host, { Condition: { StringLikeIfExists: { [`${host}:sub`]: 'x:*' } } }),
        ).ok,
      ).toBe(false)
      expect(
        checkGuardrail(shared(host, { Condition: { StringNotEquals: { [`${host}:sub`]: 'x' } } }))
          .ok,
      ).toBe(false)
      // Observed: "?", "**" and a bare-prefix wildcard are accepted (only a literal "*" is refused).
      for (const value of ['?', '**', 'project_path:*'])
        expect(
          checkGuardrail(shared(host, { Condition: { StringLike: { [`${host}:SUB`]: value } } }))
            .ok,
          value,
        ).toBe(true)
      expect(
        checkGuardrail(
          shared(host, { Condition: { 'ForAnyValue:StringEquals': { [`${host}:sub`]: 'x' } } }),
        ).ok,
      ).toBe(true)
    },
  )

  it('accepts an empty value list (observed: "[]" passes)', () => {
    for (const host of ['gitlab.com', 'app.terraform.io', 'agent.buildkite.com'])
      expect(
        checkGuardrail(shared(host, { Condition: { StringEquals: { [`${host}:sub`]: [] } } })),
        host,
      ).toMatchObject({ ok: true, applies: true })
  })

  it.each([
    ['vstoken.actions.githubusercontent.com', 'sub'],
    ['oidc-configuration.audit-log.githubusercontent.com', 'sub'],
    ['oidc.codefresh.io', 'sub'],
    ['scalr.io', 'sub'],
    ['api.pulumi.com/oidc', 'aud'],
    ['oidc.vercel.com', 'aud'],
  ])("%s: IAM's table requires :%s", (host, claim) => {
    const principal = `arn:aws:iam::123456789012:oidc-provider/${host}`
    expect(checkGuardrail(shared(host, {}))).toMatchObject({
      ok: false,
      applies: true,
      message: `Trust policy with trusted principal ${principal} must evaluate, using StringEquals, StringLike or StringEqualsIgnoreCase, ${host}:${claim} which is not scoped to all.`,
    })
    expect(
      checkGuardrail(shared(host, { Condition: { StringEquals: { [`${host}:${claim}`]: 'x' } } })),
    ).toMatchObject({ ok: true, applies: true })
  })

  it('exempts Deny and TagSession-only statements, and issuers IAM does not list', () => {
    expect(checkGuardrail(shared('gitlab.com', { Action: 'sts:TagSession' })).ok).toBe(true)
    expect(
      checkGuardrail({
        ...shared('gitlab.com', {}),
        Statement: [{ ...shared('gitlab.com', {}).Statement[0], Effect: 'Deny' }],
      }).ok,
    ).toBe(true)
    for (const host of [
      'oidc.circleci.com/org/1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b',
      'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
      'gitlab.example.com',
    ])
      expect(checkGuardrail(shared(host, {})), host).toMatchObject({ ok: true, applies: false })
  })
})

describe('checkGuardrail: the built-in providers (FACTS-ISSUERS.md §0.2)', () => {
  const builtIn = (federated: string, condition?: object) =>
    policy(
      allow(cond('StringEquals', SUB, 'repo:acme/x:ref:refs/heads/main')),
      allow(condition, { Principal: { Federated: federated } }),
    )
  const GOOGLE =
    'Policy trusting accounts.google.com requires a StringEquals condition on an application id'

  it('refuses accounts.google.com without StringEquals on :aud, :oaud or :sub (after a valid GitHub statement)', () => {
    for (const condition of [
      undefined,
      cond('StringLike', 'accounts.google.com:aud', 'app-*'),
      cond('StringEqualsIfExists', 'accounts.google.com:aud', 'app'),
      cond('StringEquals', 'ACCOUNTS.GOOGLE.COM:AUD', 'app'),
      cond('StringEquals', 'accounts.google.com:email', 'a@b.c'),
    ])
      expect(
        checkGuardrail(builtIn('accounts.google.com', condition)),
        JSON.stringify(condition),
      ).toMatchObject({
        ok: false,
        applies: true,
        message: GOOGLE,
        location: { path: 'Statement[1]' },
      })
  })

  it.each(['aud', 'oaud', 'sub'])(
    'accepts accounts.google.com with StringEquals on :%s, even "*"',
    (k) => {
      expect(
        checkGuardrail(
          builtIn('accounts.google.com', cond('StringEquals', `accounts.google.com:${k}`, '*')),
        ),
      ).toMatchObject({ ok: true, applies: true })
    },
  )

  it('refuses cognito-identity.amazonaws.com without a Condition block', () => {
    expect(checkGuardrail(builtIn('cognito-identity.amazonaws.com'))).toMatchObject({
      ok: false,
      message: 'A condition block must be present for the Cognito provider',
    })
    expect(
      checkGuardrail(
        builtIn(
          'cognito-identity.amazonaws.com',
          cond('StringEquals', 'cognito-identity.amazonaws.com:aud', 'us-east-1:pool'),
        ),
      ),
    ).toMatchObject({ ok: true, applies: true })
  })
})
