/**
 * `--jwks FILE|URL`: check a signature against keys the user names instead of the keys discovery
 * finds from the token's `iss`. Verification still runs through the one verifier; only its
 * `fetch` changes: the discovery document for `iss` is answered locally, pointing at the given
 * keys. Without `--jwks`, real discovery over the network (which works against `trustwalk serve`).
 */
import { discoveryUrl } from '../../aws/oidc/discovery.js'
import { InvalidInputError } from '../../core/errors.js'
import type { Fetch } from '../../core/network.js'
import type { Check } from '../../core/trace.js'
import { DOCUMENT_INPUT } from '../input-limits.js'
import { printable } from '../printable.js'
import { readInputFile } from '../read-input.js'

/** Where the file's keys are served from, inside this process only (`.invalid` never resolves). */
const LOCAL_JWKS_URL = 'https://jwks-file.trustwalk.invalid/jwks'

export interface KeySource {
  fetch: Fetch
  /** Discovery checks that describe the synthetic document rather than the issuer; hide them. */
  hiddenChecks: ReadonlySet<string>
  /** A check saying where the keys came from, shown in their place. */
  note?: Check
}

/**
 * The `fetch` to verify with, given `--jwks` (or not) and the token's issuer.
 *
 * @example
 * const { fetch } = await keySource('jwks.json', 'https://token.actions.githubusercontent.com')
 */
export async function keySource(jwks: string | undefined, issuer: string): Promise<KeySource> {
  const network: Fetch = (input, init) => globalThis.fetch(input, init)
  if (jwks === undefined) return { fetch: network, hiddenChecks: new Set() }

  const isUrl = /^https?:\/\//i.test(jwks)
  let body: string | undefined
  if (!isUrl) {
    body = await readInputFile(jwks, '--jwks', DOCUMENT_INPUT)
    try {
      JSON.parse(body)
    } catch {
      throw new InvalidInputError(
        `The --jwks file ${printable(jwks)} is not JSON: expected {"keys": [...]}.`,
        '--jwks',
      )
    }
  }
  const jwksUri = isUrl ? jwks : LOCAL_JWKS_URL
  const configurationUrl = discoveryUrl(issuer)
  const fetch: Fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === configurationUrl) {
      return Response.json({ issuer, jwks_uri: jwksUri })
    }
    if (body !== undefined && url === LOCAL_JWKS_URL) {
      return new Response(body, { headers: { 'content-type': 'application/json' } })
    }
    return network(input, init)
  }
  const hidden = [
    'discovery.configuration-fetched',
    'discovery.configuration-json',
    'discovery.issuer-matches',
    'discovery.jwks-uri',
  ]
  if (!isUrl) hidden.push('discovery.jwks-fetched')
  return {
    fetch,
    hiddenChecks: new Set(hidden),
    note: {
      id: 'discovery.jwks-given',
      ok: true,
      summary: `The keys come from --jwks ${jwks}; discovery from the token's iss was not used.`,
    },
  }
}

/** The checks to show: the synthetic discovery checks replaced by the note. */
export function visibleChecks(checks: readonly Check[], source: KeySource): Check[] {
  const out: Check[] = []
  let noted = false
  for (const check of checks) {
    if (source.hiddenChecks.has(check.id)) {
      if (!noted && source.note) out.push(source.note)
      noted = true
      continue
    }
    out.push(check)
  }
  return out
}
