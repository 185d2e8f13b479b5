/**
 * Runs one example inside a dedicated Worker, so a slow or endless example can be stopped without
 * freezing the page. TypeScript is stripped by sucrase (loaded with this worker, only when a reader
 * presses Run), `import … from 'trustwalk'` is served by the same library build the page uses, and
 * `console` is captured and streamed back line by line.
 */
import { transform } from 'sucrase'
import * as trustwalk from '../../lib/index.js'
import { MAX_OUTPUT_LINES, type RunMessage, type RunRequest } from './example-protocol.js'

/** The parts of a dedicated worker's global scope used here (the site compiles with DOM types). */
const scope = globalThis as unknown as {
  postMessage(message: RunMessage): void
  addEventListener(type: 'message', listener: (event: MessageEvent<RunRequest>) => void): void
  addEventListener(
    type: 'unhandledrejection',
    listener: (event: PromiseRejectionEvent) => void,
  ): void
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>

/** `new AsyncFunction(...)` puts two lines of its own before the body. */
const WRAPPER_LINES = 2
let lines = 0
let settled = false

function post(message: RunMessage): void {
  if (message.type !== 'output') {
    if (settled) return
    settled = true
  }
  scope.postMessage(message)
}

function format(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (typeof value === 'bigint') return `${value}n`
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return String(value)
  }
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

function write(stream: 'stdout' | 'stderr', values: unknown[]): void {
  if (lines > MAX_OUTPUT_LINES) return
  const text = values.map(format).join(' ')
  lines += text.split('\n').length
  if (lines > MAX_OUTPUT_LINES) {
    scope.postMessage({
      type: 'output',
      stream: 'stderr',
      text: `… output stopped after ${MAX_OUTPUT_LINES} lines.`,
    } satisfies RunMessage)
    return
  }
  scope.postMessage({ type: 'output', stream, text } satisfies RunMessage)
}

const pageConsole = {
  log: (...v: unknown[]) => write('stdout', v),
  info: (...v: unknown[]) => write('stdout', v),
  debug: (...v: unknown[]) => write('stdout', v),
  warn: (...v: unknown[]) => write('stderr', v),
  error: (...v: unknown[]) => write('stderr', v),
  table: (v: unknown) => write('stdout', [v]),
}

function requireModule(id: string): unknown {
  if (id === 'trustwalk') return trustwalk
  throw new Error(
    `'${id}' cannot be imported in the page: only 'trustwalk' is available here. Run this code with Node (npx tsx) or in the Node sandbox.`,
  )
}

/** The line in the example of the innermost stack frame inside it. */
function locate(error: unknown): { line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  const match = /<anonymous>:(\d+):(\d+)/.exec(stack)
  if (!match) return {}
  const line = Number(match[1]) - WRAPPER_LINES
  return line > 0 ? { line, column: Number(match[2]) } : {}
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return `Uncaught ${format(error)}`
}

scope.addEventListener('unhandledrejection', (event) => {
  post({ type: 'error', kind: 'runtime', message: describe(event.reason), ...locate(event.reason) })
})
scope.addEventListener('error', (event) => {
  post({ type: 'error', kind: 'runtime', message: describe(event.error ?? event.message) })
})

scope.addEventListener('message', (event) => {
  void run(event.data.source)
})

async function run(source: string): Promise<void> {
  let code: string
  try {
    code = transform(source, {
      transforms: ['typescript', 'imports'],
      production: true,
      filePath: 'example.ts',
    }).code
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc
    const message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : ''
    post({
      type: 'error',
      kind: 'syntax',
      message: `SyntaxError: ${message}`,
      ...(loc ? { line: loc.line, column: loc.column + 1 } : {}),
    })
    return
  }
  let body: (...values: unknown[]) => Promise<unknown>
  try {
    body = new AsyncFunction('require', 'console', 'exports', 'module', code)
  } catch (error) {
    post({ type: 'error', kind: 'syntax', message: describe(error) })
    return
  }
  try {
    const module = { exports: {} }
    await body(requireModule, pageConsole, module.exports, module)
    post({ type: 'done' })
  } catch (error) {
    post({ type: 'error', kind: 'runtime', message: describe(error), ...locate(error) })
  }
}
