/**
 * STS speed: AssumeRoleWithWebIdentity requests per second through the AWS SDK over loopback HTTP
 * (one at a time, and 20 in flight), the same call in memory without HTTP, and the median time of
 * a whole in-memory walk() (issuer, token, discovery, verification, trust policy, credentials).
 */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { createAwsAccount } from '../../lib/aws/account.js'
import { createVerificationCache } from '../../lib/aws/oidc/cache.js'
import { assumeRoleWithWebIdentity } from '../../lib/aws/sts/assume-role-with-web-identity.js'
import { createGitHubIssuer } from '../../lib/github/issuer.js'
import { createVirtualNetwork } from '../../lib/core/network.js'
import { getScenario } from '../../lib/handshake/scenarios.js'
import { walk } from '../../lib/handshake/walk.js'
import { startEmulators } from '../../lib/node/emulators.js'
import { measure, report, type Timing } from './timing.js'

export default async function stsBench(): Promise<void> {
  const emu = await startEmulators('happy-path', { tokenFile: false })
  const sts = new STSClient({ endpoint: emu.sts, region: 'us-east-1', maxAttempts: 1 })
  try {
    const token = await emu.issueToken()
    const command = () =>
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: emu.roleArn,
        RoleSessionName: 'bench',
        WebIdentityToken: token,
      })
    const sdkSerial = await measure(() => sts.send(command()), {
      batch: 50,
      samples: 9,
      warmup: 50,
    })
    report('AssumeRoleWithWebIdentity via SDK, loopback, 1 in flight', sdkSerial)
    const sdkParallel = await inFlight(20, () => sts.send(command()), 1000)
    report('AssumeRoleWithWebIdentity via SDK, loopback, 20 in flight', sdkParallel)

    const issuer = await createGitHubIssuer({ keys: 'demo' })
    const account = createAwsAccount(getScenario('happy-path').account)
    const net = createVirtualNetwork({ [issuer.url]: issuer.handler })
    const memToken = await issuer.issueToken(
      { owner: 'octo-org', repo: 'octo-repo' },
      { audience: 'sts.amazonaws.com' },
    )
    const cache = createVerificationCache()
    const params = {
      RoleArn: account.roles[0]!.Arn,
      RoleSessionName: 'bench',
      WebIdentityToken: memToken,
    }
    const memory = await measure(
      () =>
        assumeRoleWithWebIdentity(account, params, { fetch: net.fetch, configurationCache: cache }),
      {
        batch: 100,
        samples: 9,
        warmup: 100,
      },
    )
    report('assumeRoleWithWebIdentity in memory (cached JWKS)', memory)

    const scenario = getScenario('happy-path')
    const walked = await measure(() => walk(scenario), { batch: 5, samples: 15, warmup: 5 })
    report('walk(happy-path) in memory, median', walked)

    console.log(
      `ratios: HTTP+SDK costs ${(sdkSerial.medianMicros / memory.medianMicros).toFixed(1)}× the in-memory call; ` +
        `20 in flight give ${(sdkParallel.perSecond / sdkSerial.perSecond).toFixed(2)}× the throughput of 1; ` +
        `a whole walk() is ${(walked.medianMicros / memory.medianMicros).toFixed(1)}× one in-memory STS call ` +
        `(median walk ${(walked.medianMicros / 1000).toFixed(2)} ms)`,
    )
  } finally {
    sts.destroy()
    await emu.close()
  }
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
