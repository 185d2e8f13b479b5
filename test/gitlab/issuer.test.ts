import { describe, expect, it } from 'vitest'
import { compactVerify, decodeJwt, importJWK } from 'jose'
import { fixedClock } from '../../lib/core/clock.js'
import { createGitLabIssuer } from '../../lib/gitlab/issuer.js'
import { gitlabProfile } from '../../lib/gitlab/profile.js'

describe('createGitLabIssuer', () => {
  it('serves discovery and JWKS where GitLab does, and signs tokens they verify', async () => {
    const gitlab = await createGitLabIssuer({
      keys: 'demo',
      clock: fixedClock('2026-10-08T18:31:15Z'),
    })
    const doc = (await (
      await gitlab.handler(new Request('https://gitlab.com/.well-known/openid-configuration'))
    ).json()) as { issuer: string; jwks_uri: string }
    expect(doc).toMatchObject({
      issuer: 'https://gitlab.com',
      jwks_uri: 'https://gitlab.com/oauth/discovery/keys',
    })
    const jwks = (await (await gitlab.handler(new Request(doc.jwks_uri))).json()) as {
      keys: object[]
    }
    const token = await gitlab.issueToken(
      { projectPath: 'acme/app' },
      { audience: 'sts.amazonaws.com' },
    )
    await compactVerify(token, await importJWK(jwks.keys[0]!, 'RS256'))
    expect(decodeJwt(token).sub).toBe('project_path:acme/app:ref_type:branch:ref:main')
  })

  it('hands the token over as the id_tokens variable, with the predefined variables', async () => {
    const gitlab = await createGitLabIssuer({
      keys: 'demo',
      clock: fixedClock('2026-10-08T18:31:15Z'),
    })
    const env = await gitlab.jobEnv({ projectPath: 'acme/app' })
    expect(Object.keys(env)).toContain('GITLAB_OIDC_TOKEN')
    expect(decodeJwt(env.GITLAB_OIDC_TOKEN!).aud).toBe('sts.amazonaws.com')
    expect(env.CI_PROJECT_PATH).toBe('acme/app')
  })

  it('profile: every claim the example run gets is documented and has a controller', () => {
    const claims = gitlabProfile.claims(gitlabProfile.exampleRun, { clock: fixedClock(0) })
    for (const name of Object.keys(claims))
      expect(gitlabProfile.explainClaim(name), name).toBeDefined()
    for (const name of Object.keys(gitlabProfile.claimControl))
      expect(gitlabProfile.explainClaim(name), name).toBeDefined()
  })
})

describe('GitLab id_tokens', () => {
  it('one variable per id_tokens entry, each with its aud', async () => {
    const gitlab = await createGitLabIssuer({ keys: 'demo', clock: fixedClock(0) })
    const env = await gitlab.jobEnv({
      projectPath: 'acme/app',
      idTokens: {
        AWS_TOKEN: { aud: 'sts.amazonaws.com' },
        VAULT_TOKEN: { aud: ['https://vault.example.com', 'x'] },
      },
    })
    expect(decodeJwt(env.AWS_TOKEN!).aud).toBe('sts.amazonaws.com')
    expect(decodeJwt(env.VAULT_TOKEN!).aud).toEqual(['https://vault.example.com', 'x'])
    expect('GITLAB_OIDC_TOKEN' in env).toBe(false)
    await expect(
      gitlab.jobEnv({ projectPath: 'acme/app', idTokens: { 'NOT-A-NAME': { aud: 'a' } } }),
    ).rejects.toThrow(/is not a variable name/)
  })
})
