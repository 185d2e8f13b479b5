/**
 * Test support: run the CLI's `main()` in this process, with captured streams — hundreds of times
 * faster than spawning the built CLI, for tests that run it many times (hostile input, fuzzing).
 * Behaviour is the same code path as `dist/node/cli.js`, minus the process wrapper.
 */
import { PassThrough, Readable } from 'node:stream'
import { main, type CliProcess } from '../../../lib/node/cli-main.js'

export interface InProcessResult {
  status: number
  stdout: string
  stderr: string
}

export interface InProcessOptions {
  /** Standard input's bytes (a pipe); default an empty pipe. */
  input?: string | Uint8Array
  env?: Record<string, string>
  /** `serve`: called once the command waits for SIGINT; resolve it to stop. */
  onServing?: (stop: () => void, output: () => { stdout: string; stderr: string }) => void
}

/** A writable that collects what is written to it as text. */
function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

/**
 * Run `trustwalk ARGS…` in-process and resolve to its exit status and output. An exception that
 * escapes `main` is NOT caught here: it fails the test, as a crash should.
 */
export async function runMain(
  args: readonly string[],
  options: InProcessOptions = {},
): Promise<InProcessResult> {
  const stdout = collector()
  const stderr = collector()
  const input = options.input ?? ''
  const stdin = Readable.from(input === '' ? [] : [Buffer.from(input)])
  const output = () => ({ stdout: stdout.text(), stderr: stderr.text() })
  const proc: CliProcess = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    env: { ...options.env },
    untilStopped: () =>
      new Promise<string>((resolve) => {
        if (options.onServing) options.onServing(() => resolve('SIGINT'), output)
        else resolve('SIGINT')
      }),
  }
  const status = await main(args, proc)
  await new Promise((r) => setImmediate(r))
  return { status, ...output() }
}
