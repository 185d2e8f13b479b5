/**
 * Typed errors. Callers switch on `code`, never on the message.
 *
 * AWS-side failures carry the real STS error code, message and HTTP status
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors).
 * Our own `TW_…` codes are used only where no real code exists.
 */

/** Base class of every error trustwalk throws on purpose. */
export class TrustwalkError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** The error codes STS really returns for AssumeRoleWithWebIdentity and GetCallerIdentity. */
export type StsErrorCode =
  | 'InvalidIdentityToken'
  | 'ExpiredTokenException'
  | 'AccessDenied'
  | 'ValidationError'
  | 'IDPCommunicationError'
  | 'IDPRejectedClaim'
  | 'MalformedPolicyDocument'
  | 'PackedPolicyTooLarge'
  | 'RegionDisabledException'
  | 'InvalidAction'
  | 'MissingAction'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'SignatureDoesNotMatch'
  | 'InvalidClientTokenId'
  | 'ExpiredToken'
  | 'AccessDeniedException'
  | 'InternalFailure'

/**
 * An error exactly as STS would answer it: `code`, `message`, HTTP `status`, and the
 * `Type` of the XML `ErrorResponse` (`Sender` for 4xx, `Receiver` for 5xx).
 */
export class StsError extends TrustwalkError {
  declare readonly code: StsErrorCode
  readonly status: number
  readonly type: 'Sender' | 'Receiver'
  constructor(code: StsErrorCode, message: string, status = 400, options?: { cause?: unknown }) {
    super(code, message, options)
    this.status = status
    this.type = status >= 500 ? 'Receiver' : 'Sender'
  }

  /** The plain shape used in Trace outcomes and `--json` output. */
  toJSON(): { code: StsErrorCode; message: string; status: number; type: 'Sender' | 'Receiver' } {
    return { code: this.code, message: this.message, status: this.status, type: this.type }
  }
}

/** A JWT that cannot be read at all (wrong segment count, bad base64url, non-JSON parts, a JWE…). */
export class MalformedTokenError extends TrustwalkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TW_MALFORMED_TOKEN', message, options)
  }
}

/** Input the library cannot work with (bad options, bad scenario files…). */
export class InvalidInputError extends TrustwalkError {
  /** Where in the input the problem is, e.g. `run.owner` or `Statement[0].Effect`. */
  readonly path: string | undefined
  constructor(message: string, path?: string, options?: { cause?: unknown }) {
    super('TW_INVALID_INPUT', message, options)
    this.path = path
  }
}
