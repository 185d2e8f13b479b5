/**
 * The AWS SDK against the local emulators.
 *
 * `startEmulators()` — what `trustwalk serve` runs — puts the GitHub issuer and STS on real HTTP on
 * 127.0.0.1. The unmodified AWS SDK for JavaScript then does what configure-aws-credentials does in
 * a job: AssumeRoleWithWebIdentity with the job's token, then GetCallerIdentity signed (SigV4) with
 * the credentials it got. The one deviation from AWS: plain http on loopback, so the issuer URL and
 * condition keys are `127.0.0.1:PORT` rather than token.actions.githubusercontent.com.
 *
 * @node-only
 */
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts'
import { startEmulators } from 'trustwalk/node'

const emulators = await startEmulators('happy-path', { tokenFile: false })
try {
  console.log(`Issuer on ${emulators.issuer}, STS on ${emulators.sts}`)
  const region = emulators.env.AWS_REGION
  // AssumeRoleWithWebIdentity is unsigned; the SDK still wants some credentials object configured.
  const sts = new STSClient({
    endpoint: emulators.sts,
    region,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  })

  const token = await emulators.issueToken()
  const assumed = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: emulators.roleArn,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: token,
    }),
  )
  console.log('\nAssumeRoleWithWebIdentity answered:')
  console.log(`  AssumedRoleUser.Arn          ${assumed.AssumedRoleUser?.Arn}`)
  console.log(`  SubjectFromWebIdentityToken  ${assumed.SubjectFromWebIdentityToken}`)
  console.log(`  Audience                     ${assumed.Audience}`)
  console.log(`  Provider                     ${assumed.Provider}`)
  const credentials = assumed.Credentials!
  console.log(
    `  AccessKeyId                  ASIA + ${credentials.AccessKeyId!.length - 4} characters`,
  )
  const lifetime = (credentials.Expiration!.getTime() - Date.now()) / 1000
  console.log(`  Expiration                   in about ${Math.round(lifetime / 60)} minutes`)

  const signed = new STSClient({
    endpoint: emulators.sts,
    region,
    credentials: {
      accessKeyId: credentials.AccessKeyId!,
      secretAccessKey: credentials.SecretAccessKey!,
      sessionToken: credentials.SessionToken!,
    },
  })
  const identity = await signed.send(new GetCallerIdentityCommand({}))
  console.log('\nGetCallerIdentity, signed with those credentials:')
  console.log(`  Account ${identity.Account}`)
  console.log(`  Arn     ${identity.Arn}`)

  // Someone else's repository: a genuine token, and the trust policy says no.
  const attackerToken = await emulators.issueToken({ owner: 'evil-org', repo: 'evil-repo' })
  try {
    await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: emulators.roleArn,
        RoleSessionName: 'GitHubActions',
        WebIdentityToken: attackerToken,
      }),
    )
    console.log('\nThe attacker got credentials (this should not happen).')
  } catch (error) {
    const { name, message, $metadata } = error as Error & { $metadata: { httpStatusCode?: number } }
    console.log(
      `\nevil-org/evil-repo's token: HTTP ${$metadata.httpStatusCode} ${name}: ${message}`,
    )
  }
} finally {
  await emulators.close()
}
