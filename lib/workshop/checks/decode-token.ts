/**
 * The check of a read-a-token exercise (`"kind": "decode-token"` in check.json): GitHub's issuer
 * (demo keys, the workshop's fixed clock) mints a token for the listed run; the learner writes down
 * some of its claims, which must be exactly what the token says, with the same JSON type.
 */
import { decodeJwt } from '../../aws/oidc/jwt.js'
import { createGitHubIssuer } from '../../github/issuer.js'
import {
  report,
  type CheckReport,
  type ExerciseCheck,
  type ExerciseCheckSpec,
  type ExerciseMaterial,
} from '../exercise.js'
import { clock } from '../world.js'

type TokenSpec = Extract<ExerciseCheckSpec, { kind: 'decode-token' }>

const tokens = new Map<string, Promise<string>>()

/**
 * The token to decode: the same bytes every time (demo keys, fixed clock), minted once per run.
 *
 * @example
 * decodeJwt(await exerciseToken(spec)).payload.sub // 'repo:octo-org/octo-repo:pull_request'
 */
export function exerciseToken(spec: Pick<TokenSpec, 'run' | 'audience'>): Promise<string> {
  const key = JSON.stringify([spec.run, spec.audience])
  let token = tokens.get(key)
  if (!token) {
    token = createGitHubIssuer({ keys: 'demo', clock }).then((issuer) =>
      issuer.issueToken(spec.run, { audience: spec.audience }),
    )
    tokens.set(key, token)
  }
  return token
}

/** The token, as the material the brief refers to. */
export async function tokenMaterial(spec: TokenSpec): Promise<ExerciseMaterial> {
  return { label: spec.material, text: await exerciseToken(spec) }
}

/** Every check of a read-a-token exercise: one per claim asked for. */
export async function checkDecodedToken(text: string, spec: TokenSpec): Promise<CheckReport> {
  const claims = decodeJwt(await exerciseToken(spec)).payload
  let answers: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('expected a JSON object like {"sub": "…"}')
    }
    answers = parsed as Record<string, unknown>
  } catch (error) {
    return report([
      {
        id: 'answers.valid',
        ok: false,
        label: 'The file is a JSON object',
        detail: error instanceof Error ? error.message : String(error),
      },
    ])
  }
  return report(
    spec.fields.map((field): ExerciseCheck => {
      const given = answers[field]
      const ok = given === claims[field]
      const typeHint =
        !ok && String(given) === String(claims[field])
          ? ` Right value, wrong type: the token has a ${typeof claims[field]}.`
          : ''
      return {
        id: `claim.${field}`,
        ok,
        label: `${field} is read correctly`,
        detail: ok
          ? `${field} = ${JSON.stringify(given)}.`
          : `${JSON.stringify(given)} is not what the token says.${typeHint}`,
      }
    }),
  )
}
