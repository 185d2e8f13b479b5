import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors.js'
import { githubTrustPolicy, parseScenario, withIssuer } from '../../lib/handshake/scenario.js'
import { getScenario, SCENARIOS } from '../../lib/handshake/scenarios.js'

describe('githubTrustPolicy', () => {
  it('pins aud and sub with StringEquals, naming the provider as Federated principal', () => {
    expect(
      githubTrustPolicy({ accountId: '123456789012', sub: 'repo:o/r:ref:refs/heads/main' }),
    ).toEqual({
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
              'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
            },
          },
        },
      ],
    })
  })

  it('uses StringLike for wildcard subjects, and has no sub when none is given', () => {
    const like = githubTrustPolicy({ accountId: '123456789012', sub: 'repo:o/r:*' }) as any
    expect(like.Statement[0].Condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': 'repo:o/r:*',
    })
    const none = githubTrustPolicy({ accountId: '123456789012' }) as any
    expect(Object.keys(none.Statement[0].Condition.StringEquals)).toEqual([
      'token.actions.githubusercontent.com:aud',
    ])
  })
})

describe('withIssuer', () => {
  it('moves the issuer, its provider and the policy keys to another URL', () => {
    const moved = withIssuer(getScenario('happy-path'), 'http://127.0.0.1:4010')
    expect(moved.issuer).toBe('http://127.0.0.1:4010')
    expect(moved.account.oidcProviders![0]!.Url).toBe('http://127.0.0.1:4010')
    const policy = JSON.parse(moved.account.roles![0]!.AssumeRolePolicyDocument as string)
    expect(policy.Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::123456789012:oidc-provider/127.0.0.1:4010',
    )
    expect(Object.keys(policy.Statement[0].Condition.StringEquals)).toEqual([
      '127.0.0.1:4010:aud',
      '127.0.0.1:4010:sub',
    ])
  })

  it('leaves the original scenario untouched', () => {
    const original = getScenario('happy-path')
    withIssuer(original, 'http://127.0.0.1:4010')
    expect(original).toEqual(SCENARIOS[0])
  })
})

describe('parseScenario', () => {
  it('accepts every built-in scenario after a JSON round trip', () => {
    for (const s of SCENARIOS) expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s)
  })

  it.each([
    [{ name: 'x', account: { accountId: '1' } }, /^run: expected an object, got undefined/],
    [
      { name: 'x', account: { accountId: '1' }, run: { owner: 'o' } },
      /^run\.repo: expected a string/,
    ],
    [
      { name: 'x', account: {}, run: { owner: 'o', repo: 'r' } },
      /^account\.accountId: expected a string/,
    ],
    [
      { name: 'x', account: { accountId: '1', roles: {} }, run: { owner: 'o', repo: 'r' } },
      /^account\.roles: expected a list/,
    ],
    [{ name: 'x', acount: {} }, /^acount: unknown field/],
    [
      {
        name: 'x',
        account: { accountId: '1' },
        run: { owner: 'o', repo: 'r' },
        clock: 'yesterday',
      },
      /^clock: not an ISO-8601 time/,
    ],
    [
      {
        name: 'x',
        account: { accountId: '1' },
        run: { owner: 'o', repo: 'r' },
        perturbations: { expire: 1 },
      },
      /^perturbations\.expire: unknown perturbation/,
    ],
    [
      {
        name: 'x',
        account: { accountId: '1' },
        run: { owner: 'o', repo: 'r' },
        perturbations: { expireBySeconds: -1 },
      },
      /^perturbations\.expireBySeconds/,
    ],
    [
      {
        name: 'x',
        account: { accountId: '1' },
        run: { owner: 'o', repo: 'r' },
        durationSeconds: '3600',
      },
      /^durationSeconds: expected a whole number/,
    ],
    [
      {
        name: 'x',
        account: { accountId: '1' },
        run: { owner: 'o', repo: 'r' },
        sourceIp: '203.0.113.0/24',
      },
      /^sourceIp: not an IPv4 or IPv6 address/,
    ],
    [[], /^\(scenario\): expected an object, got a list/],
  ])('refuses %j', (input, message) => {
    let error: unknown
    try {
      parseScenario(input)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as Error).message).toMatch(message)
  })

  it('built-in scenarios are frozen; getScenario hands out copies', () => {
    expect(Object.isFrozen(SCENARIOS[0]!.run)).toBe(true)
    const copy = getScenario('happy-path')
    copy.run.branch = 'dev'
    expect(getScenario('happy-path').run.branch).toBe('main')
    expect(() => getScenario('nope')).toThrow(
      /No scenario named "nope"; choose one of happy-path, /,
    )
  })
})
