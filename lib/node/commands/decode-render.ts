/**
 * `trustwalk decode` for a person: header and payload colour-coded like the token's three parts
 * (header red, payload magenta, signature cyan, as jwt.io shows them), every timestamp as an ISO
 * date plus relative time, every GitHub claim explained, a mark on each claim AWS turns into a
 * trust-policy condition key, and the `sub` taken apart.
 */
import { explainGithubClaim, GITHUB_HEADER_DOCS } from '../../github/claim-docs.js'
import { parseSubject, type ParsedSubject } from '../../github/subject.js'
import { getIssuerProfile, issuerKindForUrl } from '../../issuers/index.js'
import type { DecodedJwt } from '../../aws/oidc/jwt.js'
import type { Style } from '../terminal.js'
import { padEnd } from '../terminal.js'
import { wrap } from '../cli-help.js'
import { printable } from '../printable.js'
import { describeTimeClaim, isoSeconds, TIME_CLAIMS } from './time.js'
import { showValue } from './trace-render.js'

/** Lines are wrapped to this many columns. */
const WIDTH = 100

/** The mark on claims AWS copies into the request context. */
export const CONDITION_KEY_MARK = '◆'

export interface DecodeRenderOptions {
  /** Seconds since the epoch. */
  now: number
  /** The condition key AWS fills from a claim (`token.actions.githubusercontent.com:sub`), if any. */
  conditionKeyFor(claim: string): string | undefined
}

/** One value as it appears in the token's JSON, its control characters escaped. */
function jsonValue(value: unknown): string {
  return showValue(value, Infinity)
}

/**
 * The human-readable decode: one block per part.
 *
 * @example
 * renderDecoded(decodeJwt(token), createStyle(false), { now, conditionKeyFor }).join('\n')
 */
export function renderDecoded(
  jwt: DecodedJwt,
  style: Style,
  options: DecodeRenderOptions,
): string[] {
  const lines: string[] = []
  const names = [...Object.keys(jwt.header), ...Object.keys(jwt.payload)]
  const width = Math.min(24, Math.max(...names.map((n) => n.length)) + 2)
  const indent = ' '.repeat(4 + width)

  lines.push(`${style.red(style.bold('Header'))}  ${style.dim('how the token is signed')}`)
  for (const [name, value] of Object.entries(jwt.header)) {
    lines.push(`    ${style.red(padEnd(printable(name), width))}${jsonValue(value)}`)
    const doc = GITHUB_HEADER_DOCS[name]
    if (doc) lines.push(...wrap(doc, WIDTH - indent.length, '').map((l) => indent + style.dim(l)))
  }

  lines.push('', `${style.magenta(style.bold('Payload'))}  ${style.dim('the claims')}`)
  // Another CI system's token (recognised by its iss) is explained with that system's claim docs;
  // anything else as GitHub's, as before.
  const kind = typeof jwt.payload.iss === 'string' ? issuerKindForUrl(jwt.payload.iss) : undefined
  const other = kind === undefined || kind === 'github' ? undefined : getIssuerProfile(kind)
  let marked = 0
  for (const [name, value] of Object.entries(jwt.payload)) {
    const key = options.conditionKeyFor(name)
    if (key) marked++
    const mark = key ? style.yellow(CONDITION_KEY_MARK) : ' '
    let shown = jsonValue(value)
    if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
      const when = describeTimeClaim(name, value, options.now)
      const late = name === 'exp' && value <= options.now
      shown = `${value}  ${isoSeconds(value)}  ${late ? style.red(when) : style.green(when)}`
    }
    lines.push(`  ${mark} ${style.magenta(padEnd(printable(name), width))}${shown}`)
    const doc = other
      ? (other.explainClaim(name) ?? `Not a claim ${other.name} issues.`)
      : (explainGithubClaim(name) ?? 'Not a claim GitHub issues.')
    lines.push(...wrap(doc, WIDTH - indent.length, '').map((l) => indent + style.dim(l)))
    if (key) lines.push(`${indent}${style.yellow('condition key')} ${printable(key)}`)
    if (name === 'sub' && typeof value === 'string') {
      const lines2 = other
        ? otherSubjectLines(other.subjectParts(value), other.name, style)
        : subjectLines(value, style)
      lines.push(...lines2.map((l) => indent + l))
    }
  }

  const bytes = jwt.signature.length
  lines.push(
    '',
    `${style.cyan(style.bold('Signature'))}  ${bytes} bytes, ${printable(String(jwt.header.alg))} ${style.dim('over header.payload')}`,
  )
  lines.push('')
  const note =
    marked > 0
      ? 'AWS copies each claim marked so into the trust-policy condition key shown under it. The other claims are invisible to IAM: a Condition on them finds no value (and a negated operator on a missing key is true).'
      : 'No claim in this token becomes a trust-policy condition key: to IAM they are all invisible, and a Condition on them finds no value.'
  const [first = '', ...rest] = wrap(note, WIDTH - 2, '')
  lines.push(`${style.yellow(CONDITION_KEY_MARK)} ${first}`, ...rest.map((l) => `  ${l}`))
  return lines
}

/** Another platform's `sub` taken apart, in its own terms. */
function otherSubjectLines(
  parts: [string, string][] | undefined,
  platform: string,
  style: Style,
): string[] {
  if (parts === undefined || parts.length === 0) return []
  const keyWidth = Math.max(...parts.map(([k]) => k.length)) + 2
  return [
    style.dim(`sub, taken apart (${platform}'s format):`),
    ...parts.map(
      ([k, v], i) =>
        `${i === parts.length - 1 ? '└' : '├'} ${padEnd(style.dim(printable(k)), keyWidth)}${printable(v)}`,
    ),
  ]
}

/** `sub` taken apart: owner, repository, immutable ids, and the context. */
export function subjectLines(sub: string, style: Style): string[] {
  let parsed: ParsedSubject
  try {
    parsed = parseSubject(sub)
  } catch {
    return []
  }
  const rows: [string, string][] = []
  if (parsed.owner !== undefined) {
    rows.push(['owner', parsed.owner + (parsed.ownerId ? `  (id ${parsed.ownerId})` : '')])
  }
  if (parsed.repo !== undefined) {
    rows.push(['repo', parsed.repo + (parsed.repoId ? `  (id ${parsed.repoId})` : '')])
  }
  if (parsed.kind === 'ref' && parsed.value !== undefined) {
    const branch = /^refs\/heads\/(.+)$/.exec(parsed.value)
    const tag = /^refs\/tags\/(.+)$/.exec(parsed.value)
    const what = branch ? `branch ${branch[1]}` : tag ? `tag ${tag[1]}` : 'ref'
    rows.push(['ref', `${parsed.value}  (${what})`])
  } else if (parsed.kind === 'environment' && parsed.value !== undefined) {
    rows.push(['environment', parsed.value])
  } else if (parsed.kind === 'pull_request') {
    rows.push(['context', 'pull_request (any pull request, from any branch or fork)'])
  } else if (parsed.kind === 'custom') {
    for (const part of parsed.parts.filter((p) => p.key !== 'repo'))
      rows.push([part.key, part.value])
  }
  const form =
    parsed.kind === 'custom'
      ? 'custom template'
      : parsed.immutable
        ? 'default format, immutable ids'
        : 'default format'
  const keyWidth = Math.max(...rows.map(([k]) => k.length), 0) + 2
  return [
    style.dim(`sub, taken apart (${form}):`),
    ...rows.map(
      ([k, v], i) =>
        `${i === rows.length - 1 ? '└' : '├'} ${padEnd(style.dim(printable(k)), keyWidth)}${printable(v)}`,
    ),
  ]
}
