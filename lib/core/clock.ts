/**
 * Injected time. Every part of trustwalk that reads the time takes a `Clock`, so examples, tests
 * and pages are reproducible.
 */
export type Clock = () => Date

/** The machine's clock. */
export const systemClock: Clock = () => new Date()

/**
 * A clock frozen at one instant (an ISO string, a `Date`, or milliseconds since the epoch).
 *
 * @example
 * const clock = fixedClock('2026-10-08T18:31:15Z')
 * clock().toISOString() // '2026-10-08T18:31:15.000Z'
 */
export function fixedClock(at: string | number | Date): Clock {
  const ms = new Date(at).getTime()
  if (Number.isNaN(ms)) throw new RangeError(`fixedClock: not a date: ${String(at)}`)
  return () => new Date(ms)
}

/** A clock you can move forward, for tests of expiry and key rotation. */
export function manualClock(
  at: string | number | Date,
): Clock & { advance(seconds: number): void } {
  let ms = new Date(at).getTime()
  const clock = (() => new Date(ms)) as Clock & { advance(seconds: number): void }
  clock.advance = (seconds: number) => {
    ms += seconds * 1000
  }
  return clock
}

/** Whole seconds since the epoch, as JWT `iat`/`exp`/`nbf` use. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock().getTime() / 1000)
}
