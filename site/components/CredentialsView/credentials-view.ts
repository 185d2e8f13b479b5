/**
 * The credentials chapter's exchange, over the virtual network: the job's unsigned
 * AssumeRoleWithWebIdentity POST to the library's STS handler, then GetCallerIdentity signed with
 * the returned credentials by AWS's own SigV4 signer (@smithy/signature-v4), as the AWS SDK does.
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  createAwsAccount,
  DEFAULT_ROLE_SESSION_NAME,
  DEMO_ACCOUNT_ID,
  DEMO_ROLE_NAME,
  githubTrustPolicy,
  STS_AUDIENCE,
  stsHandler,
} from '../../../lib/index.js'
import { createDemoWorld, MAIN_RUN } from '../../lib/demo-world.js'
import { el, find, replace } from '../../lib/dom.js'
import { relativeTime } from '../../lib/time-format.js'
import { highlightXml, prettyXml } from '../../lib/xml-highlight.js'

const STS = 'https://sts.amazonaws.com'

/** The text of the first element with this tag name, if any. */
function xmlText(doc: Document, tag: string): string | undefined {
  return doc.getElementsByTagName(tag)[0]?.textContent ?? undefined
}

const abbreviate = (text: string, keep = 24) =>
  text.length > keep * 2 ? `${text.slice(0, keep)}…${text.slice(-8)}` : text

export async function initCredentialsView(root: HTMLElement): Promise<void> {
  const world = await createDemoWorld()
  const account = createAwsAccount({
    accountId: DEMO_ACCOUNT_ID,
    oidcProviders: [{ Url: world.issuer.url, ClientIDList: [STS_AUDIENCE] }],
    roles: [
      {
        RoleName: DEMO_ROLE_NAME,
        AssumeRolePolicyDocument: githubTrustPolicy({
          accountId: DEMO_ACCOUNT_ID,
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        }),
      },
    ],
  })
  world.network.route(STS, stsHandler(account, { fetch: world.network.fetch }))
  const durationInput = find<HTMLInputElement>(root, '[data-duration]')
  let timer: ReturnType<typeof setInterval> | undefined

  const assume = async () => {
    const token = await world.issuer.issueToken(MAIN_RUN, { audience: STS_AUDIENCE })
    const form = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/${DEMO_ROLE_NAME}`,
      RoleSessionName: DEFAULT_ROLE_SESSION_NAME,
      WebIdentityToken: token,
      DurationSeconds: durationInput.value.trim() || '3600',
    })
    const fields = [...form.entries()]
      .map(([k, v], i) => `${i ? '&' : ''}${k}=${k === 'WebIdentityToken' ? abbreviate(v) : v}`)
      .join('\n')
    replace(
      find(root, '[data-request]'),
      `POST ${STS}/\ncontent-type: application/x-www-form-urlencoded; charset=utf-8\n(no Authorization header: the token is the credential)\n\n${fields}\n\n(form fields shown decoded, one per line)`,
    )
    const response = await world.network.fetch(`${STS}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form,
    })
    const xml = await response.text()
    replace(find(root, '[data-response-status]'), `→ ${response.status}`)
    replace(find(root, '[data-response]'), highlightXml(prettyXml(xml)))
    const doc = new DOMParser().parseFromString(xml, 'application/xml')
    const accessKeyId = xmlText(doc, 'AccessKeyId')
    const secretAccessKey = xmlText(doc, 'SecretAccessKey')
    const sessionToken = xmlText(doc, 'SessionToken')
    const expiration = xmlText(doc, 'Expiration')
    if (timer) clearInterval(timer)
    root.dataset.outcome = response.ok ? 'ok' : 'fail'
    if (!response.ok || !accessKeyId || !secretAccessKey || !sessionToken || !expiration) {
      replace(
        find(root, '[data-expiry]'),
        el(
          'span',
          { class: 'fail' },
          `STS refused: ${xmlText(doc, 'Code') ?? response.status} — no credentials.`,
        ),
      )
      replace(find(root, '[data-signed-request]'), 'Nothing to sign with.')
      replace(find(root, '[data-identity]'), '')
      return
    }
    const expiresAt = Date.parse(expiration) / 1000
    const tick = () =>
      replace(
        find(root, '[data-expiry]'),
        `These credentials expire ${relativeTime(Math.round(expiresAt), Math.round(Date.now() / 1000))} (${expiration}).`,
      )
    tick()
    timer = setInterval(tick, 1000)
    await callerIdentity({ accessKeyId, secretAccessKey, sessionToken })
  }

  const callerIdentity = async (credentials: {
    accessKeyId: string
    secretAccessKey: string
    sessionToken: string
  }) => {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15'
    const signer = new SignatureV4({
      credentials,
      region: 'us-east-1',
      service: 'sts',
      sha256: Sha256,
    })
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname: 'sts.amazonaws.com',
      path: '/',
      headers: {
        host: 'sts.amazonaws.com',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body,
    })
    const headers = signed.headers as Record<string, string>
    replace(
      find(root, '[data-signed-request]'),
      [
        `POST ${STS}/`,
        ...Object.entries(headers).map(
          ([k, v]) => `${k}: ${k === 'x-amz-security-token' ? abbreviate(v) : v}`,
        ),
        '',
        body,
      ].join('\n'),
    )
    const response = await world.network.fetch(`${STS}/`, { method: 'POST', headers, body })
    replace(find(root, '[data-identity]'), highlightXml(prettyXml(await response.text())))
  }

  find(root, '[data-assume]').addEventListener('click', () => void assume())
  durationInput.addEventListener('change', () => void assume())
  await assume()
}
