/**
 * Run an example's code in a fresh Worker (example-worker.ts) and stream what it prints. A run that
 * does not finish within the time limit is stopped, so an endless loop never freezes the page. The
 * worker — with the library and the TypeScript stripper — is fetched on the first Run only.
 */
import type { RunMessage, RunRequest } from './example-protocol.js'

export type RunOutcome =
  | { status: 'done'; ms: number }
  | { status: 'error'; kind: 'syntax' | 'runtime'; message: string; line?: number; column?: number }
  | { status: 'timeout'; ms: number }
  | { status: 'stopped' }
  | { status: 'crashed'; message: string }

export interface RunOptions {
  onOutput(text: string, stream: 'stdout' | 'stderr'): void
  /** Default 15 s: generous for the slowest example on a slow phone, short enough for a loop. */
  timeoutMs?: number
}

export interface ExampleRun {
  outcome: Promise<RunOutcome>
  /** End the run now (the Stop button). */
  stop(): void
}

export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * Start a run of `source` (TypeScript importing 'trustwalk').
 *
 * @example
 * const run = runExample(code, { onOutput: (text) => panel.append(text + '\n') })
 * const outcome = await run.outcome // { status: 'done', ms: 212 }
 */
export function runExample(source: string, options: RunOptions): ExampleRun {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const started = performance.now()
  const worker = new Worker(new URL('./example-worker.ts', import.meta.url), {
    type: 'module',
    name: 'trustwalk-example',
  })
  let finish: (outcome: RunOutcome) => void = () => {}
  const outcome = new Promise<RunOutcome>((resolve) => {
    finish = (result) => {
      clearTimeout(timer)
      worker.terminate()
      finish = () => {}
      resolve(result)
    }
  })
  const timer = setTimeout(
    () => finish({ status: 'timeout', ms: Math.round(performance.now() - started) }),
    timeoutMs,
  )
  worker.addEventListener('message', (event: MessageEvent<RunMessage>) => {
    const message = event.data
    if (message.type === 'output') options.onOutput(message.text, message.stream)
    else if (message.type === 'done') {
      finish({ status: 'done', ms: Math.round(performance.now() - started) })
    } else {
      const { kind, message: text, line, column } = message
      finish({ status: 'error', kind, message: text, line, column })
    }
  })
  worker.addEventListener('error', (event) => {
    event.preventDefault()
    finish({ status: 'crashed', message: event.message || 'the example runner failed to load' })
  })
  worker.postMessage({ source } satisfies RunRequest)
  return { outcome, stop: () => finish({ status: 'stopped' }) }
}
