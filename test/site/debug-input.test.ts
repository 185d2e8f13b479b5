/**
 * The debug page's input detection (site/lib/debug-input.ts): every form of trust policy `trustwalk
 * audit` reads, every form of token or claims a failed job gives, and the share fragment that never
 * carries a token.
 */
import { describe, expect, it } from 'vitest'
import { createGitHubIssuer } from '../../lib/index.js'
import {
  readClaimsInput,
  readPolicyInput,
  readShareFragment,
  shareFragment,
} from '../../site/lib/debug-input.js'

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      },
    },
  ],
}

describe('readPolicyInput', () => {
  it('reads a plain trust policy', () => {
    const [found, ...rest] = readPolicyInput(JSON.stringify(POLICY, null, 2)).policies
    expect(rest).toEqual([])
    expect(found!.format).toBe('trust-policy')
  })

  it('reads aws iam get-role output (the page once said "Unknown policy element Role")', () => {
    const text = JSON.stringify({
      Role: { RoleName: 'deploy', Path: '/', AssumeRolePolicyDocument: POLICY },
    })
    const [found] = readPolicyInput(text).policies
    expect(found!.format).toBe('get-role')
    expect(found!.name).toBe('deploy')
    expect(found!.document).toEqual(POLICY)
  })

  it('reads every role of a CloudFormation template', () => {
    const role = (name: string) => ({
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: name, AssumeRolePolicyDocument: POLICY },
    })
    const text = JSON.stringify({ Resources: { Deploy: role('deploy'), Plan: role('plan') } })
    const found = readPolicyInput(text).policies
    expect(found.map((p) => p.format)).toEqual(['cloudformation', 'cloudformation'])
    expect(found).toHaveLength(2)
  })

  it('reads Terraform JSON', () => {
    const text = JSON.stringify({
      resource: {
        aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: JSON.stringify(POLICY) } },
      },
    })
    const [found] = readPolicyInput(text).policies
    expect(found!.format).toBe('terraform')
  })

  it('passes an object with no policy on, so the parser names what is wrong', () => {
    const [found] = readPolicyInput('{"Version":"2012-10-17","Statment":[]}').policies
    expect(found!.document).toBe('{"Version":"2012-10-17","Statment":[]}')
  })

  it('rejects text that is not JSON', () => {
    expect(() => readPolicyInput('Version: 2012')).toThrow()
  })
})

describe('readClaimsInput', () => {
  it('reads a token, the runner answer and claims JSON to the same claims', async () => {
    const issuer = await createGitHubIssuer({ keys: 'demo' })
    const token = await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo' },
      { audience: 'sts.amazonaws.com' },
    )
    const fromToken = readClaimsInput(`Bearer ${token}\n`)
    expect(fromToken.form).toBe('token')
    expect(fromToken.token).toBe(token)
    const fromBody = readClaimsInput(JSON.stringify({ count: 1, value: token }))
    expect(fromBody.form).toBe('value-body')
    expect(fromBody.claims).toEqual(fromToken.claims)
    const fromClaims = readClaimsInput(JSON.stringify(fromToken.claims, null, 2))
    expect(fromClaims.form).toBe('claims')
    expect(fromClaims.token).toBeUndefined()
    expect(fromClaims.claims).toEqual(fromToken.claims)
    const fromDecode = readClaimsInput(JSON.stringify({ header: {}, payload: fromToken.claims }))
    expect(fromDecode.form).toBe('decode-json')
    expect(fromDecode.claims).toEqual(fromToken.claims)
  })

  it('says what is wrong with text that is neither', () => {
    expect(() => readClaimsInput('')).toThrow(/Paste a token/)
    expect(() => readClaimsInput('[1]')).toThrow()
    expect(() => readClaimsInput('{"sub": ')).toThrow(/not JSON/)
    expect(() => readClaimsInput('[]')).toThrow()
  })
})

describe('share fragment', () => {
  it('round-trips the policy and the claims', () => {
    const state = { policy: JSON.stringify(POLICY, null, 2), claims: '{"sub":"repo:o/r:x & y#z"}' }
    const fragment = shareFragment(state)
    expect(fragment.startsWith('#')).toBe(true)
    expect(readShareFragment(fragment)).toEqual(state)
  })

  it('reads nothing from an unrelated fragment', () => {
    expect(readShareFragment('#get-the-claims')).toEqual({})
  })
})
