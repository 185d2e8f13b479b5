/** Colouring for the STS XML responses shown in the credentials chapter (text nodes only). */
import { el } from './dom.js'

const PART = /(<\/?[\w:.-]+)|(\s[\w:.-]+=)("[^"]*")|(\/?>)|([^<]+)/gy

export function highlightXml(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment()
  PART.lastIndex = 0
  let match: RegExpExecArray | null
  while (PART.lastIndex < text.length && (match = PART.exec(text))) {
    const [whole, open, attr, value, close, content] = match
    if (open !== undefined) fragment.append(el('span', { class: 'json-key' }, open))
    else if (attr !== undefined && value !== undefined)
      fragment.append(attr, el('span', { class: 'json-string' }, value))
    else if (close !== undefined) fragment.append(el('span', { class: 'json-key' }, close))
    else if (content !== undefined) fragment.append(content)
    else fragment.append(whole)
  }
  if (PART.lastIndex < text.length) fragment.append(text.slice(PART.lastIndex))
  return fragment
}

/** Indent one-line XML so a learner can read it: one element per line, text kept inline. */
export function prettyXml(xml: string): string {
  const tokens = xml.trim().match(/<[^>]+>|[^<]+/g) ?? []
  const lines: string[] = []
  let depth = 0
  let pending = ''
  const flush = () => {
    if (pending) lines.push(pending)
    pending = ''
  }
  for (const token of tokens) {
    if (token.startsWith('</')) {
      depth--
      if (pending) {
        lines.push(pending + token)
        pending = ''
      } else lines.push('  '.repeat(Math.max(depth, 0)) + token)
    } else if (token.startsWith('<?') || token.endsWith('/>')) {
      flush()
      lines.push('  '.repeat(depth) + token)
    } else if (token.startsWith('<')) {
      flush()
      pending = '  '.repeat(depth) + token
      depth++
    } else if (token.trim()) {
      pending += token
    }
  }
  flush()
  return lines.join('\n')
}
