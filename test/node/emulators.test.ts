import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseXML } from '@aws-sdk/xml-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IamError } from '../../lib/aws/account.js'
import { decodeJwt } from '../../lib/aws/oidc/jwt.js'
import type { StsCall } from '../../lib/aws/sts/handler.js'
import { InvalidInputError } from '../../lib/core/errors.js'
import { githubTrustPolicy } from '../../lib/handshake/scenario.js'
import { getScenario } from '../../lib/handshake/scenarios.js'
import {
  loadScenarioFile,
  startEmulators,
  type RunningEmulators,
} from '../../lib/node/emulators.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'

describe('startEmulators (default scenario)', () => {
  let emu: RunningEmulators
  const calls: StsCall[] = []
  beforeAll(async () => {
    emu = await startEmulators(undefined, { onCall: (c) => calls.push(c) })
  })
  afterAll(() => emu.close())

  it('serves the issuer on loopback http, and its discovery names itself', async () => {
    expect(emu.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const doc = (await (await fetch(`${emu.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string
      jwks_uri: string
    }
    expect(doc.issuer).toBe(emu.issuer)
    expect(doc.jwks_uri).toBe(`${emu.issuer}/.well-known/jwks`)
  })

  it('gives a job everything it needs in env', () => {
    const host = emu.issuer.slice('http://'.length)
    expect(emu.env).toMatchObject({
      AWS_ENDPOINT_URL_STS: emu.sts,
      AWS_REGION: 'us-east-1',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deploy',
      AWS_ROLE_SESSION_NAME: 'GitHubActions',
      AWS_EC2_METADATA_DISABLED: 'true',
    })
    expect(emu.roleArn).toBe(emu.env.AWS_ROLE_ARN)
    expect(emu.env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(
      `${emu.issuer}/_apis/actions/idtoken?api-version=2.0`,
    )
    expect(emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN.length).toBeGreaterThan(20)
    const token = readFileSync(emu.env.AWS_WEB_IDENTITY_TOKEN_FILE!, 'utf8')
    expect(decodeJwt(token).payload).toMatchObject({
      iss: emu.issuer,
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    })
    // The trust policy now names the loopback issuer.
    expect(emu.account.roles[0]!.AssumeRolePolicyDocument).toContain(`"${host}:sub"`)
  })

  it('the runner endpoint and STS work together over HTTP', async () => {
    const res = await fetch(`${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`, {
      headers: { authorization: `Bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    })
    const { value } = (await res.json()) as { value: string }
    const sts = await fetch(emu.sts, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: emu.roleArn,
        RoleSessionName: 'job',
        WebIdentityToken: value,
      }),
    })
    expect(sts.status).toBe(200)
    const r = (parseXML(await sts.text()) as any).AssumeRoleWithWebIdentityResponse
      .AssumeRoleWithWebIdentityResult
    expect(r.Provider).toBe(`arn:aws:iam::123456789012:oidc-provider/${emu.issuer.slice(7)}`)
    expect(calls.at(-1)?.trace?.outcome.ok).toBe(true)
  })

  it('issueToken mints for other runs too, which the role refuses', async () => {
    const token = await emu.issueToken({ owner: 'evil-org', repo: 'evil-repo' })
    const sts = await fetch(emu.sts, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: emu.roleArn,
        RoleSessionName: 'x1',
        WebIdentityToken: token,
      }),
    })
    expect(sts.status).toBe(403)
  })
})

describe('startEmulators: lifecycle and scenarios', () => {
  it('close() stops both servers and removes the token file', async () => {
    const emu = await startEmulators('happy-path')
    const file = emu.env.AWS_WEB_IDENTITY_TOKEN_FILE!
    expect(existsSync(file)).toBe(true)
    await emu.close()
    expect(existsSync(file)).toBe(false)
    await expect(fetch(`${emu.issuer}/.well-known/jwks`)).rejects.toThrow()
    await expect(fetch(emu.sts, { method: 'POST' })).rejects.toThrow()
  })

  it('serves a named scenario with its own run and audience', async () => {
    const emu = await startEmulators('wrong-audience', { tokenFile: false })
    try {
      expect(emu.audience).toBeUndefined()
      expect(emu.env.AWS_WEB_IDENTITY_TOKEN_FILE).toBeUndefined()
      expect(decodeJwt(await emu.issueToken()).payload.aud).toBe('https://github.com/octo-org')
    } finally {
      await emu.close()
    }
  })

  it('refuses an account IAM would refuse, before serving anything', async () => {
    const scenario = getScenario('happy-path')
    scenario.account.roles![0]!.AssumeRolePolicyDocument = githubTrustPolicy({
      accountId: '123456789012',
    })
    await expect(startEmulators(scenario)).rejects.toBeInstanceOf(IamError)
  })
})

describe('loadScenarioFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trustwalk-scenarios-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('reads a scenario file', async () => {
    const path = file('ok.json', JSON.stringify(getScenario('pull-request'), null, 2))
    expect(await loadScenarioFile(path)).toEqual(getScenario('pull-request'))
  })

  it('names the file and the line of bad JSON', async () => {
    const path = file('bad.json', '{\n  "name": "x",\n  "run": {,\n}')
    await expect(loadScenarioFile(path)).rejects.toThrow(
      new RegExp(`^${path.replace(/[.]/g, '\\.')}: not valid JSON at line 3, column \\d+`),
    )
  })

  it('names the field that is wrong', async () => {
    const scenario = { ...getScenario('happy-path'), perturbations: { tamper: 'everything' } }
    const path = file('field.json', JSON.stringify(scenario))
    const error = await loadScenarioFile(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as InvalidInputError).path).toBe('perturbations.tamper')
    expect((error as Error).message).toMatch(
      /field\.json: perturbations\.tamper: expected "signature"/,
    )
  })

  it('says when IAM would refuse the account', async () => {
    const scenario = getScenario('happy-path')
    scenario.account.roles![0]!.MaxSessionDuration = 60
    const path = file('iam.json', JSON.stringify(scenario))
    await expect(loadScenarioFile(path)).rejects.toThrow(
      /iam\.json: account: IAM would refuse it \(ValidationError\): 1 validation error detected: Value '60' at 'maxSessionDuration'/,
    )
  })

  it('says when the file cannot be read', async () => {
    await expect(loadScenarioFile(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: cannot read the scenario file \(ENOENT\)/,
    )
  })
})
