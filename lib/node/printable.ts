/**
 * Text from outside (a file name, a claim, a policy value, a request's `Action`) on a terminal.
 * Control characters in it would be obeyed by the terminal: ESC sequences set the window title,
 * move the cursor or clear the screen, CR rewrites the current line, a newline forges a log line,
 * bidirectional overrides reorder what is read ("Trojan Source", CVE-2021-42574). Everything the
 * CLI prints that came from input goes through `printable`; every line the CLI writes goes
 * through `terminalSafe` as a last line of defence.
 */

/**
 * C0 controls and DEL, C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional embedding, override and isolate controls (Unicode TR9).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** `\n`, `\r`, `\t`, else `\u001b`: the same escapes JSON uses, so they are valid in JSON too. */
function escapeOne(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * Input text made safe to print inside one line: every control character becomes a visible
 * escape (`\n`, `\r`, `\t`, `\u001b`, `\u202e`), so it can neither drive the terminal nor start a
 * new line. Other text, including non-ASCII letters, is unchanged.
 *
 * @example
 * printable('deploy\u001b]0;pwned\u0007.json') // 'deploy\\u001b]0;pwned\\u0007.json'
 * printable('a\nb') // 'a\\nb'
 */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeOne)
}

/** The style escapes the CLI writes itself (SGR: colours, bold, dim, underline). */
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /\u001b\[[0-9;]*m/y

/**
 * A whole block of output made safe for a terminal: newlines and tabs (the CLI's own layout) and
 * the CLI's colour escapes are kept; every other control character is escaped as `printable`
 * does. In JSON output the escapes this adds are valid JSON escapes of the same characters.
 *
 * @example
 * terminalSafe('\u001b[31mdenied\u001b[39m\n\u001b]0;title\u0007') // '\u001b[31mdenied\u001b[39m\n\\u001b]0;title\\u0007'
 */
export function terminalSafe(text: string): string {
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text))
    return text
  let out = ''
  let last = 0
  CONTROL_EXCEPT_LAYOUT.lastIndex = 0
  for (let m = CONTROL_EXCEPT_LAYOUT.exec(text); m; m = CONTROL_EXCEPT_LAYOUT.exec(text)) {
    const at = m.index
    if (text[at] === '\u001b') {
      OWN_STYLE.lastIndex = at
      const own = OWN_STYLE.exec(text)
      if (own) {
        CONTROL_EXCEPT_LAYOUT.lastIndex = at + own[0].length
        continue
      }
    }
    out += text.slice(last, at) + escapeOne(text[at]!)
    last = at + 1
  }
  return out + text.slice(last)
}
