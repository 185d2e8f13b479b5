/**
 * Where a command's token (or other input) comes from: an argument, `-` or a pipe on standard
 * input, or a file. The text is read into memory only: a token is a credential, and nothing here
 * writes it anywhere or puts it in a message.
 */
import { InvalidInputError, MalformedTokenError } from '../../core/errors.js'
import { decodeJwt, extractToken, type DecodedJwt } from '../../aws/oidc/jwt.js'
import { UsageError } from '../cli-args.js'
import type { CliContext } from '../cli-context.js'
import { TOKEN_INPUT } from '../input-limits.js'
import { tooDeep } from '../json-depth.js'
import { printable } from '../printable.js'
import { readInputFile, readStdin } from '../read-input.js'

/** How the token was given (for messages). */
export type TokenSource = 'argument' | 'standard input' | 'file'

/**
 * The token text from `[TOKEN | -]` or `--file PATH`: an argument, `-` for standard input, a
 * file, or — with neither — standard input when it is a pipe. Accepts a bare JWT, `Bearer …` and
 * the token endpoint's `{"value": "…"}` body.
 */
export async function readToken(
  cli: CliContext,
  input: { argument?: string; file?: string; fileOption?: string; command: string },
): Promise<{ token: string; source: TokenSource }> {
  const { argument, file, command } = input
  if (argument !== undefined && file !== undefined) {
    throw new UsageError(`give the token either as an argument or with --file, not both.`, command)
  }
  let text: string
  let source: TokenSource
  if (file !== undefined) {
    text = await readInputFile(file, input.fileOption ?? '--file', TOKEN_INPUT)
    source = 'file'
  } else if (argument !== undefined && argument !== '-') {
    text = argument
    source = 'argument'
  } else if (argument === '-' || cli.stdin.isTTY !== true) {
    text = await readStdin(cli.stdin, TOKEN_INPUT)
    source = 'standard input'
  } else {
    throw new UsageError(
      'no token given: pass it as an argument, pipe it on standard input (or "-"), or use --file.',
      command,
    )
  }
  if (text.trim() === '') {
    throw new InvalidInputError(
      source === 'standard input'
        ? 'Standard input was empty: there is no token to read.'
        : source === 'file'
          ? `The file ${printable(file ?? '')} is empty: there is no token to read.`
          : 'The token argument is empty.',
    )
  }
  return { token: extractToken(text), source }
}

/** `readToken` then `decodeJwt`: throws `MalformedTokenError` (exit 2) for anything unreadable. */
export async function readDecodedToken(
  cli: CliContext,
  input: Parameters<typeof readToken>[1],
): Promise<{ token: string; decoded: DecodedJwt; source: TokenSource }> {
  const { token, source } = await readToken(cli, input)
  const decoded = decodeJwt(token)
  const deep =
    tooDeep(decoded.header, "The token's header") ?? tooDeep(decoded.payload, "The token's payload")
  if (deep) throw new MalformedTokenError(deep)
  return { token, source, decoded }
}
