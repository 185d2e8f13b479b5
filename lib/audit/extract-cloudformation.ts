/**
 * Trust policies in a CloudFormation JSON template: every `AWS::IAM::Role`'s
 * `Properties.AssumeRolePolicyDocument`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html).
 *
 * Intrinsic functions are resolved where a template alone decides them: `Ref` to a parameter's
 * `Default`, to a pseudo parameter, or to an `AWS::IAM::OIDCProvider` in the template (its ARN);
 * `Fn::GetAtt [provider, Arn]`; `Fn::Sub`; `Fn::Join`. Anything else becomes a visible
 * placeholder and a note, never a silent guess.
 */
import { DEMO_ACCOUNT_ID } from '../core/demo.js'
import type { ExtractedTrustPolicy } from './extract-common.js'
import { type FileIndex, isRecord, joinPath } from './file-index.js'

/** Pseudo parameters, with the placeholder values trustwalk uses (documented in the notes). */
const PSEUDO: Record<string, string> = {
  'AWS::AccountId': DEMO_ACCOUNT_ID,
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'stack',
}

/**
 * @example
 * extractCloudFormation(file, template).map((p) => p.name) // ['DeployRole (deploy)']
 */
export function extractCloudFormation(
  file: FileIndex,
  root: Record<string, unknown>,
): ExtractedTrustPolicy[] {
  const resources = root.Resources as Record<string, unknown>
  const parameters = isRecord(root.Parameters) ? root.Parameters : {}
  const found: ExtractedTrustPolicy[] = []
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || resource.Type !== 'AWS::IAM::Role') continue
    const props = isRecord(resource.Properties) ? resource.Properties : {}
    if (props.AssumeRolePolicyDocument === undefined) continue
    const path = joinPath(
      joinPath(joinPath('Resources', logicalId), 'Properties'),
      'AssumeRolePolicyDocument',
    )
    const notes: string[] = []
    const resolver = new Resolver(resources, parameters, notes)
    const document = resolver.resolve(props.AssumeRolePolicyDocument)
    const name = typeof props.RoleName === 'string' ? `${logicalId} (${props.RoleName})` : logicalId
    found.push({
      name,
      format: 'cloudformation',
      fileName: file.fileName,
      path,
      document: (isRecord(document) ? document : {}) as object,
      locate: (p) => file.locate(joinPath(path, p)),
      notes,
    })
  }
  return found
}

class Resolver {
  constructor(
    private readonly resources: Record<string, unknown>,
    private readonly parameters: Record<string, unknown>,
    private readonly notes: string[],
  ) {}

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v))
    if (!isRecord(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      return this.intrinsic(keys[0]!, value[keys[0]!])
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]))
  }

  private intrinsic(name: string, arg: unknown): unknown {
    if (name === 'Ref' && typeof arg === 'string') return this.ref(arg)
    if (name === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.') : []
      if (attr === 'Arn' && typeof id === 'string') {
        const arn = this.providerArn(id)
        if (arn) return arn
      }
    }
    if (name === 'Fn::Sub') {
      const [template, vars] = Array.isArray(arg) ? arg : [arg, {}]
      if (typeof template === 'string') return this.sub(template, isRecord(vars) ? vars : {})
    }
    if (
      name === 'Fn::Join' &&
      Array.isArray(arg) &&
      typeof arg[0] === 'string' &&
      Array.isArray(arg[1])
    ) {
      const parts = arg[1].map((p) => this.resolve(p))
      if (parts.every((p) => typeof p === 'string')) return parts.join(arg[0])
    }
    this.note(
      `${name} could not be resolved from the template alone; trustwalk read it as a placeholder.`,
    )
    return `\${${name}}`
  }

  private ref(name: string): string {
    if (name in PSEUDO) {
      this.note(`${name} is read as ${PSEUDO[name]} (a placeholder).`)
      return PSEUDO[name]!
    }
    const param = this.parameters[name]
    if (isRecord(param) && typeof param.Default === 'string') return param.Default
    const arn = this.providerArn(name)
    if (arn) return arn
    this.note(`Ref ${name} has no default value; trustwalk kept \${${name}} as text.`)
    return `\${${name}}`
  }

  private sub(template: string, vars: Record<string, unknown>): string {
    return template.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
      if (name in vars) {
        const v = this.resolve(vars[name])
        if (typeof v === 'string') return v
      }
      if (name.endsWith('.Arn')) {
        const arn = this.providerArn(name.slice(0, -4))
        if (arn) return arn
      }
      const v = this.ref(name)
      return v === `\${${name}}` ? whole : v
    })
  }

  /** The ARN of an `AWS::IAM::OIDCProvider` declared in the template. */
  private providerArn(logicalId: string): string | undefined {
    const r = this.resources[logicalId]
    if (!isRecord(r) || r.Type !== 'AWS::IAM::OIDCProvider' || !isRecord(r.Properties))
      return undefined
    const url = this.resolve(r.Properties.Url)
    if (typeof url !== 'string') return undefined
    this.note(
      `The OIDC provider ${logicalId} is read as account ${PSEUDO['AWS::AccountId']} (a placeholder).`,
    )
    return `arn:aws:iam::${PSEUDO['AWS::AccountId']}:oidc-provider/${url.replace(/^https:\/\//, '')}`
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text)
  }
}
