import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../lib/core/clock.js'
import { gitlabClaims } from '../../lib/gitlab/claims.js'

// FACTS-ISSUERS.md §1.2: a gitlab.com token (crates.io snapshot), times added.
const SAMPLE = {
  iss: 'https://gitlab.com',
  nbf: 1764859195,
  exp: 1764862800,
  iat: 1764859200,
  jti: 'example-id',
  sub: 'project_path:octocat/hello-world:ref_type:branch:ref:main',
  aud: 'sts.amazonaws.com',
  project_id: '74884433',
  project_path: 'octocat/hello-world',
  namespace_id: '123',
  namespace_path: 'octocat',
  user_id: '39035',
  user_login: 'octocat',
  user_email: 'foo@bar.cloud',
  user_access_level: 'owner',
  job_project_id: '74884433',
  job_project_path: 'octocat/hello-world',
  job_namespace_id: '123',
  job_namespace_path: 'octocat',
  pipeline_id: '2069090987',
  pipeline_source: 'push',
  job_id: '11530106120',
  ref: 'main',
  ref_type: 'branch',
  ref_path: 'refs/heads/main',
  ref_protected: 'true',
  runner_id: 12270840,
  runner_environment: 'gitlab-hosted',
  sha: '76719c2658b5c4423810d655a4624af1b38b7091',
  project_visibility: 'public',
  ci_config_ref_uri: 'gitlab.com/octocat/hello-world//.gitlab-ci.yml@refs/heads/main',
  ci_config_sha: '76719c2658b5c4423810d655a4624af1b38b7091',
}

const clock = fixedClock(1764859200 * 1000)

describe('gitlabClaims', () => {
  it('reproduces the gitlab.com sample token, key order included', () => {
    const claims = gitlabClaims(
      {
        projectPath: 'octocat/hello-world',
        projectId: 74884433,
        namespaceId: '123',
        userId: 39035,
        userEmail: 'foo@bar.cloud',
        userAccessLevel: 'owner',
        pipelineId: '2069090987',
        jobId: '11530106120',
        refProtected: true,
        runnerId: 12270840,
        sha: '76719c2658b5c4423810d655a4624af1b38b7091',
        visibility: 'public',
        timeoutSeconds: 3600,
      },
      { audience: 'sts.amazonaws.com', clock, jti: 'example-id' },
    )
    expect(claims).toEqual(SAMPLE)
    expect(Object.keys(claims)).toEqual(Object.keys(SAMPLE))
  })

  it('defaults to a 5-minute token that starts 5 s before iat', () => {
    const c = gitlabClaims({ projectPath: 'acme/app' }, { audience: 'sts.amazonaws.com', clock })
    expect([Number(c.exp) - Number(c.iat), Number(c.iat) - Number(c.nbf)]).toEqual([300, 5])
    expect(c.ref_protected).toBe('false')
    expect(c.runner_id).toEqual(expect.any(Number))
  })

  it('requires an audience (Sim choice: GitLab jobs name aud in id_tokens:)', () => {
    expect(() => gitlabClaims({ projectPath: 'acme/app' }, { clock })).toThrow(/options.audience/)
  })

  it('takes a list of audiences', () => {
    const c = gitlabClaims({ projectPath: 'acme/app' }, { audience: ['a', 'b'], clock })
    expect(c.aud).toEqual(['a', 'b'])
  })

  it('tags: ref_type tag, refs/tags path', () => {
    const c = gitlabClaims(
      { projectPath: 'mygroup/sub/myproject', tag: 'v4.2.0' },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(c.sub).toBe('project_path:mygroup/sub/myproject:ref_type:tag:ref:v4.2.0')
    expect([c.ref_path, c.namespace_path]).toEqual(['refs/tags/v4.2.0', 'mygroup/sub'])
  })

  it('adds the environment claims only for jobs with an environment', () => {
    const c = gitlabClaims(
      {
        projectPath: 'acme/app',
        environment: { name: 'production', protected: true, tier: 'production' },
      },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(c).toMatchObject({
      environment: 'production',
      environment_protected: 'true',
      deployment_tier: 'production',
      environment_action: 'start',
    })
    const keys = Object.keys(c)
    expect(keys.indexOf('environment')).toBe(keys.indexOf('ref_protected') + 1)
  })

  it("names the fork in project_* and sub for a fork's MR pipeline (GitLab ≥ 18.2.2)", () => {
    const c = gitlabClaims(
      {
        projectPath: 'victim/app',
        forkProjectPath: 'mallory/app',
        pipelineSource: 'merge_request_event',
      },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(c.sub).toBe('project_path:mallory/app:ref_type:branch:ref:main')
    expect([c.project_path, c.job_project_path]).toEqual(['mallory/app', 'victim/app'])
    expect(c.project_id).not.toBe(c.job_project_id)
  })

  it('builds sub from the project components, dropping nil ones', () => {
    const c = gitlabClaims(
      {
        projectPath: 'acme/app',
        projectId: 20,
        subClaimComponents: ['project_id', 'ref_type', 'ref', 'deployment_tier'],
      },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(c.sub).toBe('project_id:20:ref_type:branch:ref:main')
  })

  it('refuses bad runs with a path', () => {
    expect(() => gitlabClaims({ projectPath: 'app' }, { audience: 'x', clock })).toThrow(
      /run.projectPath/,
    )
    expect(() =>
      gitlabClaims({ projectPath: 'a/b', branch: 'x', tag: 'y' }, { audience: 'x', clock }),
    ).toThrow(/run.tag/)
    expect(() =>
      gitlabClaims({ projectPath: 'a/b', subClaimComponents: ['ref'] }, { audience: 'x', clock }),
    ).toThrow('project_path or project_id must be the first element of the sub claim')
  })
})

describe('gitlabClaims: version-dependent behaviour', () => {
  const clock = fixedClock(0)
  const fork = {
    projectPath: 'victim/app',
    forkProjectPath: 'mallory/app',
    pipelineSource: 'merge_request_event',
  }

  it("before 18.2.2 a fork's MR pipeline got the parent project's identity (HackerOne #3137660)", () => {
    const c = gitlabClaims(
      { ...fork, gitlabVersion: '18.2.1' },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(c.sub).toBe('project_path:victim/app:ref_type:branch:ref:main')
    expect(c.project_id).toBe(c.job_project_id)
    const fixed = gitlabClaims(
      { ...fork, gitlabVersion: '18.2.2' },
      { audience: 'sts.amazonaws.com', clock },
    )
    expect(fixed.sub).toBe('project_path:mallory/app:ref_type:branch:ref:main')
  })

  it('19.1+: a reclaimed path gets no ID token unless sub leads with project_id', () => {
    const reclaimed = { projectPath: 'acme/app', pathPreviouslyHeld: true }
    expect(() => gitlabClaims(reclaimed, { audience: 'x', clock })).toThrow(
      /^ID token issuance disabled for this project path/,
    )
    expect(
      gitlabClaims(
        { ...reclaimed, subClaimComponents: ['project_id', 'ref_type', 'ref'] },
        { audience: 'x', clock },
      ).sub,
    ).toMatch(/^project_id:\d+:ref_type:branch:ref:main$/)
    // Older versions, or the admin switch off: the token is issued as before.
    expect(
      gitlabClaims({ ...reclaimed, gitlabVersion: '19.0' }, { audience: 'x', clock }).sub,
    ).toBe('project_path:acme/app:ref_type:branch:ref:main')
    expect(
      gitlabClaims({ ...reclaimed, blockReclaimedPaths: false }, { audience: 'x', clock }).sub,
    ).toBe('project_path:acme/app:ref_type:branch:ref:main')
    expect(() =>
      gitlabClaims({ projectPath: 'a/b', gitlabVersion: 'latest' }, { audience: 'x', clock }),
    ).toThrow(/run.gitlabVersion/)
  })
})
