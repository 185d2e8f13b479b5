/**
 * Exercise: read a token. Before writing any policy, see what GitHub actually puts in one — and
 * which of it AWS can use.
 */
import { decodeJwt } from '../aws/oidc/jwt.js'
import { githubClaims } from '../github/claims.js'
import { createGitHubIssuer } from '../github/issuer.js'
import { report, type Exercise, type ExerciseCheck } from './exercise.js'
import { AUDIENCE, clock, json, octoRepo } from './world.js'

/** The run behind the token: a pull request from `feature` into `main`. */
const RUN = octoRepo({
  branch: undefined,
  event: 'pull_request',
  pullRequestNumber: 42,
  headRef: 'feature',
  baseRef: 'main',
})

const FIELDS = ['sub', 'aud', 'ref', 'repository_id', 'exp'] as const
let token: Promise<string> | undefined

/** The token to decode, the same bytes every time (demo keys, fixed clock). */
export function exerciseToken(): Promise<string> {
  token ??= createGitHubIssuer({ keys: 'demo', clock }).then((issuer) =>
    issuer.issueToken(RUN, { audience: AUDIENCE }),
  )
  return token
}

export const decodeToken: Exercise = {
  id: 'decode-a-token',
  title: 'Read a token',
  level: 'warm-up',
  minutes: 5,
  brief: [
    'Below is a token GitHub minted for a workflow job (with trustwalk’s demo keys). Without any tool that verifies it, read what it says.',
    'Fill in `answers.json` with the token’s `sub`, `aud`, `ref`, `repository_id` and `exp` — copied exactly, with the type they have in the token.',
  ],
  fileName: 'answers.json',
  start: json({ sub: '', aud: '', ref: '', repository_id: '', exp: 0 }),
  // The claims are GitHub's for the run, so the answer follows from githubClaims (pure).
  solution: json(pick(githubClaims(RUN, { audience: AUDIENCE, clock }))),
  hints: [
    'A JWT is three base64url parts joined by dots; the claims are the middle part.',
    'Paste the token into `trustwalk decode` (or the site’s token inspector), or run `echo PART | base64 -d` on the middle part (add `=` padding if needed).',
    'Every GitHub claim is a string except `exp`, `iat` and `nbf`, which are numbers. A pull request’s `sub` ends in `:pull_request`.',
  ],
  material: async () => ({ label: 'The token', text: await exerciseToken() }),
  async check(text) {
    const claims = decodeJwt(await exerciseToken()).payload
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
      FIELDS.map((field): ExerciseCheck => {
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
  },
}

function pick(claims: object): Record<string, unknown> {
  const all = claims as Record<string, unknown>
  return Object.fromEntries(FIELDS.map((f) => [f, all[f]]))
}
