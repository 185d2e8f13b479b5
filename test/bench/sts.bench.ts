/**
 * STS speed. `trustwalk serve` runs as its own process, as users run it (the built CLI, `serve
 * --json`, its per-call log going to /dev/null), and answers AssumeRoleWithWebIdentity over
 * keep-alive HTTP from a light client here: 20 calls in flight (target, issue 12: ≥ 2,000 per
 * second on this 2-core machine), and one at a time against the same call in memory (the STS
 * handler without HTTP, and assumeRoleWithWebIdentity alone). The AWS SDK's figures come last: its
 * own work per call is most of what a single SDK call over HTTP costs beyond the server's.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { createAwsAccount } from '../../lib/aws/account.js'
import { createVerificationCache } from '../../lib/aws/oidc/cache.js'
import { assumeRoleWithWebIdentity } from '../../lib/aws/sts/assume-role-with-web-identity.js'
import { stsHandler } from '../../lib/aws/sts/handler.js'
import { createVirtualNetwork } from '../../lib/core/network.js'
import { createGitHubIssuer } from '../../lib/github/issuer.js'
import { getScenario } from '../../lib/handshake/scenarios.js'
import { measure, report, type Timing } from './timing.js'

const TARGET_PER_SECOND = 2000
const IN_FLIGHT = 20
const CLI = resolve(import.meta.dirname, '../../dist/node/cli.js')

export default async function stsBench(): Promise<void> {
  const serve = await startServe()
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT })
  const sdk = new STSClient({ endpoint: serve.sts, region: 'us-east-1', maxAttempts: 1 })
  try {
    const form = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: serve.roleArn,
      RoleSessionName: 'bench',
      WebIdentityToken: serve.token,
    }).toString()
    const post = () => postForm(agent, serve.sts, form)

    // The machine is shared: take several rounds and keep the best of each figure.
    let parallel: Timing | undefined
    let serial: Timing | undefined
    for (let i = 0; i < 3; i++) {
      const p = await inFlight(IN_FLIGHT, post, 3000)
      if (!parallel || p.perSecond > parallel.perSecond) parallel = p
      const s = await measure(post, { batch: 50, samples: 7, warmup: 20 })
      if (!serial || s.medianMicros < serial.medianMicros) serial = s
    }

    const memory = await inMemory()
    report(`serve over keep-alive HTTP, ${IN_FLIGHT} in flight`, parallel!)
    report('serve over keep-alive HTTP, 1 in flight', serial!)
    report('stsHandler in memory (Request in, XML out)', memory.handler)
    report('assumeRoleWithWebIdentity in memory (cached JWKS)', memory.call)
    const rate = parallel!.perSecond
    console.log(
      `serve: ${rate.toFixed(0)} AssumeRoleWithWebIdentity/s with ${IN_FLIGHT} in flight ` +
        `(target ≥ ${TARGET_PER_SECOND}/s: ${rate >= TARGET_PER_SECOND ? 'met' : 'NOT MET'}); ` +
        `one call over HTTP costs ${(serial!.medianMicros / memory.handler.medianMicros).toFixed(1)}× the handler in memory, ` +
        `${(serial!.medianMicros / memory.call.medianMicros).toFixed(1)}× assumeRoleWithWebIdentity alone`,
    )

    const command = () =>
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: serve.roleArn,
        RoleSessionName: 'bench',
        WebIdentityToken: serve.token,
      })
    const sdkSerial = await measure(() => sdk.send(command()), {
      batch: 50,
      samples: 7,
      warmup: 50,
    })
    const sdkParallel = await inFlight(IN_FLIGHT, () => sdk.send(command()), 1000)
    report('the same through the AWS SDK, 1 in flight', sdkSerial)
    report(`the same through the AWS SDK, ${IN_FLIGHT} in flight`, sdkParallel)
    console.log(
      `AWS SDK: a call takes ${((sdkSerial.medianMicros - serial!.medianMicros) / 1000).toFixed(2)} ms more than the light client's; ` +
        `its ${IN_FLIGHT} in flight reach ${((sdkParallel.perSecond / rate) * 100).toFixed(0)}% of the light client's rate (the SDK's own work, in this process)`,
    )
  } finally {
    sdk.destroy()
    agent.destroy()
    serve.child.kill('SIGTERM')
  }
}

/** `trustwalk serve --json` (the built CLI) and a fresh token from its runner token endpoint. */
async function startServe(): Promise<{
  child: ChildProcess
  sts: string
  roleArn: string
  token: string
}> {
  const child = spawn(process.execPath, [CLI, 'serve', '--json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done)
    child.once('exit', (code) => fail(new Error(`trustwalk serve exited (${code})`)))
  })
  const { sts, roleArn, env } = JSON.parse(line) as {
    sts: string
    roleArn: string
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  }
  const minted = await fetch(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  })
  const { value: token } = (await minted.json()) as { value: string }
  return { child, sts, roleArn, token }
}

/** One form POST on a keep-alive connection; rejects unless STS answers 200. */
function postForm(agent: Agent, url: string, form: string): Promise<void> {
  const { hostname, port } = new URL(url)
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: hostname,
        port,
        path: '/',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () =>
          res.statusCode === 200 ? done() : fail(new Error(`STS answered ${res.statusCode}`)),
        )
      },
    )
    req.on('error', fail)
    req.end(form)
  })
}

/** The same call in memory: the STS handler (Query request in, XML out) and the bare function. */
async function inMemory(): Promise<{ handler: Timing; call: Timing }> {
  const issuer = await createGitHubIssuer({ keys: 'demo' })
  const account = createAwsAccount(getScenario('happy-path').account)
  const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
  const token = await issuer.issueToken(
    { owner: 'octo-org', repo: 'octo-repo' },
    { audience: 'sts.amazonaws.com' },
  )
  const params = {
    RoleArn: account.roles[0]!.Arn,
    RoleSessionName: 'bench',
    WebIdentityToken: token,
  }
  const cache = createVerificationCache()
  const sts = stsHandler(account, { fetch: net.fetch, configurationCache: cache })
  const body = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    ...params,
  }).toString()
  const round = { batch: 100, samples: 7, warmup: 100 }
  let handler: Timing | undefined
  let call: Timing | undefined
  for (let i = 0; i < 3; i++) {
    const h = await measure(async () => {
      const res = await sts(
        new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      )
      await res.arrayBuffer()
    }, round)
    if (!handler || h.medianMicros < handler.medianMicros) handler = h
    const c = await measure(
      () =>
        assumeRoleWithWebIdentity(account, params, { fetch: net.fetch, configurationCache: cache }),
      round,
    )
    if (!call || c.medianMicros < call.medianMicros) call = c
  }
  return { handler: handler!, call: call! }
}

/** Throughput with `concurrency` calls in flight, over `total` calls (after a short warm-up). */
async function inFlight(
  concurrency: number,
  fn: () => Promise<unknown>,
  total: number,
): Promise<Timing> {
  await Promise.all(Array.from({ length: concurrency }, fn))
  let next = 0
  const start = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await fn()
    }),
  )
  const micros = Number(process.hrtime.bigint() - start) / 1000
  return { ops: total, perSecond: (total * 1e6) / micros, medianMicros: micros / total }
}
