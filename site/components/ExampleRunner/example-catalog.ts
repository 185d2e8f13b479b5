/**
 * The runnable examples, read at build time from examples/NN-name.ts itself (never copied into a
 * page by hand): number, title and summary from each file's header comment, and the source that
 * shiki highlights and the in-page runner executes. Used only in `.astro` frontmatter, so none of
 * this reaches the browser except what a component renders.
 */
const SOURCES = import.meta.glob('../../../examples/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

export interface ExampleInfo {
  /** `03-verify` */
  name: string
  /** `03` */
  number: string
  /** The header comment's first line, without the final full stop. */
  title: string
  /** The header comment's other paragraphs, joined. */
  summary: string
  /** The file's text, exactly. */
  source: string
  /** `@node-only` in the header comment: needs Node (HTTP servers, the AWS SDK). */
  nodeOnly: boolean
}

/** Every example, in file order. */
export function getExamples(): ExampleInfo[] {
  return Object.entries(SOURCES)
    .map(([path, source]) => describeExample(path.split('/').pop()!.replace(/\.ts$/, ''), source))
    .filter((e) => /^\d\d-/.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** One example by name; a misspelt name fails the build with the list of valid ones. */
export function getExample(name: string): ExampleInfo {
  const all = getExamples()
  const found = all.find((e) => e.name === name)
  if (!found) {
    throw new Error(
      `No example "${name}" in examples/. Valid names: ${all.map((e) => e.name).join(', ')}`,
    )
  }
  return found
}

/** Read an example's header comment (`/** … *\/` at the top of the file). */
export function describeExample(name: string, source: string): ExampleInfo {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? ''
  const lines = comment.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trimEnd())
  const tags = lines.filter((l) => l.startsWith('@'))
  const paragraphs = lines
    .filter((l) => !l.startsWith('@'))
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
  const [first = name, ...rest] = paragraphs
  return {
    name,
    number: name.slice(0, 2),
    title: first.replace(/\.$/, ''),
    summary: rest.join(' '),
    source,
    nodeOnly: tags.some((t) => /^@node-only\b/.test(t)),
  }
}
