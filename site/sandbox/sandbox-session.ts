/**
 * The page's one WebContainer (a Node.js in the browser, by StackBlitz): booted on the first
 * request, raced against a timeout because `boot()` never times out by itself
 * (https://github.com/stackblitz/webcontainer-core/issues/992), then given the sandbox files and
 * an `npm install`. Every later run reuses it: WebContainer allows one instance per page.
 */
import type { WebContainer } from '@webcontainer/api'

/**
 * How long the reader waits for the sandbox before being pointed back at the in-page runner. The
 * boot itself (the headless iframe saying "init") takes a few seconds on a working connection;
 * the packages are installed after it, without this limit.
 */
export const BOOT_TIMEOUT_MS = 10_000

/** The sandbox cannot be used; `message` says why, in a sentence for the reader. */
export class SandboxUnavailable extends Error {
  override readonly name = 'SandboxUnavailable'
}

export type Output = (text: string) => void

let booting: Promise<WebContainer> | undefined
let installing: Promise<void> | undefined

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SandboxUnavailable(message)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Boot (once per page) and prepare the sandbox; rejects with `SandboxUnavailable`. */
export async function startSandbox(
  output: Output,
  timeoutMs = BOOT_TIMEOUT_MS,
): Promise<WebContainer> {
  if (!globalThis.crossOriginIsolated) {
    throw new SandboxUnavailable('This page is not cross-origin isolated.')
  }
  // Offline: say so at once rather than after the timeout (boot() would wait forever).
  if (globalThis.navigator?.onLine === false) {
    throw new SandboxUnavailable(
      'This browser is offline, and the Node sandbox is loaded from stackblitz.com.',
    )
  }
  if (!booting) {
    const attempt = import('@webcontainer/api').then(({ WebContainer }) =>
      WebContainer.boot({ coep: 'require-corp', workdirName: 'trustwalk' }),
    )
    booting = attempt
    // A failed boot may be retried; a pending one is shared (a second boot() would throw).
    attempt.catch(() => {
      if (booting === attempt) booting = undefined
    })
  }
  let container: WebContainer
  try {
    container = await withTimeout(
      booting,
      timeoutMs,
      `The Node sandbox did not start within ${Math.round(timeoutMs / 1000)} s. It is loaded from stackblitz.com, which this browser could not reach (offline, blocked or slow).`,
    )
  } catch (error) {
    if (error instanceof SandboxUnavailable) throw error
    throw new SandboxUnavailable(
      `The Node sandbox could not start: ${error instanceof Error ? error.message : String(error)}.`,
    )
  }
  installing ??= install(container, output).catch((error: unknown) => {
    installing = undefined
    throw error
  })
  await installing
  return container
}

async function install(container: WebContainer, output: Output): Promise<void> {
  const { sandboxFiles } = await import('./sandbox-files.js')
  await container.mount(sandboxFiles())
  output('$ npm install\n')
  const process = await container.spawn('npm', ['install', '--no-audit', '--no-fund'])
  void process.output.pipeTo(new WritableStream({ write: (chunk) => output(chunk) }))
  const code = await process.exit
  if (code !== 0) {
    throw new SandboxUnavailable(`npm install failed in the sandbox (exit ${code}).`)
  }
}

/** Write `code` as examples/NAME.ts in the sandbox and run it with tsx; resolves to its exit code. */
export async function runInSandbox(
  container: WebContainer,
  name: string,
  code: string,
  output: Output,
): Promise<number> {
  await container.fs.writeFile(`examples/${name}.ts`, code)
  output(`$ npx tsx examples/${name}.ts\n`)
  const process = await container.spawn('npx', ['tsx', `examples/${name}.ts`])
  void process.output.pipeTo(new WritableStream({ write: (chunk) => output(chunk) }))
  return process.exit
}
