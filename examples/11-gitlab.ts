/**
 * Another CI system: a GitLab pipeline assumes an AWS role.
 *
 * Nothing changes on the AWS side — the same STS, the same five steps — but GitLab's token has its
 * own issuer, its own `sub` format and its own claims, and AWS turns only some of them into
 * condition keys. We read a pipeline's claims, ask which keys AWS fills for gitlab.com, then walk
 * GitLab's AWS guide policy with a push to main and with a tag named `main`.
 */
import {
  fixedClock,
  getIssuerProfile,
  getIssuerScenario,
  knownProvider,
  STS_AUDIENCE,
  walk,
  type Trace,
} from 'trustwalk'

const gitlab = getIssuerProfile('gitlab')
const run = { projectPath: 'acme/app', branch: 'main', refProtected: true }

// 1. The job lists its token under id_tokens: in .gitlab-ci.yml, with the aud it wants.
console.log(`Token delivery: ${gitlab.tokenDelivery.summary}\n`)
const claims = gitlab.claims(run, {
  audience: STS_AUDIENCE,
  clock: fixedClock('2026-01-01T00:00:00Z'),
})
for (const name of ['iss', 'aud', 'sub', 'project_id', 'namespace_id', 'ref_type', 'ref_protected'])
  console.log(`  ${name.padEnd(14)}${JSON.stringify(claims[name])}`)

// 2. The keys AWS fills: the generic aud and sub, and GitLab.com's own. A self-managed instance
//    gets only the generic ones.
const keys = knownProvider(gitlab.issuerUrl(run))?.claims ?? []
console.log(`\nAWS condition keys for gitlab.com: aud, sub, ${keys.join(', ')}`)
console.log(
  `AWS condition keys for gitlab.example.com: aud, sub${knownProvider('https://gitlab.example.com') ? ' and more' : ' only'}`,
)

// 3. GitLab's AWS guide pins sub, project_id and namespace_id. A push to main passes; a tag named
//    main gets ref_type:tag in its sub and is denied.
function print(title: string, trace: Trace) {
  const stopped = trace.steps.find((s) => s.status === 'fail')
  console.log(`\n${title}: ${trace.steps.map((s) => s.status).join(' → ')}`)
  if (trace.outcome.ok)
    console.log(`  credentials for ${trace.outcome.response.AssumedRoleUser.Arn}`)
  else console.log(`  stopped at ${stopped?.id}: ${trace.outcome.error.code}`)
}

const happy = getIssuerScenario('gitlab-happy-path')
console.log('\nThe role trusts:')
console.log(JSON.stringify(happy.account.roles?.[0]?.AssumeRolePolicyDocument, null, 2))
print('Push to main', await walk(happy))
print('Tag named main', await walk(getIssuerScenario('gitlab-tag-named-main')))
