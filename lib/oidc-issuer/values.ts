/**
 * Small checks every platform's run model and claim builder share; each throws
 * `InvalidInputError` naming the path of the bad value.
 */
import { InvalidInputError } from '../core/errors.js'

/** A non-empty string, or throw. */
export function nonEmpty(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidInputError(`${path}: expected a non-empty string`, path)
  }
  return value
}

/** `value` when set (a non-empty string), else `fallback`. */
export function optionalString(value: unknown, fallback: string, path: string): string {
  return value === undefined ? fallback : nonEmpty(value, path)
}

/** A whole number of seconds ≥ `min`, or `fallback` when unset. */
export function seconds(value: unknown, fallback: number, path: string, min: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidInputError(`${path}: expected a whole number of seconds ≥ ${min}`, path)
  }
  return value
}

/** An id given as a number or a numeric string, as a string; `fallback` when unset. */
export function numericId(value: unknown, fallback: string, path: string): string {
  if (value === undefined) return fallback
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
  if (typeof text !== 'string' || !/^\d+$/.test(text)) {
    throw new InvalidInputError(`${path}: expected a numeric id`, path)
  }
  return text
}

/** One of `allowed`, or `fallback` when unset. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  path: string,
): T {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new InvalidInputError(
      `${path}: expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      path,
    )
  }
  return value as T
}

/** A boolean, or `fallback` when unset. */
export function bool(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean')
    throw new InvalidInputError(`${path}: expected true or false`, path)
  return value
}

/** The value as an object (for run descriptions read from JSON). */
export function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`${path}: expected an object`, path)
  }
  return value as Record<string, unknown>
}

/** An audience: a non-empty string or a non-empty list of them (`aud` may be a list, RFC 7519 §4.1.3). */
export function audienceValue(value: unknown, path: string): string | string[] {
  if (Array.isArray(value)) {
    if (value.length === 0)
      throw new InvalidInputError(`${path}: expected at least one audience`, path)
    return value.map((v, i) => nonEmpty(v, `${path}[${i}]`))
  }
  return nonEmpty(value, path)
}

/** Apply teaching overrides: set each claim, or remove it when the value is `undefined`. */
export function withOverrides(
  claims: Record<string, unknown>,
  overrides: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out = { ...claims }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete out[key]
    else out[key] = value
  }
  return out
}
