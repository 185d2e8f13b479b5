import { describe, expect, it } from 'vitest'
import { evaluateTrustPolicy } from '../../lib/aws/policy/evaluate.js'
import { explainEvaluation } from '../../lib/explain/evaluation-text.js'
import { whatToChange } from '../../lib/explain/what-to-change.js'
import {
  K,
  PROVIDER_ARN,
  allow,
  attacker,
  cond,
  deny,
  github,
  policy,
  trust,
} from '../aws/policy/corpus/helpers.js'

const SUB = `${K}:sub`
const AUD = `${K}:aud`
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const PR = 'repo:octo-org/octo-repo:pull_request'
const DOC = JSON.stringify(
  trust({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: MAIN } }),
  null,
  2,
)
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1

const explain = (p: object | string, ctx = github(), ascii = false) =>
  explainEvaluation(evaluateTrustPolicy(p, ctx), { ascii })

describe('explainEvaluation', () => {
  const lines = explain(DOC, github({ sub: PR }))
  const text = lines.join('\n')

  it('starts with the decision and the one-line reason', () => {
    expect(lines[0]).toBe('Decision: ImplicitDeny')
    expect(lines[1]).toMatch(/^Implicitly denied: Statement\[0\] fails StringEquals/)
  })

  it('marks every element and condition, with the compared values and the policy line', () => {
    expect(text).toContain('Statement[0] (Allow, line 4, column 5): does not apply')
    expect(text).toContain(`  ✓ Principal: Federated ${PROVIDER_ARN} is this token's provider`)
    expect(text).toContain(
      '  ✓ Action "sts:AssumeRoleWithWebIdentity" covers sts:AssumeRoleWithWebIdentity',
    )
    const subLine = lineOf(DOC, `"${SUB}"`)
    const i = lines.indexOf(`  ✗ StringEquals ${SUB} (line ${subLine}, column 11)`)
    expect(i).toBeGreaterThan(0)
    expect(lines[i + 1]).toBe(`      request: ${JSON.stringify(PR)}`)
    expect(lines[i + 2]).toBe(`      policy:  ✗ ${JSON.stringify(MAIN)}`)
    expect(lines).toContain(`  ✓ StringEquals ${AUD} (line ${lineOf(DOC, `"${AUD}"`)}, column 11)`)
  })

  it('says what to change, naming both sub values', () => {
    const start = lines.indexOf('What to change:')
    expect(start).toBeGreaterThan(0)
    expect(lines[start + 1]).toContain(
      `The token's sub is ${JSON.stringify(PR)} but the policy wants ${JSON.stringify(MAIN)}`,
    )
    expect(lines[start + 1]).toContain('pull_request run')
  })

  it('explains an absent key and a fail-open negated operator', () => {
    const out = explain(trust(cond('StringNotEquals', `${K}:event_name`, 'pull_request')), github())
    expect(out.join('\n')).toContain(`request: absent — AWS never fills ${K}:event_name`)
    expect(out.join('\n')).toContain('is true when the key is absent, so this condition passes')
  })

  it('marks a value that a negated operator excludes as the failing one', () => {
    const out = explain(trust(cond('StringNotLike', SUB, ['repo:evil/*', 'repo:octo-org/*'])))
    expect(out).toContain('      policy:  ✓ "repo:evil/*"')
    expect(out).toContain('               ✗ "repo:octo-org/*"')
    expect(out.join('\n')).toMatch(/The token's sub is ".*", which StringNotLike excludes/)
  })

  it('has no "What to change" when allowed', () => {
    const out = explain(DOC)
    expect(out[0]).toBe('Decision: Allow')
    expect(out).not.toContain('What to change:')
    expect(out).toContain('Statement[0] (Allow, line 4, column 5): allows')
  })

  it('points at the Deny statement that wins', () => {
    const out = explain(
      policy(allow(), deny(cond('StringNotLike', SUB, 'repo:octo-org/*'), { Sid: 'OnlyOurOrg' })),
      attacker(),
    )
    expect(out[0]).toBe('Decision: ExplicitDeny')
    expect(out).toContain('Statement[1] (Deny, Sid "OnlyOurOrg", line 11, column 5): denies')
    expect(out.join('\n')).toMatch(
      /Statement\[1\] \(Sid "OnlyOurOrg"\) \(Deny, line 11, column 5\) matches this request/,
    )
  })

  it.each([
    [
      'StringEquals with a wildcard',
      trust(cond('StringEquals', SUB, 'repo:octo-org/*')),
      github(),
      /treats \* and \? literally; use StringLike/,
    ],
    [
      'a case-only difference',
      trust(cond('StringLike', SUB, MAIN.toUpperCase())),
      github(),
      /differ only in case/,
    ],
    [
      'an environment sub against a branch policy',
      trust(cond('StringEquals', SUB, MAIN)),
      github({ sub: 'repo:octo-org/octo-repo:environment:prod' }),
      /job declares an environment/,
    ],
    [
      'a branch sub against an environment policy',
      trust(cond('StringEquals', SUB, 'repo:octo-org/octo-repo:environment:prod')),
      github(),
      /policy trusts jobs that declare an environment: .*Add environment: prod to the job/,
    ],
    [
      'a pull request against an environment policy',
      trust(cond('StringEquals', SUB, 'repo:octo-org/octo-repo:environment:prod')),
      github({ sub: PR }),
      /prefer running the job with environment: prod, the environment the policy names\./,
    ],
    [
      'a pull request against a branch policy',
      trust(cond('StringEquals', SUB, MAIN)),
      github({ sub: PR }),
      /prefer running the job on the branch the policy names\./,
    ],
    [
      'the audience',
      trust(cond('StringEquals', AUD, 'sts.amazonaws.com')),
      github({ aud: 'https://github.com/octo-org' }),
      /audience is chosen by the job/,
    ],
    [
      'a key AWS never fills',
      trust(cond('StringEquals', `${K}:repository_owner`, 'octo-org')),
      github(),
      /Test a key AWS does fill/,
    ],
    [
      'another provider',
      trust(undefined, { Principal: { Federated: `${PROVIDER_ARN}/octo-ent` } }),
      github(),
      /name the token's provider in Statement\[0\]\.Principal/,
    ],
    [
      'session tags',
      trust(),
      github({ 'https://aws.amazon.com/tags': { principal_tags: { a: ['b'] } } }),
      /Add "sts:TagSession" to Statement\[0\]\.Action \(line \d+, column \d+\): the token carries session tags/,
    ],
    [
      'a missing action',
      trust(undefined, { Action: 'sts:AssumeRole' }),
      github(),
      /Add "sts:AssumeRoleWithWebIdentity" to Statement\[0\]\.Action/,
    ],
  ])('hints about %s', (_name, p, ctx, hint) => {
    expect(whatToChange(evaluateTrustPolicy(p, ctx)).join('\n')).toMatch(hint)
  })

  it('never sends a run to "the branch the policy names" when the policy names an environment', () => {
    const p = trust(cond('StringEquals', SUB, 'repo:octo-org/octo-repo:environment:prod'))
    for (const sub of [MAIN, PR, 'repo:octo-org/octo-repo:ref:refs/tags/v1'])
      expect(whatToChange(evaluateTrustPolicy(p, github({ sub }))).join('\n'), sub).not.toMatch(
        /branch the policy names/,
      )
  })

  it('lists duplicate-key warnings with both places', () => {
    const dup = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${PROVIDER_ARN}"},\n"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB}":"${MAIN}"},\n"StringEquals":{"${AUD}":"sts.amazonaws.com"}}}]}`
    const out = explain(dup, attacker())
    expect(out[0]).toBe('Decision: Allow')
    const w = out[out.indexOf('Policy warnings:') + 1]!
    expect(w).toMatch(
      /^  - line 3, column 1 \(first at line 2, column \d+\): "StringEquals" appears twice/,
    )
  })

  it('can avoid Unicode marks', () => {
    const out = explain(DOC, github({ sub: PR }), true).join('\n')
    expect(out).not.toMatch(/[✓✗]/)
    expect(out).toContain(`  x StringEquals ${SUB}`)
    expect(out).toContain(`  + StringEquals ${AUD}`)
  })
})
