/**
 * Driving the site's code editors from a browser test. An editor starts as a light textarea and
 * upgrades itself to the rich one (CodeMirror, loaded on demand) on the first focus; the textarea
 * keeps holding the text either way, so `inputValue()` on it reads the current text.
 */
import type { Locator } from 'playwright-core'

/**
 * Replace the text of the code editor inside `scope` as a reader would: focus it, wait for the
 * rich editor, select all (the editor's own Ctrl/⌘+A) and type the text in one insertion.
 */
export async function fillEditor(scope: Locator, text: string): Promise<void> {
  const rich = scope.locator('.cm-content')
  if (!(await rich.count())) {
    await scope.locator('textarea').first().focus()
    await rich.waitFor()
  }
  await rich.focus()
  await rich.press('ControlOrMeta+a')
  await rich.page().keyboard.insertText(text)
}
