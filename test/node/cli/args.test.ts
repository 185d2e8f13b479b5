import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError, type CommandSpec } from '../../../lib/node/cli-args.js'
import { editDistance, suggest } from '../../../lib/node/cli-suggest.js'
import { colorEnabled, createStyle, stripAnsi } from '../../../lib/node/terminal.js'

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a command for tests',
  usage: ['demo [FILE]'],
  flags: [
    { name: 'json', type: 'boolean', help: 'json' },
    { name: 'file', type: 'string', value: 'PATH', help: 'file' },
    { name: 'client-id', type: 'list', value: 'ID', help: 'client ids' },
  ],
  positionals: { min: 0, max: 1 },
  examples: [],
}

function usageError(run: () => unknown): UsageError {
  try {
    run()
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }
  throw new Error('expected a UsageError')
}

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['json', 'json', 0],
    ['jsno', 'json', 1],
    ['decdoe', 'decode', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['--verfy', '--verify', 1],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('suggest', () => {
  const flags = ['--json', '--header', '--payload', '--verify', '--jwks', '--file', '--help']
  it('finds a typo within reach', () => {
    expect(suggest('--jsno', flags)).toBe('--json')
    expect(suggest('--payloda', flags)).toBe('--payload')
    expect(suggest('--verfiy', flags)).toBe('--verify')
    expect(suggest('--JSON', flags)).toBe('--json')
  })
  it('completes an unambiguous prefix', () => {
    expect(suggest('--verif', flags)).toBe('--verify')
  })
  it('says nothing when nothing is close', () => {
    expect(suggest('--frobnicate', flags)).toBeUndefined()
    expect(suggest('xyz', ['decode', 'explain', 'serve'])).toBeUndefined()
  })
})

describe('parseArgs', () => {
  it('reads flags in both forms, lists, and positionals', () => {
    const args = parseArgs(
      ['--file', 'a', 'x', '--client-id=one', '--client-id', 'two', '--json'],
      spec,
    )
    expect(args.string('file')).toBe('a')
    expect(args.list('client-id')).toEqual(['one', 'two'])
    expect(args.bool('json')).toBe(true)
    expect(args.positionals).toEqual(['x'])
  })
  it('treats - as an argument and -- as the end of options', () => {
    expect(parseArgs(['-'], spec).positionals).toEqual(['-'])
    expect(parseArgs(['--', '--json'], spec).positionals).toEqual(['--json'])
    expect(parseArgs(['--', '--json'], spec).bool('json')).toBe(false)
  })
  it('accepts -h and --no-color on every command', () => {
    expect(parseArgs(['-h'], spec).bool('help')).toBe(true)
    expect(parseArgs(['--no-color'], spec).bool('no-color')).toBe(true)
  })
  it('refuses an unknown option with a suggestion', () => {
    const error = usageError(() => parseArgs(['--jsno'], spec))
    expect(error.message).toContain("unknown option '--jsno'")
    expect(error.message).toContain("Did you mean '--json'?")
    expect(error.command).toBe('demo')
  })
  it('refuses an unknown option without a suggestion when none is close', () => {
    const error = usageError(() => parseArgs(['--zzzzzzzz'], spec))
    expect(error.message).not.toContain('Did you mean')
  })
  it('refuses a missing value, a repeated value and a value on a boolean', () => {
    expect(usageError(() => parseArgs(['--file'], spec)).message).toContain('needs a value')
    expect(usageError(() => parseArgs(['--file', '--json'], spec)).message).toContain(
      'needs a value',
    )
    expect(usageError(() => parseArgs(['--file', 'a', '--file', 'b'], spec)).message).toContain(
      'more than once',
    )
    expect(usageError(() => parseArgs(['--json=yes'], spec)).message).toContain('takes no value')
  })
  it('refuses extra arguments', () => {
    expect(usageError(() => parseArgs(['a', 'b'], spec)).message).toContain("'b'")
  })
  it('refuses a group of short options as one unknown option', () => {
    const error = usageError(() => parseArgs(['-hx'], spec))
    expect(error.message).toBe("unknown option '-hx' for 'trustwalk demo'.")
    expect(usageError(() => parseArgs(['-jsno'], spec)).message).toContain("Did you mean '--json'?")
  })
  it('names an unknown option as written, without its inline value', () => {
    expect(usageError(() => parseArgs(['--jsno=1'], spec)).message).toContain(
      "unknown option '--jsno' for 'trustwalk demo'. Did you mean '--json'?",
    )
  })
  it('takes a single dash, an empty inline value or -- as a value', () => {
    expect(parseArgs(['--file', '-'], spec).string('file')).toBe('-')
    expect(parseArgs(['--file='], spec).string('file')).toBe('')
    expect(parseArgs(['--file', '--'], spec).string('file')).toBe('--')
  })
  it('skips the argument count when help is asked for', () => {
    expect(parseArgs(['a', 'b', 'c', '--help'], spec).positionals).toEqual(['a', 'b', 'c'])
  })
})

describe('colour decision', () => {
  it('colours a TTY only, and never with NO_COLOR or --no-color', () => {
    expect(colorEnabled({ isTTY: true, env: {} })).toBe(true)
    expect(colorEnabled({ isTTY: false, env: {} })).toBe(false)
    expect(colorEnabled({ isTTY: undefined, env: {} })).toBe(false)
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(colorEnabled({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true)
    expect(colorEnabled({ isTTY: true, env: {}, noColorFlag: true })).toBe(false)
    expect(colorEnabled({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true)
    expect(colorEnabled({ isTTY: false, env: { FORCE_COLOR: '0' } })).toBe(false)
    expect(colorEnabled({ isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(false)
  })
  it('paints only when enabled', () => {
    expect(createStyle(true).red('x')).not.toBe('x')
    expect(stripAnsi(createStyle(true).red('x'))).toBe('x')
    expect(createStyle(false).red('x')).toBe('x')
  })
  it('paints with the usual ANSI codes, whatever the process streams are', () => {
    const style = createStyle(true)
    expect(style.red('x')).toBe('\u001b[31mx\u001b[39m')
    expect(style.bold('x')).toBe('\u001b[1mx\u001b[22m')
    expect(style.dim('x')).toBe('\u001b[2mx\u001b[22m')
    expect(style.gray('x')).toBe('\u001b[90mx\u001b[39m')
    expect(style.enabled).toBe(true)
    expect(createStyle(false).enabled).toBe(false)
    expect(stripAnsi(style.bold(style.green('ok')))).toBe('ok')
  })
})
