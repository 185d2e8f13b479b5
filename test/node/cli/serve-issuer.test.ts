/**
 * `trustwalk serve --issuer NAME`, run in-process: the JSON line and the banner, the AWS SDK
 * getting credentials with the env it prints, and usage errors.
 */
import { fromWebToken } from '@aws-sdk/credential-providers'
import { describe, expect, it } from 'vitest'
import { runMain } from './in-process.js'

interface ServeJson {
  issuer: string
  sts: string
  roleArn: string
  env: Record<string, string>
  issuerKind: string
}

describe('trustwalk serve --issuer', () => {
  it('--json: the GitLab job env, and the AWS SDK gets credentials with its id_tokens variable', async () => {
    let info: ServeJson | undefined
    let creds: { accessKeyId: string } | undefined
    const result = await runMain(['serve', '--issuer', 'gitlab', '--json'], {
      onServing: (stop, output) => {
        void (async () => {
          try {
            // serve waits for the stop signal first, then prints its line.
            while (!output().stdout.includes('\n')) await new Promise((r) => setTimeout(r, 10))
            info = JSON.parse(output().stdout.split('\n')[0]!) as ServeJson
            creds = await fromWebToken({
              webIdentityToken: info.env.GITLAB_OIDC_TOKEN!,
              roleArn: info.roleArn,
              roleSessionName: info.env.AWS_ROLE_SESSION_NAME!,
              clientConfig: { endpoint: info.sts, region: 'us-east-1' },
            })()
          } finally {
            stop()
          }
        })()
      },
    })
    expect(result.status).toBe(0)
    expect(info?.issuerKind).toBe('gitlab')
    expect(info?.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gitlab\.com$/)
    expect(Object.keys(info!.env)).toEqual(
      expect.arrayContaining(['GITLAB_OIDC_TOKEN', 'CI_PROJECT_ID', 'AWS_WEB_IDENTITY_TOKEN_FILE']),
    )
    expect(creds?.accessKeyId).toMatch(/^ASIA/)
    expect(result.stderr).toMatch(/AssumeRoleWithWebIdentity 200/)
  })

  it('the banner names the platform, what it stands for and how the job gets its token', async () => {
    const result = await runMain(['serve', '--issuer', 'circleci', '--no-color'], {
      onServing: (stop) => stop(),
    })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('CircleCI, scenario circleci-happy-path')
    expect(result.stdout).toMatch(/stands for https:\/\/oidc\.circleci\.com\/org\//)
    expect(result.stdout).toContain('export CIRCLE_OIDC_TOKEN_V2=')
  })

  it('usage errors: unknown issuer (with a suggestion), unknown scenario of that issuer', async () => {
    const unknown = await runMain(['serve', '--issuer', 'gitlib'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain("no issuer named 'gitlib'. Did you mean 'gitlab'?")
    const scenario = await runMain(['serve', '--issuer', 'terraform', 'happy-path'])
    expect(scenario.status).toBe(2)
    expect(scenario.stderr).toContain('choose one of terraform-happy-path, terraform-plan-phase')
  })
})
