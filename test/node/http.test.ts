/**
 * `serveHandler` (lib/node/http.ts) under malformed requests: a Host header that is not a plain
 * host[:port], methods a fetch `Request` cannot carry, absolute-form targets, bytes that are not
 * HTTP. The STS endpoint of the emulators answers every one with STS's XML ErrorResponse (or its
 * real answer), never `500 text/plain`; a plain handler keeps serving.
 */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveHandler, type RunningServer } from '../../lib/node/http.js'
import type { StsCall } from '../../lib/aws/sts/handler.js'
import { startEmulators, type RunningEmulators } from '../../lib/node/emulators.js'

let emu: RunningEmulators
let echo: RunningServer

beforeAll(async () => {
  emu = await startEmulators('happy-path', { tokenFile: false })
  echo = await serveHandler(async (request) => new Response(`${request.method} ${request.url}`))
})
afterAll(async () => {
  await emu.close()
  await echo.close()
})

/** Send raw bytes, resolve to everything the server answers before it closes. */
export function rawRequest(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes))
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => (text += d))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])
const isStsXml = (answer: string) =>
  /\r\ncontent-type: text\/xml\r\n/i.test(answer) &&
  /<(ErrorResponse|GetCallerIdentityResponse|AssumeRoleWithWebIdentityResponse) xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/.test(
    answer,
  )

const form = 'Action=GetCallerIdentity&Version=2011-06-15'
const post = (host: string) =>
  `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nConnection: close\r\n\r\n${form}`

describe('serveHandler and the STS endpoint, item 5', () => {
  for (const host of ['a b', 'user@x', '[::1', '', '127.0.0.1:abc', 'x/y', 'x?y', 'x#y']) {
    it(`a Host header ${JSON.stringify(host)} reaches STS, which answers in XML`, async () => {
      const answer = await rawRequest(emu.sts, post(host))
      expect(isStsXml(answer)).toBe(true)
      // GetCallerIdentity without a signature: STS's own answer, not a server error.
      expect(status(answer)).toBe(403)
      expect(answer).toContain('<Code>MissingAuthenticationToken</Code>')
    })
  }

  it("a request without a Host header reaches STS (not Node's bare 400)", async () => {
    const answer = await rawRequest(emu.sts, `GET /?${form} HTTP/1.1\r\nConnection: close\r\n\r\n`)
    expect(isStsXml(answer)).toBe(true)
    expect(answer).toContain('<Code>MissingAuthenticationToken</Code>')
  })

  it('TRACE and CONNECT get STS InvalidAction 405 with Allow', async () => {
    for (const request of [
      'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n',
    ]) {
      const answer = await rawRequest(emu.sts, request)
      expect(status(answer)).toBe(405)
      expect(isStsXml(answer)).toBe(true)
      expect(answer).toContain('<Code>InvalidAction</Code>')
      expect(answer).toMatch(/\r\nallow: GET, POST\r\n/i)
    }
  })

  it('an absolute-form target is read for its path and query only', async () => {
    const answer = await rawRequest(
      emu.sts,
      `GET http://evil.example:99/?${form} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    )
    expect(isStsXml(answer)).toBe(true)
    expect(answer).toContain('<Code>MissingAuthenticationToken</Code>')
    const seen = await rawRequest(
      echo.url,
      `GET http://evil.example:99/p?q HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`,
    )
    expect(seen).toContain(`\r\nGET ${echo.url}/p?q\r\n`)
  })

  it('OPTIONS * and bytes that are not HTTP get STS-shaped 400s', async () => {
    for (const request of [
      'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      '\u0000\u0001 NOT HTTP\r\n\r\n',
      'TRACK / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(20_000)}\r\n${'Y: b\r\n'.repeat(3000)}\r\n`,
    ]) {
      const answer = await rawRequest(emu.sts, request)
      expect(isStsXml(answer)).toBe(true)
      expect([400, 405]).toContain(status(answer))
    }
  })

  it('a body over the limit gets an STS-shaped 413', async () => {
    const size = 2 * 1024 * 1024 + 1
    const answer = await rawRequest(
      emu.sts,
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n${'a'.repeat(size)}`,
    )
    expect(status(answer)).toBe(413)
    expect(isStsXml(answer)).toBe(true)
  })

  it('a handler that throws: the plain server answers 500 and keeps serving', async () => {
    const server = await serveHandler(async () => {
      throw new Error('boom')
    })
    try {
      const answer = await rawRequest(
        server.url,
        'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      )
      expect(status(answer)).toBe(500)
      expect(
        status(
          await rawRequest(server.url, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        ),
      ).toBe(500)
    } finally {
      await server.close()
    }
  })
})

// aws:SourceIp is the caller's address (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_condition_keys_federated.html):
// the server hands the handler the socket's remote address, so STS over serve sees it.
describe('serveHandler: the caller address', () => {
  it('hands the handler the socket remote address', async () => {
    const server = await serveHandler(
      async (_request, connection) => new Response(String(connection?.remoteAddress)),
    )
    try {
      expect(await (await fetch(server.url)).text()).toBe('127.0.0.1')
    } finally {
      await server.close()
    }
  })

  it('so the trust policy over serve sees aws:SourceIp and aws:UserAgent', async () => {
    const calls: StsCall[] = []
    const local = await startEmulators('happy-path', {
      tokenFile: false,
      onCall: (c) => calls.push(c),
    })
    try {
      const res = await fetch(`${local.sts}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'trustwalk-test/1',
        },
        body: new URLSearchParams({
          Action: 'AssumeRoleWithWebIdentity',
          Version: '2011-06-15',
          RoleArn: local.roleArn,
          RoleSessionName: 'test',
          WebIdentityToken: await local.issueToken(),
        }),
      })
      expect(res.status).toBe(200)
      const conditions = calls[0]?.trace?.steps.find((s) => s.id === 'conditions')
      expect((conditions?.data as { requestContext: object }).requestContext).toMatchObject({
        'aws:SourceIp': '127.0.0.1',
        'aws:UserAgent': 'trustwalk-test/1',
      })
    } finally {
      await local.close()
    }
  })
})

describe('serveHandler: keep-alive', () => {
  it("Node's http.Agent (the AWS SDK's, @actions/core's) reuses one connection for calls in turn", async () => {
    // Node's Agent drops a socket whose server announces `keep-alive: timeout=1`, so a 1-second
    // keepAliveTimeout made every call a new TCP connection (and cost serve half its speed).
    const agent = new Agent({ keepAlive: true, maxSockets: 4 })
    const { port } = new URL(echo.url)
    const sockets = new Set<unknown>()
    const get = () =>
      new Promise<string | string[] | undefined>((done, fail) => {
        const req = request({ agent, host: '127.0.0.1', port, path: '/' }, (res) => {
          sockets.add(req.socket)
          res.resume()
          res.on('end', () => done(res.headers['keep-alive']))
        })
        req.on('error', fail)
        req.end()
      })
    try {
      for (let i = 0; i < 5; i++) expect(await get()).toMatch(/^timeout=([2-9]|\d\d+)$/)
      expect(sockets.size).toBe(1)
    } finally {
      agent.destroy()
    }
  })
})
