/**
 * The fuzz targets: each one feeds generated hostile input to one surface of trustwalk and lists
 * what went wrong (an empty list is a pass). Shared by the seeded, bounded tests in `npm test`
 * (fuzz.test.ts) and the long run behind `npm run fuzz` (run.ts).
 *
 * What every target asserts: no uncaught exception and no exit 3 (an internal error), only the exit
 * statuses the command documents, every line printed free of raw control characters, each case
 * within a time bound; the STS endpoint answers only with STS's XML; the auditor returns findings
 * or throws only a PolicyDocumentError.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { auditTrustPolicy } from '../../lib/audit/audit.js'
import { TrustwalkError } from '../../lib/core/errors.js'
import { createGitHubIssuer } from '../../lib/github/issuer.js'
import { runMain, type InProcessResult } from '../node/cli/in-process.js'
import {
  claimsText,
  hostileString,
  policyArb,
  policyFileText,
  rawRequestArb,
  scenarioText,
  tokenArb,
} from './arbitraries.js'

/** Longest a single case may take, on a loaded 2-core machine. */
export const CASE_MS = 10_000

// The CLI writes only \n and \t of its own; colour is off in-process (not a TTY).
// eslint-disable-next-line no-control-regex
const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

export interface FuzzTarget<T> {
  name: string
  /** What it covers, for the report. */
  what: string
  arbitrary: fc.Arbitrary<T>
  /** Share of the long run's cases (relative). */
  weight: number
  /** Run one case; resolve to the problems found. */
  check(input: T): Promise<string[]>
}

export interface FuzzWorld {
  targets: FuzzTarget<unknown>[]
  close(): Promise<void>
}

/** What is wrong with one CLI run: exit status, crash text, control characters, JSON. */
function cliProblems(
  result: InProcessResult,
  allowed: readonly number[],
  ms: number,
  json = false,
): string[] {
  const problems: string[] = []
  if (!allowed.includes(result.status)) problems.push(`exit ${result.status}`)
  if (/internal error|\n\s+at /.test(result.stderr)) problems.push('internal error / stack trace')
  const raw = RAW_CONTROL.exec(result.stdout + result.stderr)
  if (raw) problems.push(`raw control character U+${raw[0].charCodeAt(0).toString(16)} in output`)
  if (ms > CASE_MS) problems.push(`took ${ms} ms`)
  if (json && result.status !== 2 && result.stdout.trim() !== '') {
    try {
      JSON.parse(result.stdout)
    } catch {
      problems.push('--json output is not JSON')
    }
  }
  if (result.status === 2 && result.stderr.trim() === '') problems.push('exit 2 without a message')
  return problems.map((p) => `${p}\n--- stderr\n${result.stderr.slice(0, 2000)}`)
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await run()
  return [value, Math.round(performance.now() - started)]
}

/** Set up everything the targets need: files, signed tokens, a fake network, the emulators. */
export async function fuzzWorld(): Promise<FuzzWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'trustwalk-fuzz-'))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  const run = { owner: 'octo-org', repo: 'octo-repo' }
  const signed = await Promise.all([
    issuer.issueToken(run, { audience: 'sts.amazonaws.com' }),
    issuer.issueToken({ ...run, environment: 'prod' }, { audience: 'sts.amazonaws.com' }),
    issuer.issueToken({ ...run, event: 'pull_request' }, {}),
  ])
  const jwksFile = file('jwks.json', JSON.stringify(issuer.jwks()))
  const policyFile = 'examples/explain/policy.json'

  // No case may reach the network: discovery and JWKS for any issuer come from here.
  const realFetch = globalThis.fetch
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input)
    const discovery = '/.well-known/openid-configuration'
    if (url.endsWith(discovery)) {
      const iss = url.slice(0, -discovery.length)
      return Response.json({ issuer: iss, jwks_uri: `${iss}/.well-known/jwks` })
    }
    if (url.endsWith('/.well-known/jwks')) return Response.json(issuer.jwks())
    return new Response('not found', { status: 404 })
  }) as typeof fetch

  // `trustwalk serve`, in-process, for the HTTP target; its log is checked at the end.
  let stopServe: () => void = () => {}
  let serveOutput: () => { stdout: string; stderr: string } = () => ({ stdout: '', stderr: '' })
  const serveDone = runMain(['serve', '--json'], {
    onServing: (stop, output) => {
      stopServe = stop
      serveOutput = output
    },
  })
  while (!serveOutput().stdout.includes('\n')) await new Promise((r) => setTimeout(r, 10))
  const served = JSON.parse(serveOutput().stdout) as {
    sts: string
    roleArn: string
    env: Record<string, string>
  }
  const stsPort = Number(new URL(served.sts).port)

  const decode: FuzzTarget<{ token: string; mode: string; channel: string; name: string }> = {
    name: 'decode',
    what: 'decode: tokens (forged, mutated, wrapped) by argument, stdin and file, every mode',
    weight: 30,
    arbitrary: fc.record({
      token: tokenArb(signed),
      mode: fc.constantFrom('', '--json', '--payload', '--header', '--verify', '--jwks'),
      channel: fc.constantFrom('argument', 'stdin', 'file', 'missing-file'),
      name: hostileString,
    }),
    async check({ token, mode, channel, name }) {
      const args = ['decode']
      if (mode === '--jwks') args.push('--jwks', jwksFile)
      else if (mode) args.push(mode)
      let input = ''
      if (channel === 'argument') args.push(token.startsWith('-') ? ` ${token}` : token)
      else if (channel === 'stdin') input = token
      else if (channel === 'file') args.push('--file', file('token.jwt', token))
      else args.push('--file', join(dir, 'missing', name.replace(/\0/g, '') || 'x'))
      const [result, ms] = await timed(() => runMain(args, { input }))
      return cliProblems(result, [0, 1, 2], ms, mode === '--json' || mode === '--payload')
    },
  }

  const explainClaims: FuzzTarget<{ claims: string; policy: string | undefined; json: boolean }> = {
    name: 'explain-claims',
    what: 'explain --claims: hostile claims (any types, extreme times, deep) against policies',
    // Each case signs its claims with a fresh RSA key (lib/explain): ten times slower than the rest.
    weight: 4,
    arbitrary: fc.record({
      claims: claimsText,
      policy: fc.option(policyFileText, { nil: undefined }),
      json: fc.boolean(),
    }),
    async check({ claims, policy, json }) {
      const args = [
        'explain',
        '--policy',
        policy === undefined ? policyFile : file('policy.json', policy),
        '--claims',
        file('claims.json', claims),
      ]
      if (json) args.push('--json')
      const [result, ms] = await timed(() => runMain(args))
      return cliProblems(result, [0, 1, 2], ms, json)
    },
  }

  const explainToken: FuzzTarget<{ token: string; jwks: boolean; stdin: boolean }> = {
    name: 'explain-token',
    what: 'explain --token/--token-file: tokens checked end to end (fake network, --jwks)',
    weight: 8,
    arbitrary: fc.record({ token: tokenArb(signed), jwks: fc.boolean(), stdin: fc.boolean() }),
    async check({ token, jwks, stdin }) {
      const args = ['explain', '--policy', policyFile]
      if (stdin) args.push('--token', '-')
      else args.push('--token-file', file('explain-token.jwt', token))
      if (jwks) args.push('--jwks', jwksFile)
      const [result, ms] = await timed(() => runMain(args, { input: stdin ? token : '' }))
      return cliProblems(result, [0, 1, 2], ms)
    },
  }

  const audit: FuzzTarget<{ text: string; format: string; name: string }> = {
    name: 'audit',
    what: 'audit: policies as policy JSON, get-role, list-roles, CloudFormation, Terraform, plan',
    weight: 15,
    arbitrary: fc.record({
      text: policyFileText,
      format: fc.constantFrom('text', 'json', 'sarif'),
      name: fc.constantFrom('policy.json', 'x.tf.json', 'evil\u001b]0;t\u0007\n.json'),
    }),
    async check({ text, format, name }) {
      const path = file(name, text)
      const [result, ms] = await timed(() => runMain(['audit', '--format', format, path]))
      return cliProblems(result, [0, 1, 2], ms, format !== 'text')
    },
  }

  const scenario: FuzzTarget<{ text: string; json: boolean }> = {
    name: 'scenario',
    what: 'walk --scenario-file: built-in scenarios with hostile members, mutated, garbage',
    weight: 5,
    arbitrary: fc.record({ text: scenarioText, json: fc.boolean() }),
    async check({ text, json }) {
      const args = ['walk', '--scenario-file', file('scenario.json', text)]
      if (json) args.push('--json')
      const [result, ms] = await timed(() => runMain(args))
      return cliProblems(result, [0, 1, 2], ms, json)
    },
  }

  const http: FuzzTarget<string> = {
    name: 'serve-http',
    what: "serve's STS endpoint: raw HTTP (bad Host, TRACE, absolute-form, broken bodies)",
    weight: 20,
    arbitrary: rawRequestArb(signed[0]!, served.roleArn),
    async check(raw) {
      const [answer, ms] = await timed(() => send(stsPort, raw))
      const problems: string[] = []
      const head = answer.split('\r\n\r\n')[0] ?? ''
      if (!/^HTTP\/1\.1 \d{3} /.test(answer)) problems.push('no HTTP answer')
      else if (!/\r\ncontent-type: text\/xml\r\n/i.test(`${head}\r\n`))
        problems.push('not text/xml')
      const isHead = /^HEAD /.test(raw)
      if (
        !isHead &&
        !/<(ErrorResponse|AssumeRoleWithWebIdentityResponse|GetCallerIdentityResponse) xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/.test(
          answer,
        )
      )
        problems.push('not an STS XML document')
      if (ms > CASE_MS) problems.push(`took ${ms} ms`)
      return problems.map((p) => `${p}\n--- answer\n${answer.slice(0, 1000)}`)
    },
  }

  const auditor: FuzzTarget<unknown> = {
    name: 'auditor',
    what: 'auditTrustPolicy in-process: generated policies, bounded time',
    weight: 10,
    arbitrary: policyArb,
    async check(policy) {
      const started = performance.now()
      try {
        auditTrustPolicy(policy as object)
      } catch (error) {
        if (!(error instanceof TrustwalkError)) return [`threw ${String(error)}`]
      }
      const ms = performance.now() - started
      return ms > CASE_MS ? [`took ${Math.round(ms)} ms`] : []
    },
  }

  return {
    targets: [
      decode,
      explainClaims,
      explainToken,
      audit,
      scenario,
      http,
      auditor,
    ] as FuzzTarget<unknown>[],
    async close() {
      stopServe()
      const result = await serveDone
      globalThis.fetch = realFetch
      rmSync(dir, { recursive: true, force: true })
      const problems = cliProblems(result, [0], 0)
      // Every line serve logged is its own: a time, the Action, the status; none forged.
      const forged = result.stderr
        .split('\n')
        .filter(
          (l) =>
            l !== '' &&
            !/^\d\d:\d\d:\d\d (\(no Action\)|\w+|"(?:[^"\\]|\\.)*") \d{3} /.test(l) &&
            !/^trustwalk serve: SIG/.test(l),
        )
      if (forged.length)
        problems.push(`serve log lines not its own: ${JSON.stringify(forged.slice(0, 3))}`)
      if (problems.length) throw new Error(`serve: ${problems.join('; ')}`)
    },
  }
}

/** Send raw bytes to a loopback port; resolve to everything answered before the close. */
function send(port: number, raw: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw))
    let text = ''
    socket.setEncoding('latin1')
    socket.setTimeout(CASE_MS, () => socket.destroy())
    socket.on('data', (d: string) => (text += d))
    socket.on('close', () => resolve(text))
    socket.on('error', () => {})
  })
}
