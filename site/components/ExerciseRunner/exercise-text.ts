/**
 * Build-time formatting for exercise briefs and hints: plain text with `code` in backticks and
 * bare URLs, turned into safe HTML.
 */
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * @example
 * inlineHtml('Use `StringEquals`.') // 'Use <code>StringEquals</code>.'
 */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escape(part.slice(1, -1))}</code>`
        : escape(part).replace(
            /https:\/\/[^\s)]+[^\s).,]/g,
            (url) => `<a href="${url}">${url}</a>`,
          ),
    )
    .join('')
}
