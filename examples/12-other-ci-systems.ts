/**
 * CircleCI, HCP Terraform, Buildkite and Bitbucket Pipelines: the same handshake, four issuers.
 *
 * For each we print where its tokens come from (one shared issuer, or one per organisation or
 * workspace — then the tenant is in the URL), the `sub` of an example run, the condition keys AWS
 * fills for its provider, and walk its AWS guide's policy with the happy path and a typical failure.
 */
import {
  getIssuerProfile,
  ISSUER_SCENARIOS,
  knownProvider,
  walk,
  type IssuerKind,
  type Trace,
} from 'trustwalk'

function outcome(trace: Trace): string {
  const stopped = trace.steps.find((s) => s.status === 'fail')
  return trace.outcome.ok
    ? `credentials for ${trace.outcome.response.AssumedRoleUser.Arn}`
    : `stopped at ${stopped?.id}: ${trace.outcome.error.code}`
}

for (const kind of ['circleci', 'terraform', 'buildkite', 'bitbucket'] satisfies IssuerKind[]) {
  const profile = getIssuerProfile(kind)
  const run = profile.exampleRun
  const url = profile.issuerUrl(run)
  const keys = knownProvider(url)?.claims ?? []
  if (kind !== 'circleci') console.log()
  console.log(`${profile.name} — ${profile.describeRun(run)}`)
  console.log(
    `  issuer   ${url} (${profile.shared ? 'shared by every customer' : 'this tenant only'})`,
  )
  console.log(`  sub      ${profile.subject(run)}`)
  console.log(`  aud      ${profile.awsAudience(run)} (as the AWS guide registers it)`)
  console.log(`  token    ${profile.tokenDelivery.env.join(', ')}`)
  console.log(`  AWS keys aud, sub${keys.length ? `, ${keys.join(', ')}` : ' only'}`)
  // The happy path, then the first typical failure of this issuer.
  const [happy, failure] = ISSUER_SCENARIOS.filter((s) => s.issuerKind === kind)
  for (const scenario of [happy!, failure!]) {
    console.log(`  ${scenario.title}`)
    console.log(`    → ${outcome(await walk(scenario))}`)
  }
}
