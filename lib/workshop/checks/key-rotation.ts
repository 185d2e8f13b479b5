/**
 * The check of "Survive key rotation": a verifier configured with a copy of GitHub's keys works
 * until the day GitHub rotates them (FACTS.md §1.2: "Keys rotate: select by kid, never pin").
 */
import { verifyWebIdentityToken } from '../../aws/oidc/verify.js'
import { DEMO_KEYS } from '../../github/demo-keys.js'
import { createGitHubIssuer, type GitHubIssuer } from '../../github/issuer.js'
import { createVirtualNetwork, type Handler } from '../../core/network.js'
import { report, type CheckReport, type ExerciseCheck } from '../exercise.js'
import { AUDIENCE, ISSUER, PROVIDER_ARN, clock, octoRepo } from '../world.js'

interface VerifierConfig {
  issuer: string
  audience: string
  jwks?: { keys: unknown[] }
  jwks_uri?: string
}

const FIELDS = new Set(['issuer', 'audience', 'jwks', 'jwks_uri'])
const JWKS_URI = `${ISSUER}/.well-known/jwks`

function readConfig(text: string): VerifierConfig | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'expected a JSON object'
  const config = value as Record<string, unknown>
  const unknown = Object.keys(config).find((k) => !FIELDS.has(k))
  if (unknown) return `unknown field "${unknown}" (allowed: ${[...FIELDS].join(', ')})`
  if (typeof config.issuer !== 'string') return '"issuer" must be a string'
  if (typeof config.audience !== 'string') return '"audience" must be a string'
  if ((config.jwks === undefined) === (config.jwks_uri === undefined)) {
    return 'give exactly one of "jwks" (keys saved in the file) and "jwks_uri" (where to fetch them)'
  }
  if (config.jwks !== undefined) {
    const jwks = config.jwks as { keys?: unknown }
    if (typeof jwks !== 'object' || jwks === null || !Array.isArray(jwks.keys))
      return '"jwks" must be {"keys": [...]}'
  }
  if (config.jwks_uri !== undefined && typeof config.jwks_uri !== 'string')
    return '"jwks_uri" must be a URL'
  return config as unknown as VerifierConfig
}

/** What the verifier sees when it asks for keys: the saved copy, or whatever jwks_uri serves now. */
function verifierNetwork(config: VerifierConfig, issuer: GitHubIssuer) {
  const network = createVirtualNetwork({ [issuer.url]: issuer.handler })
  const jwksPath = new URL(JWKS_URI).pathname
  const keys: Handler = async (request) => {
    if (new URL(request.url).pathname !== jwksPath) return issuer.handler(request)
    if (config.jwks) return Response.json(config.jwks)
    return network.fetch(config.jwks_uri!).catch(() => new Response('unreachable', { status: 404 }))
  }
  return createVirtualNetwork({ [issuer.url]: keys })
}

async function verifies(config: VerifierConfig, issuer: GitHubIssuer, token: string) {
  const result = await verifyWebIdentityToken(token, {
    providers: [{ Url: config.issuer, ClientIDList: [config.audience], Arn: PROVIDER_ARN }],
    fetch: verifierNetwork(config, issuer).fetch,
    clock,
  })
  const failed = result.checks.find((c) => !c.ok)
  return {
    ok: result.ok,
    detail: result.ok
      ? 'It verifies.'
      : `Rejected: ${result.error?.message ?? ''} ${failed?.summary ?? ''}`.trim(),
  }
}

/** The learner's file, read; a failed check when it is not a verifier configuration. */
function configCheck(
  text: string,
): { config: VerifierConfig; check: ExerciseCheck } | ExerciseCheck {
  const config = readConfig(text)
  const label = 'The file is a verifier configuration'
  if (typeof config === 'string') return { id: 'config.valid', ok: false, label, detail: config }
  return { config, check: { id: 'config.valid', ok: true, label, detail: 'It reads.' } }
}

/**
 * The check of the key-rotation exercise (check.json: `{"kind": "module", "module": "key-rotation"}`):
 * a story in time — today's token, a rotation, a retired key, a forger — that a list of runs
 * cannot declare. The learner's file configures a token verifier.
 *
 * @example
 * const result = await checkKeyRotation(verifierText)
 * result.checks.find((c) => c.id === 'accept.after-rotation')?.ok
 */
export async function checkKeyRotation(text: string): Promise<CheckReport> {
  const read = configCheck(text)
  if (!('config' in read)) return report([read])
  const { config } = read
  const issuer = await createGitHubIssuer({ keys: 'demo', clock })
  const run = octoRepo()
  const today = await issuer.issueToken(run, { audience: AUDIENCE })
  const checks: ExerciseCheck[] = [read.check]
  const expect = async (id: string, label: string, token: string, accept: boolean) => {
    const result = await verifies(config, issuer, token)
    checks.push({ id, label, ok: result.ok === accept, detail: result.detail })
  }

  await expect('accept.today', 'Accepted: today’s token', today, true)
  const sigstore = await issuer.issueToken(run, { audience: 'sigstore' })
  await expect(
    'reject.audience',
    'Rejected: a token for another audience (sigstore)',
    sigstore,
    false,
  )
  // GitHub rotates: a new signing key, the old one still published for a while, then retired.
  const oldKid = issuer.signingKid
  await issuer.rotateKeys()
  const tomorrow = await issuer.issueToken(run, { audience: AUDIENCE })
  await expect(
    'accept.after-rotation',
    'Accepted: a token signed with GitHub’s new key',
    tomorrow,
    true,
  )
  const during = 'Accepted: yesterday’s token while its key is still published'
  await expect('accept.during-rotation', during, today, true)
  issuer.retireKey(oldKid)
  const retired = 'Rejected: a token signed with a key GitHub has retired'
  await expect('reject.retired-key', retired, today, false)
  // A forger signs with a key of their own (a demo key GitHub's issuer here never published).
  const forger = await createGitHubIssuer({ keys: [{ ...DEMO_KEYS[2]! }], clock })
  const forged = await forger.issueToken(run, { audience: AUDIENCE })
  const unknown = 'Rejected: a token signed with a key GitHub never published'
  await expect('reject.unknown-key', unknown, forged, false)
  return report(checks)
}
