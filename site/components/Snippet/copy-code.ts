/**
 * A copy button on every shiki code block. The button is absolutely positioned inside the block's
 * wrapper, so adding it never moves the text around it.
 */
export function addCopyButtons(root: ParentNode): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
    if (pre.parentElement?.classList.contains('code-wrap')) continue
    const wrap = document.createElement('div')
    wrap.className = 'code-wrap'
    pre.replaceWith(wrap)
    wrap.append(pre)
    // A scrollable block must be reachable by keyboard (WCAG 2.1.1).
    pre.tabIndex = 0
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'copy-button'
    button.textContent = 'Copy'
    button.setAttribute('aria-label', 'Copy code to clipboard')
    button.addEventListener('click', () => {
      const text = pre.innerText
      void copyText(text).then((ok) => {
        button.textContent = ok ? 'Copied' : 'Press Ctrl+C'
        if (!ok) selectContents(pre)
        setTimeout(() => (button.textContent = 'Copy'), 1500)
      })
    })
    wrap.append(button)
  }
}

/** Copy with the async clipboard API; false when the browser refuses (insecure origin, denied). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

function selectContents(node: Node): void {
  const range = document.createRange()
  range.selectNodeContents(node)
  const selection = getSelection()
  selection?.removeAllRanges()
  selection?.addRange(range)
}
