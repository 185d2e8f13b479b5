/**
 * A small TypeScript highlighter for the example editor: comments, strings, numbers, keywords and
 * called functions. shiki colours the read-only view; this only has to keep up with typing, so it
 * is one regular expression and no grammar.
 */
const KEYWORDS = new Set(
  (
    'as async await break case catch class const continue default delete do else export extends ' +
    'false finally for from function if import in instanceof interface let new null of return ' +
    'satisfies static switch this throw true try type typeof undefined var void while yield'
  ).split(' '),
)

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?|`(?:\\[\s\S]|[^`\\])*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?\b)|([A-Za-z_$][\w$]*)(?=(\s*\())?/g

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * HTML for `code` with `<span class="tok-…">` around tokens (`c` comment, `s` string, `n` number,
 * `k` keyword, `f` called function). The text content is exactly `code`.
 *
 * @example
 * highlightTypeScript("const a = 'x'") // '<span class="tok-k">const</span> a = <span class="tok-s">'x'</span>'
 */
export function highlightTypeScript(code: string): string {
  let html = ''
  let last = 0
  for (const match of code.matchAll(TOKEN)) {
    const [text, comment, string, number, word, call] = match
    const index = match.index
    html += escapeHtml(code.slice(last, index))
    last = index + text.length
    const kind = comment
      ? 'c'
      : string
        ? 's'
        : number
          ? 'n'
          : word && KEYWORDS.has(word)
            ? 'k'
            : word && call !== undefined
              ? 'f'
              : undefined
    html += kind ? `<span class="tok-${kind}">${escapeHtml(text)}</span>` : escapeHtml(text)
  }
  return html + escapeHtml(code.slice(last))
}
