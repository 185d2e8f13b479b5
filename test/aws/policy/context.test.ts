import { describe, expect, it } from 'vitest'
import { oidcProviderArn } from '../../../lib/aws/arn.js'
import { requestContextFromToken } from '../../../lib/aws/policy/context.js'
import {
  GITHUB_CONDITION_CLAIMS,
  UNMAPPED_GITHUB_CLAIMS,
  isGitHubIssuer,
} from '../../../lib/aws/policy/github-keys.js'
import { FACTS_EXAMPLE } from '../../support/github-example.js'

const ISS = 'https://token.actions.githubusercontent.com'
const K = 'token.actions.githubusercontent.com'

/** The real claim set from FACTS.md §1.3 (a push to main). */
const CLAIMS = FACTS_EXAMPLE
const provider = (url: string) => ({ Url: url, Arn: oidcProviderArn('123456789012', url) })

describe('requestContextFromToken', () => {
  it('fills exactly the keys AWS fills for a GitHub token', () => {
    const context = requestContextFromToken(CLAIMS, provider(ISS), {
      roleSessionName: 'GitHubActions',
    })
    expect(context).toEqual({
      [`${K}:aud`]: 'sts.amazonaws.com',
      [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      [`${K}:actor`]: 'octocat',
      [`${K}:actor_id`]: '12',
      [`${K}:job_workflow_ref`]: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      [`${K}:repository`]: 'octo-org/octo-repo',
      [`${K}:repository_id`]: '74',
      [`${K}:repository_owner_id`]: '65',
      [`${K}:workflow`]: 'deploy',
      [`${K}:ref`]: 'refs/heads/main',
      'aws:FederatedProvider': `arn:aws:iam::123456789012:oidc-provider/${K}`,
      'sts:RoleSessionName': 'GitHubActions',
    })
  })

  it('never fills the claims AWS does not map', () => {
    const context = requestContextFromToken(CLAIMS, provider(ISS))
    for (const claim of UNMAPPED_GITHUB_CLAIMS) expect(context).not.toHaveProperty(`${K}:${claim}`)
    expect(context).not.toHaveProperty('sts:RoleSessionName')
  })

  it('fills environment and enterprise_id when the token has them', () => {
    const context = requestContextFromToken(
      { ...CLAIMS, environment: 'production', enterprise_id: '7', enterprise: 'octo-ent' },
      provider(ISS),
    )
    expect(context[`${K}:environment`]).toBe('production')
    expect(context[`${K}:enterprise_id`]).toBe('7')
    expect(context).not.toHaveProperty(`${K}:enterprise`)
  })

  it('names keys after the enterprise slug issuer, and still fills the GitHub keys', () => {
    const url = `${ISS}/octo-ent`
    const context = requestContextFromToken({ ...CLAIMS, iss: url }, provider(url))
    expect(context[`${K}/octo-ent:sub`]).toBe(CLAIMS.sub)
    expect(context[`${K}/octo-ent:repository_id`]).toBe('74')
    expect(context).not.toHaveProperty(`${K}:sub`)
    expect(context['aws:FederatedProvider']).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${K}/octo-ent`,
    )
  })

  it('fills the GitHub keys for GHE.com issuers', () => {
    const url = 'https://token.actions.octo.ghe.com'
    const context = requestContextFromToken({ ...CLAIMS, iss: url }, provider(url))
    expect(context['token.actions.octo.ghe.com:repository']).toBe('octo-org/octo-repo')
  })

  it('fills only the generic keys for GitHub Enterprise Server and other issuers', () => {
    // gitlab.com has keys of its own since AWS mapped them (FACTS-ISSUERS.md §0.1, provider-keys
    // tests); a self-managed GitLab and HCP Terraform get only the generic ones.
    for (const url of [
      'https://github.example.com/_services/token',
      'https://gitlab.example.com',
      'https://app.terraform.io',
    ]) {
      const p = url.replace('https://', '')
      const context = requestContextFromToken({ ...CLAIMS, iss: url }, provider(url))
      expect(Object.keys(context).sort()).toEqual(
        [`${p}:aud`, `${p}:sub`, 'aws:FederatedProvider'].sort(),
      )
    }
  })

  it('reads session tags and source identity from the AWS claims', () => {
    const context = requestContextFromToken(
      {
        ...CLAIMS,
        'https://aws.amazon.com/tags': {
          principal_tags: { team: ['platform'], cost: ['42'] },
          transitive_tag_keys: ['team'],
        },
        'https://aws.amazon.com/source_identity': 'octocat',
      },
      provider(ISS),
    )
    expect(context['aws:RequestTag/team']).toBe('platform')
    expect(context['aws:RequestTag/cost']).toBe('42')
    expect(context['aws:TagKeys']).toEqual(['team', 'cost'])
    expect(context['sts:TransitiveTagKeys']).toEqual(['team'])
    expect(context['sts:SourceIdentity']).toBe('octocat')
  })

  it('reads amr and email, and the Google azp/oaud swap', () => {
    const g = 'https://accounts.google.com'
    const context = requestContextFromToken(
      { iss: g, aud: 'client-a', azp: 'client-b', sub: '1', amr: 'pwd', email: 'a@b.c' },
      provider(g),
    )
    expect(context).toMatchObject({
      'accounts.google.com:aud': 'client-b',
      'accounts.google.com:oaud': 'client-a',
      'accounts.google.com:amr': ['pwd'],
      'accounts.google.com:email': 'a@b.c',
    })
  })

  it('adds the global time and address keys only when asked', () => {
    const context = requestContextFromToken(CLAIMS, provider(ISS), {
      currentTime: new Date('2026-10-08T18:31:15.123Z'),
      sourceIp: '203.0.113.7',
    })
    expect(context).toMatchObject({
      'aws:CurrentTime': '2026-10-08T18:31:15Z',
      'aws:EpochTime': '1791484275',
      'aws:SourceIp': '203.0.113.7',
    })
  })

  it('adds the keys taken from the request (agent, TLS, region) only when asked', () => {
    const bare = requestContextFromToken(CLAIMS, provider(ISS))
    for (const key of ['aws:UserAgent', 'aws:SecureTransport', 'aws:RequestedRegion'])
      expect(bare).not.toHaveProperty(key)
    const context = requestContextFromToken(CLAIMS, provider(ISS), {
      userAgent: 'aws-cli/2.17.0',
      secureTransport: true,
      requestedRegion: 'eu-west-1',
    })
    expect(context).toMatchObject({
      'aws:UserAgent': 'aws-cli/2.17.0',
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': 'eu-west-1',
    })
    expect(
      requestContextFromToken(CLAIMS, provider(ISS), { secureTransport: false })[
        'aws:SecureTransport'
      ],
    ).toBe('false')
  })

  it('exports ten mapped GitHub claims, none of them also unmapped', () => {
    expect(GITHUB_CONDITION_CLAIMS).toHaveLength(10)
    expect(GITHUB_CONDITION_CLAIMS.filter((c) => UNMAPPED_GITHUB_CLAIMS.includes(c))).toEqual([])
  })
})

describe('isGitHubIssuer', () => {
  it.each([
    [ISS, true],
    [`${ISS}/`, true],
    [`${ISS}/octo-ent`, true],
    ['https://token.actions.octo.ghe.com', true],
    ['https://token.actions.octo.ghe.com/x', false],
    [`${ISS}/a/b`, false],
    ['http://token.actions.githubusercontent.com', false],
    ['https://vstoken.actions.githubusercontent.com', false],
    ['https://github.example.com/_services/token', false],
  ])('%s → %s', (issuer, expected) => {
    expect(isGitHubIssuer(issuer)).toBe(expected)
  })
})
