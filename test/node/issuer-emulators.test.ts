/**
 * `startIssuerEmulators`: each CI issuer on loopback HTTP, and the unmodified AWS SDK getting
 * credentials from STS with the token that platform hands its job.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers'
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { ISSUER_KINDS } from '../../lib/issuers/index.js'
import {
  issuerServeScenario,
  startIssuerEmulators,
  type RunningIssuerEmulators,
} from '../../lib/node/issuer-emulators.js'

async function whoAmI(
  emu: RunningIssuerEmulators,
  credentials: Awaited<ReturnType<ReturnType<typeof fromWebToken>>>,
) {
  const client = new STSClient({
    endpoint: emu.sts,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials,
  })
  try {
    return await client.send(new GetCallerIdentityCommand({}))
  } finally {
    client.destroy()
  }
}

/** The token the job holds, taken the platform's way from the environment it was given. */
async function jobToken(emu: RunningIssuerEmulators): Promise<string> {
  const env = emu.env
  switch (emu.kind) {
    case 'gitlab':
      return env.GITLAB_OIDC_TOKEN!
    case 'circleci':
      return env.CIRCLE_OIDC_TOKEN_V2!
    case 'terraform':
      return env.TFC_WORKLOAD_IDENTITY_TOKEN!
    case 'bitbucket':
      return env.BITBUCKET_STEP_OIDC_TOKEN!
    case 'buildkite': {
      // What `buildkite-agent oidc request-token --audience sts.amazonaws.com` does.
      const res = await fetch(
        `${env.BUILDKITE_AGENT_ENDPOINT}/jobs/${env.BUILDKITE_JOB_ID}/oidc/tokens`,
        {
          method: 'POST',
          headers: {
            authorization: `Token ${env.BUILDKITE_AGENT_ACCESS_TOKEN}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ audience: 'sts.amazonaws.com' }),
        },
      )
      expect(res.status).toBe(201)
      return ((await res.json()) as { token: string }).token
    }
    default:
      throw new Error(emu.kind)
  }
}

describe.each(ISSUER_KINDS.filter((k) => k !== 'github'))('serve --issuer %s', (kind) => {
  it('the AWS SDK gets credentials with the token the platform hands the job', async () => {
    const emu = await startIssuerEmulators(kind)
    try {
      expect(emu.issuer).toBe(
        `${new URL(emu.issuer).origin}/${emu.standsFor.replace('https://', '')}`,
      )
      const discovery = await fetch(`${emu.issuer}/.well-known/openid-configuration`)
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(emu.issuer)
      const token = await jobToken(emu)
      expect(decodeJwt(token).iss).toBe(emu.issuer)
      const creds = await fromWebToken({
        webIdentityToken: token,
        roleArn: emu.roleArn,
        roleSessionName: emu.env.AWS_ROLE_SESSION_NAME,
        clientConfig: { endpoint: emu.sts, region: 'us-east-1' },
      })()
      expect(creds.accessKeyId).toMatch(/^ASIA/)
      expect((await whoAmI(emu, creds)).Arn).toBe(
        `arn:aws:sts::123456789012:assumed-role/deploy/${emu.env.AWS_ROLE_SESSION_NAME}`,
      )
      // The token file the emulators keep fresh works too (fromTokenFile, as EKS-style jobs use).
      const viaFile = await fromTokenFile({
        webIdentityTokenFile: emu.env.AWS_WEB_IDENTITY_TOKEN_FILE,
        roleArn: emu.roleArn,
        roleSessionName: 'token-file',
        clientConfig: { endpoint: emu.sts, region: 'us-east-1' },
      })()
      expect(viaFile.accessKeyId).toMatch(/^ASIA/)
    } finally {
      await emu.close()
    }
  })
})

describe('serve --issuer: failures and bad input', () => {
  it('a denied scenario is denied by the real STS code path', async () => {
    const emu = await startIssuerEmulators(issuerServeScenario('terraform', 'terraform-plan-phase'))
    try {
      const attempt = fromWebToken({
        webIdentityToken: await emu.issueToken(),
        roleArn: emu.roleArn,
        roleSessionName: 'plan-run',
        clientConfig: { endpoint: emu.sts, region: 'us-east-1', maxAttempts: 1 },
      })()
      await expect(attempt).rejects.toThrow(
        /Not authorized to perform sts:AssumeRoleWithWebIdentity/,
      )
    } finally {
      await emu.close()
    }
  })

  it('names the scenarios of an issuer and the issuers', () => {
    expect(() => issuerServeScenario('gitlab', 'happy-path')).toThrow(
      /choose one of gitlab-happy-path/,
    )
    expect(() => issuerServeScenario('jenkins')).toThrow(/unknown issuer "jenkins"/)
  })
})
