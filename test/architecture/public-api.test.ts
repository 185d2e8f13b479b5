/**
 * The public API is deliberate: lib/index.ts exports exactly the names recorded in public-api.txt
 * (a change to the API shows up in review as a change to that file), every name of DESIGN.md's
 * contract, and every name the README, the examples and the site import.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { publicApi, recordedApi } from './public-api.js'

const ROOT = resolve(import.meta.dirname, '../..')

/** DESIGN.md "Public API (the contract; names may grow, these stay)". */
const CONTRACT = [
  'githubClaims',
  'githubSubject',
  'createGitHubIssuer',
  'gitlabClaims',
  'gitlabSubject',
  'createGitLabIssuer',
  'createAwsAccount',
  'evaluateTrustPolicy',
  'requestContextFromToken',
  'assumeRoleWithWebIdentity',
  'stsHandler',
  'auditTrustPolicy',
  'walk',
  'explainClaims',
]

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? ['node_modules', 'expected'].includes(e.name)
        ? []
        : files(join(dir, e.name))
      : /\.(ts|astro|mdx|md)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  )
}

/** Names imported from the package (`'trustwalk'`) or from lib/index.ts in the docs and the site. */
function namesTheDocsUse(): Set<string> {
  const used = new Set<string>()
  const sources = [...files(join(ROOT, 'site')), ...files(join(ROOT, 'examples'))]
  for (const file of [...sources, join(ROOT, 'README.md')]) {
    const text = readFileSync(file, 'utf8')
    const re =
      /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"](?:trustwalk|[./]*lib\/index\.js)['"]/g
    for (const m of text.matchAll(re))
      for (const part of m[1]!.split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!
        if (name) used.add(name)
      }
  }
  return used
}

describe('the public API', () => {
  const api = publicApi()
  const names = new Set(api.map((line) => line.split(' ')[1]!))

  it('is exactly what public-api.txt records (npx tsx test/architecture/public-api.ts --write)', () => {
    expect(api).toEqual(recordedApi())
  }, 60_000)

  it("keeps every name of DESIGN.md's contract", () => {
    expect(CONTRACT.filter((n) => !names.has(n))).toEqual([])
  })

  it('exports every name the README, the examples and the site import', () => {
    const used = [...namesTheDocsUse()]
    expect(used.length).toBeGreaterThan(40)
    expect(used.filter((n) => !names.has(n))).toEqual([])
  })

  it('exports no internals', () => {
    for (const internal of ['escapeXml', 'base32', 'decodeForm', 'assembleTrace', 'validateParams'])
      expect(names.has(internal), internal).toBe(false)
  })
})
