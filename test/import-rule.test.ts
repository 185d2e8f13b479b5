/**
 * The code's boundaries are the trust boundaries (DESIGN.md): AWS only ever sees a token string and
 * what it fetches from the issuer URL, so nothing under lib/aws may import lib/github.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const LIB = resolve(import.meta.dirname, '../lib')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  )
}

/** Every module specifier in a file: static imports, re-exports and dynamic imports. */
export function specifiers(source: string): string[] {
  const found: string[] = []
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g
  for (const m of source.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3])!)
  return found
}

describe('import rule: lib/aws never imports lib/github', () => {
  const files = sourceFiles(join(LIB, 'aws'))

  it('finds the AWS side sources to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files.map((f) => [relative(LIB, f), f]))('%s stays on the AWS side', (_name, file) => {
    const bad = specifiers(readFileSync(file, 'utf8')).filter((s) => {
      if (!s.startsWith('.')) return /trustwalk\/.*github/.test(s)
      const target = resolve(dirname(file), s)
      return relative(join(LIB, 'github'), target).split('/')[0] !== '..'
    })
    expect(bad).toEqual([])
  })

  it('the checker itself catches a forbidden import', () => {
    expect(specifiers(`import { githubClaims } from '../../github/claims.js'`)).toEqual([
      '../../github/claims.js',
    ])
    expect(specifiers(`const m = await import('../github/issuer.js')`)).toEqual([
      '../github/issuer.js',
    ])
  })
})
