/**
 * Load and faults over loopback: thousands of AssumeRoleWithWebIdentity calls with no unexpected
 * answer, and malformed HTTP requests that get STS-shaped errors while the server keeps serving.
 */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { parseXML } from '@aws-sdk/xml-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulators, type RunningEmulators } from '../../lib/node/emulators.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'
const CALLS = 5000
const CONCURRENCY = 50

let emu: RunningEmulators
let tokens: string[]
// node:http with keep-alive: a lean loopback client, so the load measures the server, not fetch.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

beforeAll(async () => {
  emu = await startEmulators('happy-path', { tokenFile: false })
  // Tokens live five minutes; a handful serve the whole run.
  tokens = await Promise.all(Array.from({ length: 8 }, () => emu.issueToken()))
})
afterAll(async () => {
  agent.destroy()
  await emu.close()
})

const form = (params: Record<string, string>) =>
  new URLSearchParams({ Version: '2011-06-15', ...params }).toString()
const assumeBody = (token: string, session = 'load') =>
  form({
    Action: 'AssumeRoleWithWebIdentity',
    RoleArn: emu.roleArn,
    RoleSessionName: session,
    WebIdentityToken: token,
  })

function post(
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': FORM },
  method = 'POST',
): Promise<{ status: number; type: string | null; text: string }> {
  const url = new URL(emu.sts)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/',
        method,
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? null,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function stsError(answer: { status: number; type: string | null; text: string }) {
  expect(answer.type).toBe('text/xml')
  const doc = (parseXML(answer.text) as any).ErrorResponse
  expect(doc.RequestId).toMatch(/^[0-9a-f-]{36}$/)
  return {
    status: answer.status,
    code: doc.Error.Code as string,
    message: doc.Error.Message as string,
  }
}

async function stillServing() {
  const r = await post(assumeBody(tokens[0]!))
  expect(r.status).toBe(200)
}

describe('load', () => {
  it(
    `${CALLS} AssumeRoleWithWebIdentity calls, ${CONCURRENCY} at a time, with no unexpected answer`,
    { timeout: 120_000 },
    async () => {
      let next = 0
      const unexpected: string[] = []
      const keys = new Set<string>()
      let refused = 0
      const started = performance.now()
      const worker = async () => {
        for (let i = next++; i < CALLS; i = next++) {
          // One call in ten carries a bad session name and must be refused, not answered.
          const bad = i % 10 === 9
          try {
            const r = await post(
              assumeBody(tokens[i % tokens.length]!, bad ? 'bad:name' : `load-${i}`),
            )
            if (bad) {
              if (r.status === 400 && r.text.includes('<Code>ValidationError</Code>')) refused++
              else unexpected.push(`#${i}: ${r.status} ${r.text.slice(0, 120)}`)
              continue
            }
            const key = /<AccessKeyId>(ASIA[A-Z0-9]{16})<\/AccessKeyId>/.exec(r.text)?.[1]
            if (r.status !== 200 || !key)
              unexpected.push(`#${i}: ${r.status} ${r.text.slice(0, 120)}`)
            else keys.add(key)
          } catch (error) {
            unexpected.push(`#${i}: ${String(error)}`)
          }
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      const seconds = (performance.now() - started) / 1000
      console.log(
        `load: ${CALLS} calls in ${seconds.toFixed(1)} s (${(CALLS / seconds).toFixed(0)}/s)`,
      )
      expect(unexpected).toEqual([])
      expect(refused).toBe(CALLS / 10)
      // Every successful call got its own credentials.
      expect(keys.size).toBe(CALLS - CALLS / 10)
      expect(emu.account.sessions.size).toBe(keys.size)
    },
  )
})

describe('faults: malformed requests get STS-shaped errors and the server keeps serving', () => {
  it.each(['PUT', 'DELETE', 'PATCH'])('method %s', async (method) => {
    const e = stsError(
      await post('Action=GetCallerIdentity&Version=2011-06-15', { 'content-type': FORM }, method),
    )
    expect([e.status, e.code]).toEqual([405, 'InvalidAction'])
    await stillServing()
  })

  it('no Action', async () => {
    expect(stsError(await post(form({ RoleArn: 'x' })))).toMatchObject({
      status: 400,
      code: 'MissingAction',
    })
    await stillServing()
  })

  it('an unknown Action', async () => {
    expect(stsError(await post(form({ Action: 'DropAllTables' })))).toEqual({
      status: 400,
      code: 'InvalidAction',
      message: 'Could not find operation DropAllTables for version 2011-06-15',
    })
    await stillServing()
  })

  it('a body that is not a form', async () => {
    const json = JSON.stringify({
      Action: 'AssumeRoleWithWebIdentity',
      WebIdentityToken: tokens[0],
    })
    expect(stsError(await post(json, { 'content-type': 'application/json' }))).toMatchObject({
      status: 400,
      code: 'MissingAction',
    })
    expect(stsError(await post('<AssumeRole/>', { 'content-type': 'text/xml' }))).toMatchObject({
      code: 'MissingAction',
    })
    await stillServing()
  })

  it('a 1 MB body', async () => {
    const prefix = `${assumeBody('x')}&Padding=`
    const body = prefix + 'a'.repeat(1_000_000 - prefix.length)
    expect(body.length).toBe(1_000_000)
    // The whole megabyte reaches STS, which answers for the parameters it can read.
    const tooLongToken = `${form({ Action: 'AssumeRoleWithWebIdentity', RoleArn: emu.roleArn, RoleSessionName: 'big' })}&WebIdentityToken=${'a'.repeat(1_000_000)}`
    expect(stsError(await post(body))).toMatchObject({ status: 400, code: 'ValidationError' })
    expect(stsError(await post(tooLongToken))).toEqual({
      status: 400,
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000",
    })
    await stillServing()
  })

  it('a body past the server’s limit is cut off with 413', async () => {
    const r = await post('a'.repeat(3 * 1024 * 1024))
    expect(r.status).toBe(413)
    await stillServing()
  })

  it('broken percent-encoding', async () => {
    for (const body of [
      'Action=GetCallerIdentity&Version=2011-06-15&X=%ZZ',
      'Action=%E2%82',
      'Act%ion=x',
    ]) {
      expect(stsError(await post(body))).toMatchObject({
        status: 400,
        code: 'InvalidParameterValue',
      })
    }
    await stillServing()
  })

  it('bytes that are not HTTP at all', async () => {
    const { port } = new URL(emu.sts)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.end('\u0000\u0001 NOT HTTP\r\n\r\n'),
      )
      let text = ''
      socket.on('data', (d) => (text += d.toString()))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/)
    await stillServing()
  })
})
