import { TrustwalkError } from '../../core/errors.js'

/** Where in the policy JSON something is: a path and a 1-based line and column. */
export interface SourceLocation {
  /** E.g. `Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]`. */
  path: string
  line: number
  column: number
  /** 0-based offset in the JSON text (UTF-16 code units). */
  offset: number
}

/**
 * A trust policy IAM would refuse: `MalformedPolicyDocument`, the code IAM's `CreateRole` and
 * `UpdateAssumeRolePolicy` return (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html#API_CreateRole_Errors).
 * `path`, `line` and `column` say where, when known; the message already names them.
 *
 * @example
 * try {
 *   parseTrustPolicy('{"Statement": [{"Effect": "allow"}]}')
 * } catch (e) {
 *   if (e instanceof PolicyDocumentError) console.log(e.path, e.line, e.column) // Statement[0].Effect 1 27
 * }
 */
export class PolicyDocumentError extends TrustwalkError {
  declare readonly code: 'MalformedPolicyDocument'
  /** The JSON path of the offending element, e.g. `Statement[0].Effect`. */
  readonly path: string | undefined
  readonly line: number | undefined
  readonly column: number | undefined
  /** The problem alone, without the location. */
  readonly problem: string

  constructor(problem: string, location?: Partial<SourceLocation>, options?: { cause?: unknown }) {
    super('MalformedPolicyDocument', withLocation(problem, location), options)
    this.problem = problem
    this.path = location?.path || undefined
    this.line = location?.line
    this.column = location?.column
  }

  toJSON(): { code: string; message: string; path?: string; line?: number; column?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.path !== undefined && { path: this.path }),
      ...(this.line !== undefined && { line: this.line, column: this.column }),
    }
  }
}

function withLocation(problem: string, location?: Partial<SourceLocation>): string {
  if (!location) return problem
  const where: string[] = []
  if (location.path) where.push(location.path)
  if (location.line !== undefined) where.push(`line ${location.line}, column ${location.column}`)
  return where.length ? `${problem} (${where.join(', ')})` : problem
}
