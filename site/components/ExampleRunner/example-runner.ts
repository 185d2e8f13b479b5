/**
 * Wires one ExampleRunner: Run (in a Worker, streamed into the console panel), Edit (the code
 * editor; edited code runs too), Reset, and "Open in Node sandbox" (WebContainer, loaded only on
 * that click). Nothing heavy loads with the page: the editor, the worker, the TypeScript stripper
 * and the sandbox are fetched on first use.
 */
import type { ExampleEditor } from '../../lib/example-editor.js'
import type { RunOutcome } from '../../sandbox/example-run.js'

interface Parts {
  root: HTMLElement
  name: string
  original: string
  nodeOnly: boolean
  view: HTMLElement
  editorSlot: HTMLElement
  run: HTMLButtonElement
  edit: HTMLButtonElement
  reset: HTMLButtonElement
  sandbox: HTMLButtonElement
  consolePanel: HTMLElement
  output: HTMLElement
  status: HTMLElement
}

function required<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`ExampleRunner: missing ${selector}`)
  return found
}

/** Find the parts of one `[data-example-runner]` element. */
function partsOf(root: HTMLElement): Parts {
  const sourceScript = required<HTMLScriptElement>(root, 'script[data-source]')
  return {
    root,
    name: root.dataset.name ?? 'example',
    original: JSON.parse(sourceScript.textContent ?? '""') as string,
    nodeOnly: root.dataset.nodeOnly !== undefined,
    view: required(root, '[data-view]'),
    editorSlot: required(root, '[data-editor]'),
    run: required(root, '[data-run]'),
    edit: required(root, '[data-edit]'),
    reset: required(root, '[data-reset]'),
    sandbox: required(root, '[data-sandbox]'),
    consolePanel: required(root, '[data-console]'),
    output: required(root, '[data-output]'),
    status: required(root, '[data-status]'),
  }
}

/** Describe how a run ended, in one sentence a reader can act on. */
export function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.status) {
    case 'done':
      return `Finished in ${outcome.ms} ms.`
    case 'error': {
      const where =
        outcome.line === undefined
          ? ''
          : ` on line ${outcome.line}${outcome.column === undefined ? '' : `, column ${outcome.column}`}`
      return outcome.kind === 'syntax'
        ? `The code does not compile${where}: ${outcome.message}`
        : `The example stopped with an error${where}: ${outcome.message}`
    }
    case 'timeout':
      return `Stopped after ${Math.round(outcome.ms / 1000)} s: the example did not finish (an endless loop?). Edit the code and run it again.`
    case 'stopped':
      return 'Stopped.'
    case 'crashed':
      return `The in-page runner could not start: ${outcome.message}. Reload the page and try again.`
  }
}

/** Set up one runner. Safe to call once per element. */
export function initExampleRunner(root: HTMLElement): void {
  const p = partsOf(root)
  let editor: ExampleEditor | undefined
  let stop: (() => void) | undefined

  const currentCode = () => (editor && !p.editorSlot.hidden ? editor.value : p.original)
  const setStatus = (text: string, kind: 'info' | 'ok' | 'error' | 'note') => {
    p.status.textContent = text
    p.status.dataset.kind = kind
  }

  async function run(): Promise<void> {
    if (stop) {
      stop()
      return
    }
    p.consolePanel.hidden = false
    p.output.replaceChildren()
    if (p.nodeOnly) {
      setStatus(
        `This example needs Node: it starts real HTTP servers and calls them with the AWS SDK, which a page cannot do. Run it with "npm run build && npx tsx examples/${p.name}.ts", or press "Open in Node sandbox".`,
        'note',
      )
      return
    }
    setStatus('Running…', 'info')
    p.run.textContent = 'Stop'
    p.root.dataset.running = ''
    try {
      const { runExample } = await import('../../sandbox/example-run.js')
      const session = runExample(currentCode(), {
        // data-timeout-ms shortens the limit (the e2e test of an endless loop uses it).
        timeoutMs: Number(p.root.dataset.timeoutMs) || undefined,
        onOutput(text, stream) {
          const line = document.createElement('span')
          line.textContent = `${text}\n`
          if (stream === 'stderr') line.className = 'stderr'
          p.output.append(line)
        },
      })
      stop = session.stop
      const outcome = await session.outcome
      setStatus(describeOutcome(outcome), outcome.status === 'done' ? 'ok' : 'error')
    } catch (error) {
      setStatus(`The in-page runner could not load: ${String(error)}`, 'error')
    } finally {
      stop = undefined
      p.run.textContent = 'Run'
      delete p.root.dataset.running
    }
  }

  async function openEditor(): Promise<void> {
    if (!editor) {
      const { createEditor } = await import('../../lib/example-editor.js')
      editor ??= createEditor(p.original, {
        label: `Edit examples/${p.name}.ts`,
        onRun: () => void run(),
      })
    }
    if (!editor.element.isConnected) p.editorSlot.append(editor.element)
    p.view.hidden = true
    p.editorSlot.hidden = false
    p.edit.hidden = true
    p.reset.hidden = false
    editor.focus()
  }

  function resetEditor(): void {
    if (editor) editor.value = p.original
    p.editorSlot.hidden = true
    p.view.hidden = false
    p.reset.hidden = true
    p.edit.hidden = false
    p.edit.focus()
  }

  p.run.addEventListener('click', () => void run())
  p.edit.addEventListener('click', () => {
    openEditor().catch((error: unknown) =>
      setStatus(
        `The editor could not load: ${String(error)}. Reload the page to try again.`,
        'error',
      ),
    )
  })
  p.reset.addEventListener('click', resetEditor)
  p.sandbox.addEventListener('click', () => {
    void import('../../sandbox/sandbox-panel.js').then(({ openSandboxPanel }) =>
      openSandboxPanel(p.root, { name: p.name, code: currentCode }),
    )
  })
}
