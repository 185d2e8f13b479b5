/**
 * Auditor speed and memory on hostile policies (issue 15 items 1–3): the 381-byte policy whose aud
 * pattern is sixteen `*` and `Z`, a sub of `repo:octo-org/` and 3,000 `*`, one StringLike with 1,000
 * and 3,000 values, 400 statements. Target: each audit within 2 s and 256 MB.
 *
 * Each case runs in a fresh Node process on the built library (dist/, which `npm run bench` builds
 * first), so its peak resident memory (resourceUsage().maxRSS) is its own. Two measures per case:
 * the library audit (`auditTrustPolicyReport`) and the audit with every counterexample proven
 * through walk() (`auditAndProveReport`, what `trustwalk audit` runs).
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const TARGET_MS = 2000
const TARGET_MB = 256

const dist = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'audit')).href

/** The child: builds the case's policy, audits it once, prints JSON figures. */
const CHILD = `
const [kind, proofs] = process.argv.slice(1)
const { auditTrustPolicyReport } = await import('${dist}/audit.js')
const { auditAndProveReport } = await import('${dist}/proof.js')
const K = 'token.actions.githubusercontent.com'
const statement = (c) => ({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/' + K }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: c })
const aud = { [K + ':aud']: 'sts.amazonaws.com' }
const doc = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const n = Number(kind.replace(/\\D/g, ''))
const policy =
  kind === 'stars-aud' ? doc([statement({ StringLike: { [K + ':aud']: '*'.repeat(16) + 'Z', [K + ':sub']: 'repo:octo-org/octo-repo:ref:refs/heads/main' } })])
  : kind === 'stars-sub' ? doc([statement({ StringEquals: aud, StringLike: { [K + ':sub']: 'repo:octo-org/' + '*'.repeat(3000) } })])
  : kind.startsWith('values') ? doc([statement({ StringEquals: aud, StringLike: { [K + ':sub']: Array.from({ length: n }, (_, i) => 'repo:org/r' + i + ':*') } })])
  : doc(Array.from({ length: n }, (_, i) => statement({ StringEquals: aud, StringLike: { [K + ':sub']: 'repo:octo-org/app-' + i + ':*' } })))
const start = performance.now()
const report = proofs === 'yes' ? await auditAndProveReport(policy) : auditTrustPolicyReport(policy)
const ms = performance.now() - start
process.stdout.write(JSON.stringify({
  bytes: policy.length,
  ms,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  findings: report.findings.length,
  tooComplex: report.findings.some((f) => f.id === 'too-complex'),
  attacks: report.attacksTried,
}))
`

interface Figures {
  bytes: number
  ms: number
  maxRssMb: number
  findings: number
  tooComplex: boolean
  attacks: number
}

function run(kind: string, proofs: boolean): Figures {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, kind, proofs ? 'yes' : 'no'],
    { encoding: 'utf8', timeout: 120_000 },
  )
  return JSON.parse(out) as Figures
}

const CASES: [string, string][] = [
  ['stars-aud', 'aud pattern: 16 stars and Z (381 bytes)'],
  ['stars-sub', 'sub: repo:octo-org/ and 3,000 stars'],
  ['values1000', 'one StringLike with 1,000 values'],
  ['values3000', 'one StringLike with 3,000 values'],
  ['statements400', '400 statements'],
]

export default async (): Promise<void> => {
  let worst = { time: 0, memory: 0 }
  for (const [kind, label] of CASES) {
    for (const proofs of [false, true]) {
      const f = run(kind, proofs)
      const time = f.ms / TARGET_MS
      const memory = f.maxRssMb / TARGET_MB
      worst = { time: Math.max(worst.time, time), memory: Math.max(worst.memory, memory) }
      console.log(
        `${`audit${proofs ? ' + proofs' : ''}: ${label}`.padEnd(58)} ${f.ms.toFixed(0).padStart(6)} ms (${time.toFixed(2)}× 2 s)  ${f.maxRssMb.toFixed(0).padStart(4)} MB peak RSS (${memory.toFixed(2)}× 256 MB)  ${f.attacks} attacks${f.tooComplex ? ', too-complex' : ''}`,
      )
    }
  }
  const met = worst.time <= 1 && worst.memory <= 1
  console.log(
    `  target: every audit within 2 s and 256 MB — ${met ? 'met' : 'NOT met'} (worst ${worst.time.toFixed(2)}× the time, ${worst.memory.toFixed(2)}× the memory)`,
  )
}
