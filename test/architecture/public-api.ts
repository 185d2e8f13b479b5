/**
 * The names `lib/index.ts` exports (values and types), read with the TypeScript compiler. The
 * public-API test compares them with public-api.txt so that any change to the API is seen in
 * review; `npx tsx test/architecture/public-api.ts --write` records a deliberate change.
 */
import { writeFileSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '../..')
export const REPORT = resolve(import.meta.dirname, 'public-api.txt')

/** One line per exported name: `value name` or `type name`, sorted. */
export function publicApi(entry = resolve(ROOT, 'lib/index.ts')): string[] {
  const config = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile).config
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT)
  const program = ts.createProgram([entry], { ...options, noEmit: true })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0
      return `${isValue ? 'value' : 'type'} ${symbol.name}`
    })
    .sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!))
}

export function recordedApi(): string[] {
  return readFileSync(REPORT, 'utf8').split('\n').filter(Boolean)
}

if (process.argv.includes('--write')) {
  writeFileSync(REPORT, publicApi().join('\n') + '\n')
  console.log(`wrote ${REPORT}`)
}
