/**
 * Chapter 10's copy-paste snippets (site/snippets/*) are checked with the library: each creates the
 * GitHub OIDC provider and a role whose trust policy passes AWS's write-time guardrail, lets the
 * intended run (a push to main of my-org/my-repo) through a full walk, and denies everything else.
 */
import { describe, expect, it } from 'vitest'
import { checkGuardrail, walk, type Scenario, type WorkflowRun } from '../../lib/index.js'
import {
  ACCOUNT_ID,
  fromAwsCli,
  fromCdk,
  fromCloudFormation,
  fromJson,
  fromTerraform,
  hclToJson,
  workflow,
  type SnippetSetup,
} from './snippet-sources.js'

const INTENDED: WorkflowRun = { owner: 'my-org', repo: 'my-repo', branch: 'main' }
const DENIED: [string, WorkflowRun, string?][] = [
  [
    'a pull request',
    {
      owner: 'my-org',
      repo: 'my-repo',
      event: 'pull_request',
      headRef: 'feature',
      baseRef: 'main',
    },
  ],
  ['another branch', { owner: 'my-org', repo: 'my-repo', branch: 'dev' }],
  ['a branch that starts with main', { owner: 'my-org', repo: 'my-repo', branch: 'main-hotfix' }],
  ['a tag', { owner: 'my-org', repo: 'my-repo', tag: 'v1' }],
  ['another repository of the owner', { owner: 'my-org', repo: 'other', branch: 'main' }],
  ['a look-alike owner', { owner: 'my-org-evil', repo: 'my-repo', branch: 'main' }],
  [
    'an environment job on main',
    { owner: 'my-org', repo: 'my-repo', branch: 'main', environment: 'production' },
  ],
  ['the intended run with the default audience', INTENDED, 'https://github.com/my-org'],
]

const SOURCES: [string, () => SnippetSetup][] = [
  ['trust-policy.json', fromJson],
  ['aws-cli.sh', fromAwsCli],
  ['cloudformation.yaml', fromCloudFormation],
  ['terraform.tf', fromTerraform],
  ['cdk.ts', fromCdk],
]

function scenario(setup: SnippetSetup, run: WorkflowRun, audience = 'sts.amazonaws.com'): Scenario {
  return {
    name: 'snippet',
    account: { accountId: ACCOUNT_ID, oidcProviders: [setup.provider], roles: [setup.role] },
    run,
    audience,
    roleName: setup.role.RoleName,
  }
}

describe.each(SOURCES)('snippet %s', (_name, read) => {
  const setup = read()

  it('creates the provider for GitHub’s issuer with the audience sts.amazonaws.com', () => {
    expect(setup.provider).toEqual({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
    })
    expect(setup.role.RoleName).toBe('github-deploy')
  })

  it('passes AWS’s write-time guardrail', () => {
    expect(checkGuardrail(setup.role.AssumeRolePolicyDocument)).toMatchObject({ ok: true })
  })

  it('lets a push to main of my-org/my-repo assume the role', async () => {
    const trace = await walk(scenario(setup, INTENDED))
    expect(trace.outcome).toMatchObject({ ok: true })
  })

  it.each(DENIED)('denies %s', async (_what, run, audience) => {
    const trace = await walk(scenario(setup, run, audience))
    expect(trace.outcome.ok).toBe(false)
    const failed = trace.steps.find((s) => s.status === 'fail')
    // A wrong audience is refused before the trust policy; everything else by the trust policy.
    expect(failed?.id).toBe(audience ? 'verify' : 'conditions')
  })
})

describe('the snippets agree with each other', () => {
  it('every snippet yields the same trust policy as trust-policy.json', () => {
    const reference = fromJson().role.AssumeRolePolicyDocument
    for (const [, read] of SOURCES) {
      const doc = read().role.AssumeRolePolicyDocument as {
        Statement: { Condition: unknown; Principal: unknown }[]
      }
      const ref = reference as typeof doc
      expect(doc.Statement[0]?.Condition).toEqual(ref.Statement[0]?.Condition)
      expect(doc.Statement[0]?.Principal).toEqual(ref.Statement[0]?.Principal)
    }
  })

  it('the AWS CLI script attaches a permissions policy to the role it created', () => {
    const { calls } = fromAwsCli()
    const attach = calls.find((c) => c[1] === 'attach-role-policy')
    expect(attach?.[attach.indexOf('--role-name') + 1]).toBe('github-deploy')
  })
})

describe('the workflow YAML', () => {
  const doc = workflow() as {
    on: { push: { branches: string[] } }
    permissions: Record<string, string>
    jobs: Record<
      string,
      { permissions?: unknown; steps: { uses?: string; with?: Record<string, string> }[] }
    >
  }

  it('grants id-token: write (and no job replaces it)', () => {
    expect(doc.permissions['id-token']).toBe('write')
    for (const job of Object.values(doc.jobs)) expect(job.permissions).toBeUndefined()
  })

  it('runs on pushes to main only, the run the role allows', () => {
    expect(doc.on.push.branches).toEqual(['main'])
  })

  it('assumes the role the snippets create, with the default audience', () => {
    const step = Object.values(doc.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))
    expect(step?.with?.['role-to-assume']).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/github-deploy`)
    expect(step?.with?.audience).toBeUndefined()
  })
})

describe('hclToJson (the Terraform reader the tests rely on)', () => {
  it('reads objects, tuples, references and interpolations', () => {
    const hcl = '{\n  A = "x"\n  B = [{ C = var.c }, "${var.c}-y"]\n  "k:v" = { D = "1" }\n}'
    const lookup = (ref: string) => ({ 'var.c': 'see' })[ref] ?? `?${ref}`
    expect(JSON.parse(hclToJson(hcl, lookup))).toEqual({
      A: 'x',
      B: [{ C: 'see' }, 'see-y'],
      'k:v': { D: '1' },
    })
  })
})
