/**
 * Read the role, its trust policy and the OIDC provider out of each copy-paste snippet in
 * site/snippets, the way each tool would: the shell script runs against a recording `aws` stub, the
 * CloudFormation template is parsed as YAML with its intrinsic functions resolved, the Terraform
 * `jsonencode(...)` expression is converted to JSON, and the CDK stack runs against stub constructs.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { parse as parseYaml, type Tags } from 'yaml'

export const SNIPPETS = join(import.meta.dirname, '../../site/snippets')
export const ACCOUNT_ID = '123456789012'

/** What a snippet creates. */
export interface SnippetSetup {
  provider: { Url: string; ClientIDList: string[] }
  role: { RoleName: string; MaxSessionDuration?: number; AssumeRolePolicyDocument: object }
}

const read = (name: string) => readFileSync(join(SNIPPETS, name), 'utf8')
const providerArn = (url: string) =>
  `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${url.replace(/^https:\/\//, '')}`

export function fromJson(): SnippetSetup {
  const policy = JSON.parse(read('trust-policy.json')) as object
  return {
    provider: {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
    },
    role: { RoleName: 'github-deploy', AssumeRolePolicyDocument: policy },
  }
}

/** Run aws-cli.sh with a stub `aws` first on PATH that records every call's arguments. */
export function fromAwsCli(): SnippetSetup & { calls: string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'trustwalk-aws-cli-'))
  const log = join(dir, 'calls.log')
  const stub = join(dir, 'aws')
  writeFileSync(
    stub,
    '#!/bin/sh\nfor a in "$@"; do printf "%s" "$a" | base64 | tr -d "\\n"; printf " "; done >> "$AWS_LOG"\necho >> "$AWS_LOG"\n',
  )
  chmodSync(stub, 0o755)
  writeFileSync(log, '')
  execFileSync('bash', [join(SNIPPETS, 'aws-cli.sh')], {
    cwd: dir,
    env: { PATH: `${dir}:/usr/bin:/bin`, AWS_LOG: log },
  })
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      line
        .trim()
        .split(' ')
        .map((b64) => Buffer.from(b64, 'base64').toString('utf8')),
    )
  const arg = (call: string[], flag: string) => call[call.indexOf(flag) + 1]
  const providerCall = calls.find((c) => c[1] === 'create-open-id-connect-provider')
  const roleCall = calls.find((c) => c[1] === 'create-role')
  if (!providerCall || !roleCall)
    throw new Error('aws-cli.sh must create the provider and the role')
  const document = arg(roleCall, '--assume-role-policy-document') ?? ''
  const policy = JSON.parse(
    document.startsWith('file://') ? readFileSync(join(dir, document.slice(7)), 'utf8') : document,
  ) as object
  return {
    calls,
    provider: {
      Url: arg(providerCall, '--url') ?? '',
      ClientIDList: (arg(providerCall, '--client-id-list') ?? '').split(/[ ,]+/).filter(Boolean),
    },
    role: {
      RoleName: arg(roleCall, '--role-name') ?? '',
      MaxSessionDuration: Number(arg(roleCall, '--max-session-duration') ?? 3600),
      AssumeRolePolicyDocument: policy,
    },
  }
}

type Intrinsic = { fn: 'Ref' | 'Sub' | 'GetAtt'; arg: string }

/** Parse the CloudFormation template and resolve !Ref / !Sub against parameter defaults. */
export function fromCloudFormation(): SnippetSetup {
  const tag = (fn: Intrinsic['fn']): Tags[number] => ({
    tag: `!${fn}`,
    resolve: (value: string) => ({ fn, arg: value }) as Intrinsic,
  })
  const template = parseYaml(read('cloudformation.yaml'), {
    customTags: [tag('Ref'), tag('Sub'), tag('GetAtt')],
  }) as {
    Parameters: Record<string, { Default: string }>
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>
  }
  const resources = Object.entries(template.Resources)
  const [providerId, provider] = resources.find(([, r]) => r.Type === 'AWS::IAM::OIDCProvider')!
  const [, role] = resources.find(([, r]) => r.Type === 'AWS::IAM::Role')!
  const url = String(provider.Properties.Url)
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve)
    if (value && typeof value === 'object' && 'fn' in value) {
      const { fn, arg } = value as Intrinsic
      if (fn === 'Ref' && arg === providerId) return providerArn(url) // Ref of an OIDCProvider is its ARN
      if (fn === 'Ref') return template.Parameters[arg]?.Default
      if (fn === 'Sub')
        return arg.replace(/\$\{([\w:]+)\}/g, (_, name: string) =>
          name === 'AWS::AccountId' ? ACCOUNT_ID : String(template.Parameters[name]?.Default),
        )
      throw new Error(`unexpected !${fn} ${arg} in a trust policy`)
    }
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
    return value
  }
  return {
    provider: { Url: url, ClientIDList: provider.Properties.ClientIdList as string[] },
    role: {
      RoleName: String(role.Properties.RoleName),
      MaxSessionDuration: Number(role.Properties.MaxSessionDuration ?? 3600),
      AssumeRolePolicyDocument: resolve(role.Properties.AssumeRolePolicyDocument) as object,
    },
  }
}

/** Convert an HCL expression made of objects, tuples and strings (what jsonencode takes) to JSON. */
export function hclToJson(expression: string, lookup: (reference: string) => string): string {
  const tokens = expression.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.-]*|[{}[\]=,:]|\n/g) ?? []
  let out = ''
  let prev = ''
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const next = tokens.slice(i + 1).find((t) => t !== '\n')
    if (token === '\n') {
      // A newline ends a member or an element, like a comma.
      if (prev && !['{', '[', ',', ':'].includes(prev) && next && !['}', ']'].includes(next)) {
        out += ','
        prev = ','
      }
      continue
    }
    let emit: string
    if (token === '=') emit = ':'
    else if (token.startsWith('"'))
      emit = JSON.stringify(
        (JSON.parse(token) as string).replace(/\$\{([^}]+)\}/g, (_, ref: string) => lookup(ref)),
      )
    else if (/^[A-Za-z_]/.test(token))
      emit = next === '=' ? JSON.stringify(token) : JSON.stringify(lookup(token))
    else emit = token
    if (emit === ',' && prev === ',') continue
    out += emit
    prev = emit
  }
  return out
}

/** The balanced `(...)` after `marker` in `text`. */
function call(text: string, marker: string): string {
  const start = text.indexOf(marker)
  if (start < 0) throw new Error(`no ${marker} in the snippet`)
  let depth = 0
  for (let i = start + marker.length - 1; i < text.length; i++) {
    if (text[i] === '(') depth++
    if (text[i] === ')' && --depth === 0) return text.slice(start + marker.length, i)
  }
  throw new Error(`unbalanced ${marker}`)
}

export function fromTerraform(): SnippetSetup {
  const text = read('terraform.tf')
  const variables = Object.fromEntries(
    [...text.matchAll(/variable "(\w+)" \{[^}]*?default\s*=\s*"([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  )
  const providerBlock = /resource "aws_iam_openid_connect_provider" "(\w+)" \{([\s\S]*?)\n\}/.exec(
    text,
  )
  const roleBlock = /resource "aws_iam_role" "\w+" \{([\s\S]*?)\n\}/.exec(text)
  if (!providerBlock || !roleBlock)
    throw new Error('terraform.tf must declare the provider and the role')
  const url = /url\s*=\s*"([^"]+)"/.exec(providerBlock[2]!)![1]!
  const clientIds = JSON.parse(
    /client_id_list\s*=\s*(\[[^\]]*\])/.exec(providerBlock[2]!)![1]!,
  ) as string[]
  const lookup = (reference: string): string => {
    if (reference.startsWith('var.')) return variables[reference.slice(4)] ?? `<${reference}>`
    if (reference === `aws_iam_openid_connect_provider.${providerBlock[1]}.arn`)
      return providerArn(url)
    throw new Error(`unknown reference ${reference} in the trust policy`)
  }
  const policy = JSON.parse(hclToJson(call(roleBlock[1]!, 'jsonencode('), lookup)) as object
  return {
    provider: { Url: url, ClientIDList: clientIds },
    role: {
      RoleName: /\bname\s*=\s*"([^"]+)"/.exec(roleBlock[1]!)![1]!,
      MaxSessionDuration: Number(
        /max_session_duration\s*=\s*(\d+)/.exec(roleBlock[1]!)?.[1] ?? 3600,
      ),
      AssumeRolePolicyDocument: policy,
    },
  }
}

/** Run the CDK stack against stub constructs that record what it creates. */
export function fromCdk(): SnippetSetup {
  const js = ts.transpileModule(read('cdk.ts'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText
  const made: { provider?: { url: string; clientIds: string[] }; role?: Record<string, unknown> } =
    {}
  class WebIdentityPrincipal {
    constructor(
      readonly identityProvider: string,
      readonly conditions: Record<string, unknown> = {},
    ) {}
  }
  const iam = {
    OpenIdConnectProvider: class {
      openIdConnectProviderArn: string
      constructor(_scope: unknown, _id: string, props: { url: string; clientIds: string[] }) {
        made.provider = props
        this.openIdConnectProviderArn = providerArn(props.url)
      }
    },
    WebIdentityPrincipal,
    Role: class {
      roleArn = 'arn:aws:iam::123456789012:role/github-deploy'
      constructor(_scope: unknown, _id: string, props: Record<string, unknown>) {
        made.role = props
      }
      addManagedPolicy(): void {}
    },
    ManagedPolicy: { fromAwsManagedPolicyName: (name: string) => ({ name }) },
  }
  const cdk = {
    Stack: class {},
    CfnOutput: class {},
    Duration: { hours: (h: number) => ({ toSeconds: () => h * 3600 }) },
  }
  const modules: Record<string, unknown> = {
    'aws-cdk-lib': cdk,
    'aws-cdk-lib/aws-iam': iam,
    constructs: {},
  }
  const exports: Record<string, unknown> = {}
  new Function('require', 'exports', js)((name: string) => {
    if (!(name in modules)) throw new Error(`cdk.ts imports ${name}, which the test does not stub`)
    return modules[name]
  }, exports)
  const Stack = exports.GitHubDeployStack as new (scope: unknown, id: string) => unknown
  new Stack({}, 'GitHubDeploy')
  const role = made.role!
  const principal = role.assumedBy as WebIdentityPrincipal
  // What CDK synthesizes for a WebIdentityPrincipal (aws-iam/lib/principals.ts).
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: principal.identityProvider },
        Condition: principal.conditions,
      },
    ],
  }
  return {
    provider: { Url: made.provider!.url, ClientIDList: made.provider!.clientIds },
    role: {
      RoleName: String(role.roleName),
      MaxSessionDuration: (role.maxSessionDuration as { toSeconds(): number }).toSeconds(),
      AssumeRolePolicyDocument: policy,
    },
  }
}

export function workflow(): Record<string, unknown> {
  return parseYaml(read('deploy.yml')) as Record<string, unknown>
}
