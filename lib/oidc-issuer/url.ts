/**
 * Issuer URLs as they appear in `iss`, for every issuer emulator.
 */
import { InvalidInputError } from '../core/errors.js'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/**
 * The issuer URL as it appears in `iss`: https (or http on loopback), no query, fragment or
 * credentials, no trailing slash. Throws `InvalidInputError` otherwise.
 *
 * @example
 * normalizeIssuerUrl('https://token.actions.githubusercontent.com/') // 'https://token.actions.githubusercontent.com'
 */
export function normalizeIssuerUrl(input: string, path = 'options.url'): string {
  let u: URL
  try {
    u = new URL(input)
  } catch {
    throw new InvalidInputError(`${path}: ${JSON.stringify(input)} is not a URL`, path)
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.test(u.hostname))) {
    throw new InvalidInputError(
      `${path}: issuers use https (plain http only on loopback), got ${u.protocol}`,
      path,
    )
  }
  if (u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    throw new InvalidInputError(
      `${path}: an issuer URL has no query, fragment or credentials`,
      path,
    )
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`
}

/**
 * A base URL (http or https, no trailing slash) where a job reaches a platform's endpoints.
 *
 * @example
 * baseUrl('http://127.0.0.1:4010/') // 'http://127.0.0.1:4010'
 */
export function baseUrl(input: string, path = 'baseUrl'): string {
  let u: URL
  try {
    u = new URL(input)
  } catch {
    throw new InvalidInputError(`${path}: ${JSON.stringify(input)} is not a URL`, path)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new InvalidInputError(`${path}: expected http(s), got ${u.protocol}`, path)
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`
}
