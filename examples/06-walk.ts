/**
 * The whole walk: five steps in one call.
 *
 * `walk(scenario)` puts GitHub's issuer, an AWS account and a workflow run on one in-memory
 * network and runs the handshake: discovery, issue, verify, conditions, credentials. It returns a
 * Trace, the same data the site animates and the CLI prints. We walk the happy path, a pull
 * request against a policy that only trusts `main`, and a token asked for without an audience.
 */
import { getScenario, walk, type Trace } from 'trustwalk'

const mark = { pass: '✓', fail: '✗', skipped: '·' } as const

function print(title: string, trace: Trace) {
  console.log(`${title}\n`)
  for (const step of trace.steps) {
    const count = step.status === 'skipped' ? '' : `  ${step.checks.length} checks`
    console.log(`${mark[step.status]} ${step.id.padEnd(12)}${step.status}${count}`)
    // The step that failed, check by check: the question STS asked, and the answer.
    if (step.status === 'fail') {
      for (const check of step.checks) console.log(`    ${check.ok ? '✓' : '✗'} ${check.summary}`)
    }
  }
  if (trace.outcome.ok) {
    const { AssumedRoleUser, Credentials } = trace.outcome.response
    console.log(`\nCredentials for ${AssumedRoleUser.Arn}`)
    console.log(`  key ${Credentials.AccessKeyId}, valid until ${Credentials.Expiration}`)
  } else {
    const { code, message, status } = trace.outcome.error
    console.log(`\nSTS answers HTTP ${status} ${code}: ${message}`)
  }
  console.log()
}

print('Happy path: a push to main', await walk(getScenario('happy-path')))
print('A pull request against a main-only policy', await walk(getScenario('pull-request')))
print('A token for the wrong audience', await walk(getScenario('wrong-audience')))
