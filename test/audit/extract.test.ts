/**
 * extractTrustPolicies and auditDocument on the files in audit-files/: `aws iam get-role` and
 * `list-roles` output, a CloudFormation template, Terraform JSON configuration and a
 * `terraform show -json` plan — each policy found, and every finding pointing at the right line
 * of the file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractTrustPolicies } from '../../lib/audit/extract.js'
import { auditDocument } from '../../lib/audit/file.js'
import { InvalidInputError } from '../../lib/core/errors.js'

const dir = join(import.meta.dirname, 'files')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')
const K = 'token.actions.githubusercontent.com'

/** The text of a 1-based line. */
const lineOf = (text: string, line: number | undefined) => text.split('\n')[(line ?? 0) - 1] ?? ''

describe('extractTrustPolicies', () => {
  it('reads a plain trust policy, located as written', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${K}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
          },
        ],
      },
      null,
      2,
    )
    const [p] = extractTrustPolicies(text, 'iam/deploy-trust.json')
    expect(p).toMatchObject({
      name: 'deploy-trust.json',
      format: 'trust-policy',
      path: '',
      document: text,
    })
    expect(lineOf(text, p!.locate('Statement[0].Action').line)).toContain(
      'sts:AssumeRoleWithWebIdentity',
    )
  })

  it('reads aws iam get-role output', () => {
    const text = read('get-role.json')
    const [p, ...rest] = extractTrustPolicies(text, 'get-role.json')
    expect(rest).toEqual([])
    expect(p).toMatchObject({
      name: 'deploy',
      format: 'get-role',
      path: 'Role.AssumeRolePolicyDocument',
    })
    const at = p!.locate(`Statement[0].Condition.StringLike["${K}:sub"]`)
    expect(at.path).toBe(
      `Role.AssumeRolePolicyDocument.Statement[0].Condition.StringLike["${K}:sub"]`,
    )
    expect(lineOf(text, at.line)).toContain('repo:acme/*')
  })

  it('reads list-roles output, decoding a URL-encoded policy as IAM returns it', () => {
    const found = extractTrustPolicies(read('list-roles.json'), 'roles.json')
    expect(found.map((p) => [p.name, p.format])).toEqual([
      ['aud-only', 'list-roles'],
      ['ec2', 'list-roles'],
    ])
    expect(
      JSON.parse(found[0]!.document as string).Statement[0].Condition.StringEquals[`${K}:aud`],
    ).toBe('sts.amazonaws.com')
    expect(found[0]!.notes.join(' ')).toMatch(/URL-encoded/)
    // Inside a string, locations point at the string and name the inner path after '#'.
    const at = found[0]!.locate('Statement[0].Condition')
    expect(at.path).toBe('Roles[0].AssumeRolePolicyDocument#Statement[0].Condition')
    expect(lineOf(read('list-roles.json'), at.line)).toContain('"AssumeRolePolicyDocument": "%7B')
  })

  it('reads CloudFormation roles and resolves parameters, pseudo parameters and the OIDC provider', () => {
    const text = read('cloudformation.json')
    const found = extractTrustPolicies(text, 'template.json')
    expect(found.map((p) => p.name)).toEqual(['DeployRole (deploy)', 'PlanRole'])
    const deploy = found[0]!.document as {
      Statement: {
        Principal: { Federated: string }
        Condition: { StringLike: Record<string, string> }
      }[]
    }
    expect(deploy.Statement[0]!.Principal.Federated).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${K}`,
    )
    expect(deploy.Statement[0]!.Condition.StringLike[`${K}:sub`]).toBe('repo:acme/app:*')
    const plan = found[1]!.document as { Statement: { Principal: { Federated: string } }[] }
    expect(plan.Statement[0]!.Principal.Federated).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${K}`,
    )
    expect(found[1]!.notes.join(' ')).toMatch(/AWS::AccountId is read as 123456789012/)
    const at = found[0]!.locate(`Statement[0].Condition.StringLike["${K}:sub"]`)
    expect(lineOf(text, at.line)).toContain(`"${K}:sub"`)
  })

  it('reads Terraform JSON: a role using a policy document, a role with a JSON string, skipping HCL expressions', () => {
    const text = read('main.tf.json')
    const found = extractTrustPolicies(text, 'main.tf.json')
    expect(found.map((p) => p.name)).toEqual([
      'aws_iam_role.deploy (data.aws_iam_policy_document.github)',
      'aws_iam_role.reader',
    ])
    const doc = found[0]!.document as {
      Statement: {
        Effect: string
        Action: string
        Condition: Record<string, Record<string, unknown>>
      }[]
    }
    expect(doc.Statement[0]!.Effect).toBe('Allow')
    expect(doc.Statement[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity')
    // The AWS provider appends the values of repeated test/variable blocks: one ORed list.
    expect(doc.Statement[0]!.Condition.StringLike![`${K}:sub`]).toEqual([
      'repo:acme/*',
      '*:ref:refs/heads/main',
    ])
    expect(found[0]!.notes.join(' ')).toMatch(/merges them into one list of values, which IAM ORs/)
    const at = found[0]!.locate(`Statement[0].Condition.StringLike["${K}:sub"][1]`)
    expect(at.path).toBe('data.aws_iam_policy_document.github.statement[0].condition[2].values[0]')
    expect(lineOf(text, at.line)).toContain('*:ref:refs/heads/main')
  })

  it('reads terraform show -json plans, child modules included', () => {
    const [p] = extractTrustPolicies(read('plan.json'), 'plan.json')
    expect(p).toMatchObject({ name: 'module.ci.aws_iam_role.ci', format: 'terraform-show' })
    expect(JSON.parse(p!.document as string).Statement[0].Condition.StringLike[`${K}:sub`]).toBe(
      'repo:acme*',
    )
  })

  it('finds nothing in JSON that holds no trust policy', () => {
    expect(extractTrustPolicies('{"name": "not a policy"}', 'x.json')).toEqual([])
    expect(extractTrustPolicies('[1, 2]', 'x.json')).toEqual([])
  })

  it('refuses text that is not JSON, naming file, line and column', () => {
    expect(() => extractTrustPolicies('{\n  "Role": {,\n}', 'bad.json')).toThrow(InvalidInputError)
    expect(() => extractTrustPolicies('{\n  "Role": {,\n}', 'bad.json')).toThrow(
      /^bad\.json:2:12: not JSON/,
    )
  })
})

describe('auditDocument', () => {
  it('audits get-role output with findings located in the file', () => {
    const text = read('get-role.json')
    const [r] = auditDocument(text, 'get-role.json')
    const f = r!.findings.find((x) => x.id === 'organization-wide')!
    expect(f.severity).toBe('high')
    expect(lineOf(text, f.location.line)).toContain('repo:acme/*')
  })

  it('audits each role of list-roles; a non-GitHub role has no findings', () => {
    const results = auditDocument(read('list-roles.json'), 'roles.json')
    expect(results.map((r) => [r.policyName, r.findings[0]?.id])).toEqual([
      ['aud-only', 'audience-only'],
      ['ec2', undefined],
    ])
  })

  it('audits CloudFormation with resolved values', () => {
    const text = read('cloudformation.json')
    const [deploy, plan] = auditDocument(text, 'template.json')
    expect(deploy!.findings.map((f) => f.id)).toContain('repository-wide')
    expect(plan!.findings.map((f) => f.id)).not.toContain('repository-wide')
    const f = deploy!.findings.find((x) => x.id === 'repository-wide')!
    expect(lineOf(text, f.location.line)).toContain('"token.actions.githubusercontent.com:sub"')
  })

  it('catches the Terraform condition-merging trap: the merged list lets any repository in', () => {
    const text = read('main.tf.json')
    const [deploy, reader] = auditDocument(text, 'main.tf.json')
    const f = deploy!.findings[0]!
    expect([f.id, f.severity]).toEqual(['loose-value-in-list', 'critical'])
    expect(f.counterexample!.claims.repository).not.toMatch(/^acme\//)
    expect(lineOf(text, f.location.line)).toContain('*:ref:refs/heads/main')
    expect(
      reader!.findings.filter((x) => x.severity === 'critical' || x.severity === 'high'),
    ).toEqual([])
  })

  it('audits a Terraform plan', () => {
    const [r] = auditDocument(read('plan.json'), 'plan.json')
    expect(r!.findings[0]!.id).toBe('owner-prefix-wildcard')
    expect(r!.findings[0]!.location.path).toMatch(
      /^planned_values\.root_module\.child_modules\[0\]\.resources\[0\]\.values\.assume_role_policy#Statement\[0\]/,
    )
  })

  it('reports a policy IAM would refuse as an error located in the file, not a crash', () => {
    const text = JSON.stringify(
      {
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }],
              },
            },
          },
        },
      },
      null,
      2,
    )
    const [r] = auditDocument(text, 't.json')
    expect(r!.findings).toEqual([])
    expect(r!.error).toMatchObject({ code: 'MalformedPolicyDocument' })
    expect(r!.error!.message).toMatch(/Missing required field Effect/)
    expect(r!.error!.location!.path).toBe(
      'Resources.R.Properties.AssumeRolePolicyDocument.Statement[0]',
    )
    expect(lineOf(text, r!.error!.location!.line)).toMatch(/\{/)
  })
})
