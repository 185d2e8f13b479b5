import { describe, expect, it } from 'vitest'
import { compactVerify, decodeJwt, importJWK } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import {
  explainClaimFor,
  getIssuerProfile,
  ISSUER_KINDS,
  ISSUERS,
  issuerKindForUrl,
} from '../../lib/issuers/index.js'

const clock = fixedClock('2026-10-08T18:31:15Z')

describe('the issuer registry', () => {
  it('lists GitHub and the five other CI issuers', () => {
    expect(ISSUER_KINDS).toEqual([
      'github',
      'gitlab',
      'circleci',
      'terraform',
      'buildkite',
      'bitbucket',
    ])
    expect(() => getIssuerProfile('jenkins')).toThrow(
      /unknown issuer "jenkins" \(expected one of github, gitlab/,
    )
  })

  describe.each(ISSUERS.map((p) => [p.kind, p] as const))('%s', (kind, profile) => {
    it('mints, at its own issuer URL, a token its JWKS verifies, with the profile subject', async () => {
      const run = profile.exampleRun
      const issuer = await profile.createIssuer({
        url: profile.issuerUrl(run),
        keys: 'demo',
        clock,
      })
      expect(issuer.kind).toBe(kind)
      const doc = (await (
        await issuer.handler(new Request(`${issuer.url}/.well-known/openid-configuration`))
      ).json()) as { issuer: string; jwks_uri: string }
      expect(doc.issuer).toBe(profile.issuerUrl(run))
      const jwks = (await (await issuer.handler(new Request(doc.jwks_uri))).json()) as {
        keys: object[]
      }
      const token = await issuer.issueToken(run, { audience: profile.awsAudience(run) })
      await compactVerify(token, await importJWK(jwks.keys[0]!, 'RS256'))
      const claims = decodeJwt(token)
      expect(claims.sub).toBe(profile.subject(run))
      expect(claims.iss).toBe(profile.issuerUrl(run))
      expect(issuerKindForUrl(String(claims.iss))).toBe(kind)
    })

    it('documents every claim it issues and every claim it says someone controls', () => {
      const claims = profile.claims(profile.exampleRun, { clock })
      for (const name of Object.keys(claims)) expect(profile.explainClaim(name), name).toBeDefined()
      for (const name of Object.keys(profile.claimControl))
        expect(profile.explainClaim(name), name).toBeDefined()
      expect(profile.parseRun(structuredClone(profile.exampleRun))).toEqual(profile.exampleRun)
    })

    it("takes its own subject apart, and no other platform's", () => {
      const parts = profile.subjectParts(profile.subject(profile.exampleRun))
      expect(parts?.length, kind).toBeGreaterThan(1)
      for (const other of ISSUERS.filter((p) => p.kind !== kind && p.kind !== 'github'))
        expect(
          profile.kind === 'github'
            ? undefined
            : profile.subjectParts(other.subject(other.exampleRun)),
          other.kind,
        ).toBeUndefined()
    })

    it('tells the job its token the platform way', async () => {
      const issuer = await profile.createIssuer({
        url: profile.issuerUrl(profile.exampleRun),
        keys: 'demo',
        clock,
      })
      const env = await issuer.jobEnv(profile.exampleRun)
      for (const name of profile.tokenDelivery.env)
        expect(env[name], name).toEqual(expect.any(String))
    })
  })

  it('subject parts, by example', () => {
    expect(getIssuerProfile('gitlab').subjectParts('project_path:g/p:ref_type:tag:ref:v1')).toEqual(
      [
        ['project_path', 'g/p'],
        ['ref_type', 'tag'],
        ['ref', 'v1'],
      ],
    )
    expect(
      getIssuerProfile('terraform').subjectParts(
        'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply',
      ),
    ).toEqual([
      ['organization', 'my-org'],
      ['project', 'Default Project'],
      ['workspace', 'my-workspace'],
      ['run_phase', 'apply'],
    ])
    expect(
      getIssuerProfile('buildkite')
        .subjectParts('organization:a:pipeline:b:ref:refs/heads/main:commit:c:step:')
        ?.at(-1),
    ).toEqual(['step', '(no key)'])
  })

  it('explains claims by issuer', () => {
    expect(explainClaimFor('https://gitlab.com', 'project_id')).toMatch(/project/)
    expect(
      explainClaimFor('https://token.actions.githubusercontent.com', 'project_id'),
    ).toBeUndefined()
    expect(issuerKindForUrl('https://gitlab.example.com')).toBeUndefined()
  })
})
