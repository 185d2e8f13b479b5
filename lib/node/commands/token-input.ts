/**
 * Where a command's token (or other input) comes from: an argument, `-` or a pipe on standard
 * input, or a file. The text is read into memory only: a token is a credential, and nothing here
 * writes it anywhere or puts it in a message.
 */
import { readFile } from 'node:fs/promises'
import { InvalidInputError } from '../../core/errors.js'
import { decodeJwt, extractToken, type DecodedJwt } from '../../aws/oidc/jwt.js'
import { UsageError } from '../cli-args.js'
import type { CliContext } from '../cli-context.js'

/** Read all of standard input as UTF-8 text. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Read a file named on the command line; a missing or unreadable file is bad input (exit 2),
 * named by the option it came from.
 */
export async function readInputFile(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : ((error as Error).message ?? String(error))
    throw new InvalidInputError(`Cannot read ${option} ${path}: ${why}.`, option)
  }
}

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
    text = await readInputFile(file, input.fileOption ?? '--file')
    source = 'file'
  } else if (argument !== undefined && argument !== '-') {
    text = argument
    source = 'argument'
  } else if (argument === '-' || cli.stdin.isTTY !== true) {
    text = await readStdin(cli.stdin)
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
          ? `The file ${file} is empty: there is no token to read.`
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
  return { token, source, decoded: decodeJwt(token) }
}
