/**
 * One GET as STS makes it to an identity provider: a deadline, a size cap, and every failure
 * turned into a sentence for the trace, never a throw.
 */
import type { Fetch } from '../../core/network.js'

export type Fetched = { ok: true; text: string } | { ok: false; reason: string; actual?: unknown }

/**
 * GET a URL with a deadline and a size cap; every failure becomes a sentence, never a throw.
 *
 * @example
 * const got = await fetchText(url, net.fetch, 5000, 65536)
 * if (!got.ok) console.log(got.reason) // 'It answered HTTP 404.'
 */
export async function fetchText(
  url: string,
  fetch: Fetch,
  timeoutMs: number,
  maxBytes: number,
): Promise<Fetched> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  const late: Fetched = { ok: false, reason: `It did not answer within ${timeoutMs / 1000} s.` }
  let timedOut = false
  try {
    const response = await Promise.race([
      fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } }),
      deadline,
    ])
    if (response === 'timeout') {
      timedOut = true
      return late
    }
    if (response.status !== 200) {
      void response.body?.cancel().catch(() => {})
      return { ok: false, reason: `It answered HTTP ${response.status}.`, actual: response.status }
    }
    const text = await Promise.race([readCapped(response, maxBytes), deadline])
    if (text === 'timeout') {
      timedOut = true
      return late
    }
    if (text === undefined)
      return { ok: false, reason: `Its answer is larger than ${maxBytes} bytes.` }
    return { ok: true, text }
  } catch (error) {
    // A network failure is a plain TypeError('fetch failed') with no code (FACTS.md §8.1).
    const cause =
      error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `The request failed: ${message}${cause}.` }
  } finally {
    clearTimeout(timer)
    // Only a request still running needs stopping; aborting a finished one costs a DOMException
    // and an abort event for nothing, on every discovery and JWKS fetch.
    if (timedOut) controller.abort()
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = response.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) {
    void response.body?.cancel().catch(() => {})
    return undefined
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      void reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
