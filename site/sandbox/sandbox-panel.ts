/**
 * The sandbox panel under an example: checks isolation first, boots the page's WebContainer with
 * a timeout, shows a terminal, and offers "Run in sandbox" again after an edit. When the sandbox
 * cannot start, it says why and points back at the in-page runner, which always works.
 */
import { enableIsolation, isolationState } from './sandbox-isolation.js'
import {
  BOOT_TIMEOUT_MS,
  SandboxUnavailable,
  runInSandbox,
  startSandbox,
} from './sandbox-session.js'

export interface SandboxTarget {
  name: string
  /** The code to run now (the editor's, when it is open). */
  code(): string
}

const FALLBACK = 'The in-page runner above works without it: press Run.'

/** Remove colour codes and keep only the last rewrite of each `\r`-redrawn line. */
export function terminalText(chunk: string): string {
  return chunk
    .replace(/\x1b\][^\x07]*(\x07|\x1b\\)/g, '')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split('\n')
    .map((line) => line.split('\r').filter(Boolean).pop() ?? '')
    .join('\n')
}

function parts(root: HTMLElement) {
  const get = <T extends HTMLElement>(s: string) => root.querySelector<T>(s)!
  return {
    panel: get<HTMLElement>('[data-sandbox-panel]'),
    status: get<HTMLElement>('[data-sandbox-status]'),
    terminal: get<HTMLElement>('[data-terminal]'),
    enable: get<HTMLButtonElement>('[data-sandbox-enable]'),
    button: get<HTMLButtonElement>('[data-sandbox]'),
  }
}

/** Open (or rerun) the sandbox for one example. */
export async function openSandboxPanel(root: HTMLElement, target: SandboxTarget): Promise<void> {
  const ui = parts(root)
  if (ui.button.getAttribute('aria-busy') === 'true') return
  ui.panel.hidden = false
  const say = (text: string, kind: 'info' | 'ok' | 'error') => {
    ui.status.textContent = text
    ui.status.dataset.kind = kind
  }
  const isolation = isolationState()
  if (isolation.state !== 'isolated') {
    say(`${isolation.reason} ${FALLBACK}`, 'error')
    if (isolation.state === 'can-enable') {
      ui.enable.hidden = false
      ui.enable.onclick = () => {
        say('Installing the isolation service worker, then reloading…', 'info')
        enableIsolation().catch((error: unknown) => {
          ui.enable.hidden = true
          say(`Could not enable isolation: ${String(error)}. ${FALLBACK}`, 'error')
        })
      }
    }
    return
  }
  const write = (chunk: string) => {
    ui.terminal.hidden = false
    ui.terminal.textContent += terminalText(chunk)
    ui.terminal.scrollTop = ui.terminal.scrollHeight
  }
  ui.button.setAttribute('aria-busy', 'true')
  say(
    `Starting the Node sandbox (up to ${BOOT_TIMEOUT_MS / 1000} s)… Unlike the rest of this site, it makes third-party requests: the WebContainer comes from stackblitz.com and the packages it installs from npm.`,
    'info',
  )
  try {
    const container = await startSandbox(write)
    say(`Running examples/${target.name}.ts with Node in the sandbox…`, 'info')
    ui.terminal.textContent = ''
    const code = await runInSandbox(container, target.name, target.code(), write)
    say(
      `Node exited with status ${code}. Edit the code and press "Run in Node sandbox" to run it again.`,
      code === 0 ? 'ok' : 'error',
    )
    ui.button.textContent = 'Run in Node sandbox'
  } catch (error) {
    const message =
      error instanceof SandboxUnavailable
        ? error.message
        : `The Node sandbox failed: ${String(error)}.`
    say(`${message} ${FALLBACK}`, 'error')
  } finally {
    ui.button.removeAttribute('aria-busy')
  }
}
