/**
 * Colour and terminal helpers for the `trustwalk` CLI.
 *
 * Colour follows the conventions people expect (https://no-color.org, https://clig.dev/#output):
 * - off when `NO_COLOR` is set to anything non-empty, or with `--no-color` — these always win;
 * - otherwise on when the stream is a terminal (`stream.isTTY === true`, which Node sets when the
 *   file descriptor is a TTY);
 * - or, for CI logs that render ANSI, forced on with `FORCE_COLOR` set to anything but `0`/`false`.
 */

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

const CODES: Record<Exclude<keyof Style, 'enabled'>, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
}

/**
 * A `Style` that paints with ANSI SGR codes when `enabled`, and is the identity otherwise.
 *
 * @example
 * const style = createStyle(true)
 * style.red('denied') // '\u001b[31mdenied\u001b[39m'
 * createStyle(false).red('denied') // 'denied'
 */
export function createStyle(enabled: boolean): Style {
  const paint = ([open, close]: [number, number]): Paint =>
    enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text
  const style = { enabled } as Style
  for (const [name, codes] of Object.entries(CODES)) {
    ;(style as unknown as Record<string, Paint>)[name] = paint(codes)
  }
  return style
}

/**
 * Remove ANSI escape sequences (to measure or compare what a user sees).
 *
 * @example
 * stripAnsi('\u001b[31mdenied\u001b[39m') // 'denied'
 */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

/** Pad to a visible width, ignoring ANSI codes. */
export function padEnd(text: string, width: number): string {
  const visible = stripAnsi(text).length
  return visible >= width ? text : text + ' '.repeat(width - visible)
}
