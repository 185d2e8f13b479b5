import { describe, expect, it } from 'vitest'
import { requestContextFromToken } from '../../../lib/aws/policy/context.js'
import { whyKeyIsAbsent } from '../../../lib/aws/policy/absent-key.js'
import { knownProvider, providerConditionClaims } from '../../../lib/aws/policy/provider-keys.js'
import { requestContextFor, standInIssuer } from '../../../lib/aws/sts/request-context.js'

const ORG = '1d3f2c4a-0000-4e5f-9a8b-7c6d5e4f3a2b'
const arn = (p: string) => `arn:aws:iam::123456789012:oidc-provider/${p}`

describe('providerConditionClaims (FACTS-ISSUERS.md §0.1)', () => {
  it('maps the keys AWS lists per provider host', () => {
    expect(providerConditionClaims('https://gitlab.com')).toHaveLength(9)
    expect(providerConditionClaims(`https://oidc.circleci.com/org/${ORG}`)).toEqual([
      'oidc.circleci.com/project-id',
    ])
    expect(providerConditionClaims('https://agent.buildkite.com')).toContain('organization_slug')
    expect(providerConditionClaims('https://idcs-abc123.identity.oraclecloud.com')).toEqual([
      'rpst_id',
    ])
    expect(providerConditionClaims('https://token.actions.githubusercontent.com')).toContain(
      'repository',
    )
  })

  it('gives generic keys only where AWS lists none', () => {
    for (const url of [
      'https://app.terraform.io',
      'https://gitlab.example.com',
      'https://oidc.circleci.com',
      'https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
      'https://gitlab.com/sub',
    ])
      expect(providerConditionClaims(url), url).toEqual([])
    expect(knownProvider('https://accounts.google.com')?.family).toBe('google')
  })
})

describe('requestContextFromToken for other issuers', () => {
  it('gitlab.com: the nine keys from the token, nothing for unmapped claims', () => {
    const context = requestContextFromToken(
      {
        aud: 'sts.amazonaws.com',
        sub: 'project_path:acme/app:ref_type:branch:ref:main',
        project_id: '42',
        namespace_id: '7',
        ref_protected: 'true',
        project_path: 'acme/app',
        ref: 'main',
      },
      { Url: 'https://gitlab.com', Arn: arn('gitlab.com') },
    )
    expect(context).toMatchObject({
      'gitlab.com:project_id': '42',
      'gitlab.com:namespace_id': '7',
      'gitlab.com:ref_protected': 'true',
    })
    expect('gitlab.com:project_path' in context).toBe(false)
    expect('gitlab.com:ref' in context).toBe(false)
  })

  it('CircleCI: the project-id key under the per-organisation prefix', () => {
    const p = `oidc.circleci.com/org/${ORG}`
    const context = requestContextFromToken(
      {
        aud: ORG,
        sub: 'org/x',
        'oidc.circleci.com/project-id': 'P',
        'oidc.circleci.com/vcs-ref': 'refs/heads/main',
      },
      { Url: `https://${p}`, Arn: arn(p) },
    )
    expect(context[`${p}:oidc.circleci.com/project-id`]).toBe('P')
    expect(context[`${p}:aud`]).toBe(ORG)
    expect(Object.keys(context).some((k) => k.includes('vcs-ref'))).toBe(false)
  })

  it('HCP Terraform: aud and sub only', () => {
    const context = requestContextFromToken(
      {
        aud: 'aws.workload.identity',
        sub: 'organization:acme:project:P:workspace:w:run_phase:apply',
        terraform_organization_id: 'org-x',
      },
      { Url: 'https://app.terraform.io', Arn: arn('app.terraform.io') },
    )
    expect(Object.keys(context).filter((k) => k.startsWith('app.terraform.io:'))).toEqual([
      'app.terraform.io:aud',
      'app.terraform.io:sub',
    ])
  })

  it('says why a missing provider key is missing', () => {
    const context = requestContextFromToken(
      { aud: 'a', sub: 's' },
      { Url: 'https://agent.buildkite.com', Arn: arn('agent.buildkite.com') },
    )
    expect(whyKeyIsAbsent('agent.buildkite.com:organization_id', context)).toBe(
      'The token has no organization_id claim',
    )
    expect(whyKeyIsAbsent('agent.buildkite.com:build_tag', context)).toMatch(
      /not a condition key AWS fills for this provider \(it fills .*:build_branch/,
    )
  })
})

describe('loopback stand-ins', () => {
  it('a loopback URL stands in for GitHub, or for the host in its first path segment', () => {
    expect(standInIssuer('http://127.0.0.1:4010')).toBe(
      'https://token.actions.githubusercontent.com',
    )
    expect(standInIssuer('http://127.0.0.1:4010/octo-enterprise')).toBe(
      'https://token.actions.githubusercontent.com',
    )
    expect(standInIssuer('http://127.0.0.1:4010/gitlab.com')).toBe('https://gitlab.com')
    expect(standInIssuer(`http://127.0.0.1:4010/oidc.circleci.com/org/${ORG}`)).toBe(
      `https://oidc.circleci.com/org/${ORG}`,
    )
    expect(standInIssuer('https://gitlab.com')).toBeUndefined()
  })

  it('fills the stand-in issuer keys under the loopback prefix', () => {
    const url = 'http://127.0.0.1:4010/gitlab.com'
    const context = requestContextFor(
      { aud: 'sts.amazonaws.com', sub: 's', project_id: '42', repository: 'x' },
      { Url: url, Arn: arn('127.0.0.1:4010/gitlab.com') },
    )
    expect(context['127.0.0.1:4010/gitlab.com:project_id']).toBe('42')
    expect('127.0.0.1:4010/gitlab.com:repository' in context).toBe(false)
  })
})
