/**
 * Colour and terminal helpers for the `trustwalk` CLI.
 *
 * Colour follows the conventions people expect (https://no-color.org, https://clig.dev/#output):
 * - off when `NO_COLOR` is set to anything non-empty, or with `--no-color` — these always win;
 * - otherwise on when the stream is a terminal (`stream.isTTY === true`, which Node sets when the
 *   file descriptor is a TTY);
 * - or, for CI logs that render ANSI, forced on with `FORCE_COLOR` set to anything but `0`/`false`.
 *
 * The painting itself is Node's (`util.styleText`); the decision stays here because it depends on
 * the stream the text is written to and on `--no-color`, which `styleText` cannot know.
 */
import { stripVTControlCharacters, styleText } from 'node:util'

/** What decides whether a stream gets colour. */
export interface ColorInputs {
  /** `stream.isTTY` of the stream the text goes to. */
  isTTY: boolean | undefined
  env: Record<string, string | undefined>
  /** `--no-color` was given. */
  noColorFlag?: boolean
}

/**
 * Whether to write ANSI colour to a stream.
 *
 * @example
 * colorEnabled({ isTTY: process.stdout.isTTY, env: process.env }) // true in a terminal
 * colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } }) // false
 */
export function colorEnabled({ isTTY, env, noColorFlag }: ColorInputs): boolean {
  if (noColorFlag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true
  return isTTY === true
}

type Paint = (text: string) => string

/** Functions that colour text, or return it unchanged when colour is off. */
export interface Style {
  readonly enabled: boolean
  bold: Paint
  dim: Paint
  italic: Paint
  underline: Paint
  red: Paint
  green: Paint
  yellow: Paint
  blue: Paint
  magenta: Paint
  cyan: Paint
  gray: Paint
}

const FORMATS = [
  'bold',
  'dim',
  'italic',
  'underline',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'gray',
] as const satisfies readonly Exclude<keyof Style, 'enabled'>[]

/**
 * A `Style` that paints with Node's `util.styleText` (ANSI SGR codes) when `enabled`, and is the
 * identity otherwise. Whether to colour is decided once, by `colorEnabled`, for the stream the text
 * goes to, so `styleText` is told not to look at `process.stdout` itself (`validateStream: false`).
 * https://nodejs.org/docs/latest-v20.x/api/util.html#utilstyletextformat-text-options
 *
 * @example
 * const style = createStyle(true)
 * style.red('denied') // '\u001b[31mdenied\u001b[39m'
 * createStyle(false).red('denied') // 'denied'
 */
export function createStyle(enabled: boolean): Style {
  const paint = (format: (typeof FORMATS)[number]): Paint =>
    enabled ? (text) => styleText(format, text, { validateStream: false }) : (text) => text
  return Object.fromEntries([
    ['enabled', enabled],
    ...FORMATS.map((format) => [format, paint(format)]),
  ]) as Style
}

/**
 * Remove ANSI escape sequences (to measure or compare what a user sees), with Node's
 * `util.stripVTControlCharacters`.
 *
 * @example
 * stripAnsi('\u001b[31mdenied\u001b[39m') // 'denied'
 */
export function stripAnsi(text: string): string {
  return stripVTControlCharacters(text)
}

/** Pad to a visible width, ignoring ANSI codes. */
export function padEnd(text: string, width: number): string {
  const visible = stripAnsi(text).length
  return visible >= width ? text : text + ' '.repeat(width - visible)
}
