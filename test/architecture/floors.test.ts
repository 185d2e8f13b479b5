/**
 * The floor plan (DESIGN.md "The floors") as a test: dependency-cruiser checks every TypeScript
 * import under lib/ and site/ against test/architecture/dependency-cruiser.cjs, and — since it cannot
 * read `.astro` and `.mdx` files — the imports in those are checked here against the same rule
 * ("site/ reaches the library only through lib/index.ts").
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { cruise, type IReporterOutput } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const config = createRequire(import.meta.url)('./dependency-cruiser.cjs')

async function cruiseFloors(paths: string[]): Promise<IReporterOutput> {
  const cwd = process.cwd()
  process.chdir(ROOT)
  try {
    return await cruise(paths, { ...config.options, ruleSet: { forbidden: config.forbidden } })
  } finally {
    process.chdir(cwd)
  }
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return filesUnder(path, pattern)
    return pattern.test(e.name) ? [path] : []
  })
}

/** Every module specifier in a file: static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g
  return [...source.matchAll(re)].map((m) => (m[1] ?? m[2] ?? m[3])!)
}

describe('the floors', () => {
  it('lib/ and site/ have no import against the floor plan and no cycle', async () => {
    const result = await cruiseFloors(['lib', 'site'])
    if (typeof result.output === 'string') throw new Error('expected the JSON result')
    const violations = result.output.summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    )
    expect(violations).toEqual([])
    // The check really saw the library: every floor is there.
    const modules = result.output.modules.map((m) => m.source)
    for (const floor of [
      'core',
      'github',
      'aws',
      'handshake',
      'audit',
      'explain',
      'workshop',
      'node',
    ])
      expect(
        modules.some((m) => m.startsWith(`lib/${floor}/`)),
        floor,
      ).toBe(true)
  }, 60_000)

  it('the rules catch a forbidden import', async () => {
    // lib/aws/account.ts importing the GitHub side, checked against the same rule set.
    const rule = config.forbidden.find(
      (r: { name: string }) => r.name === 'aws-never-imports-an-issuer',
    )
    expect(new RegExp(rule.from.path).test('lib/aws/account.ts')).toBe(true)
    expect(new RegExp(rule.to.path).test('lib/github/claims.ts')).toBe(true)
    expect(new RegExp(rule.to.pathNot).test('lib/github/claims.ts')).toBe(false)
    const issuers = config.forbidden.find(
      (r: { name: string }) => r.name === 'issuers-never-import-aws',
    )
    for (const side of ['lib/github/claims.ts', 'lib/gitlab/claims.ts'])
      expect(new RegExp(issuers.from.path).test(side), side).toBe(true)
    for (const floor of ['lib/aws/arn.ts', 'lib/core/trace.ts', 'lib/audit/audit.ts'])
      expect(new RegExp(issuers.from.path).test(floor), floor).toBe(false)
    const core = config.forbidden.find(
      (r: { name: string }) => r.name === 'core-imports-nothing-of-ours',
    )
    expect(new RegExp(core.to.pathNot).test('lib/aws/arn.ts')).toBe(false)
  })

  const pages = filesUnder(join(ROOT, 'site'), /\.(astro|mdx)$/)
  it.each(pages.map((f) => [relative(ROOT, f), f]))(
    '%s reaches the library only through lib/index.ts',
    (_name, file) => {
      const bad = specifiers(readFileSync(file, 'utf8')).filter((s) => {
        if (!s.startsWith('.')) return false
        const target = relative(ROOT, resolve(dirname(file), s))
        return target.startsWith('lib/') && target !== 'lib/index.js'
      })
      expect(bad).toEqual([])
    },
  )
})
