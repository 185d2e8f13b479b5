/**
 * The files the Node sandbox starts with: the examples, the library's TypeScript sources as a local
 * `trustwalk` package (tsx runs them as they are), and a package.json that installs it with tsx and
 * the AWS SDK. Bundled from the repository at build time, in a chunk loaded only when the reader
 * opens the sandbox.
 */
import type { FileSystemTree } from '@webcontainer/api'
import { dependencies, devDependencies, version } from '../../package.json'

const LIBRARY = import.meta.glob(['../../lib/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

const EXAMPLES = import.meta.glob(['../../examples/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

function put(tree: FileSystemTree, path: string, contents: string): void {
  const parts = path.split('/')
  const file = parts.pop()!
  let dir = tree
  for (const part of parts) {
    const node = (dir[part] ??= { directory: {} })
    if (!('directory' in node)) throw new Error(`sandbox: ${part} is both a file and a folder`)
    dir = node.directory
  }
  dir[file] = { file: { contents } }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** The sandbox's project: `package.json`, `examples/`, and `trustwalk/` (the library). */
export function sandboxFiles(): FileSystemTree {
  const tree: FileSystemTree = {}
  put(
    tree,
    'package.json',
    json({
      name: 'trustwalk-sandbox',
      private: true,
      type: 'module',
      dependencies: {
        trustwalk: 'file:./trustwalk',
        tsx: devDependencies.tsx,
        '@aws-sdk/client-sts': devDependencies['@aws-sdk/client-sts'],
      },
    }),
  )
  put(
    tree,
    'trustwalk/package.json',
    json({
      name: 'trustwalk',
      version,
      type: 'module',
      // The sandbox runs the sources with tsx; the published package points at dist/ instead.
      exports: { '.': './lib/index.ts', './node': './lib/node/emulators.ts' },
      dependencies,
    }),
  )
  for (const [path, text] of Object.entries(LIBRARY)) {
    put(tree, `trustwalk/${path.replace(/^(\.\.\/)+/, '')}`, text)
  }
  for (const [path, text] of Object.entries(EXAMPLES)) {
    put(tree, path.replace(/^(\.\.\/)+/, ''), text)
  }
  return tree
}
