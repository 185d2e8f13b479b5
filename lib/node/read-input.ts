/**
 * Reading what the user names on the command line — a file, or standard input — with a size cap:
 * at most cap + 1 bytes are read, streamed, so `/dev/zero` or a huge file fails at once with one
 * sentence (exit 2). The caps and their reasons are in `input-limits.ts`.
 */
import { open } from 'node:fs/promises'
import { InvalidInputError } from '../core/errors.js'
import { formatBytes, type InputLimit } from './input-limits.js'
import { printable } from './printable.js'

/** The one-sentence refusal of an input over its cap. */
function tooLarge(where: string, limit: InputLimit, option?: string): InvalidInputError {
  return new InvalidInputError(
    `${where} is larger than ${formatBytes(limit.bytes)}, too large for ${limit.what} (${limit.why}).`,
    option,
  )
}

/**
 * Read standard input as UTF-8 text, at most `limit.bytes` of it: one byte more is refused
 * (exit 2) without reading further.
 */
export async function readStdin(stdin: NodeJS.ReadableStream, limit: InputLimit): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += bytes.length
    if (size > limit.bytes) throw tooLarge('Standard input', limit)
    chunks.push(bytes)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * A file's text, at most `limit.bytes` of it, read in chunks (pipes and devices too): a larger
 * file is refused (`InvalidInputError`, naming it as `where`) after one byte more. Errors opening
 * or reading the file are thrown as they come, for the caller to word.
 *
 * @example
 * const text = await readFileCapped('policy.json', POLICY_INPUT, '--policy policy.json')
 */
export async function readFileCapped(
  path: string,
  limit: InputLimit,
  where: string,
  option?: string,
): Promise<string> {
  const bytes = await readAtMost(path, limit.bytes + 1)
  if (bytes.length > limit.bytes) throw tooLarge(where, limit, option)
  return bytes.toString('utf8')
}

/** At most `max` bytes of a file, read in chunks. */
async function readAtMost(path: string, max: number): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(max)
    let size = 0
    while (size < max) {
      const { bytesRead } = await file.read(buffer, size, max - size, null)
      if (bytesRead === 0) break
      size += bytesRead
    }
    return buffer.subarray(0, size)
  } finally {
    await file.close()
  }
}

/**
 * Read a file named on the command line, at most `limit.bytes` of it (a larger file is refused
 * after reading one byte more); a missing, unreadable or too large file is bad input (exit 2),
 * named by the option it came from.
 */
export async function readInputFile(
  path: string,
  option: string,
  limit: InputLimit,
): Promise<string> {
  try {
    return await readFileCapped(path, limit, `${option} ${printable(path)}`, option)
  } catch (error) {
    if (error instanceof InvalidInputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : ((error as Error).message ?? String(error))
    throw new InvalidInputError(`Cannot read ${option} ${printable(path)}: ${why}.`, option)
  }
}
