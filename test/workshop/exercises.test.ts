/**
 * The workshop's exercises: every solution passes its hidden checks and every starting file fails
 * them (so the checks can fail), with the engine itself — no mocks.
 */
import { describe, expect, it } from 'vitest'
import * as workshop from '../../lib/workshop/index.js'
import { CONTENT, EXERCISES } from './folders.js'

const findExercise = (ref: string | number) => workshop.findExercise(ref, EXERCISES)
const exerciseNumber = (e: workshop.Exercise) => workshop.exerciseNumber(e, EXERCISES)
const checkAnswer = (ref: string, text: string) => workshop.checkAnswer(ref, text, EXERCISES)
import { exerciseToken } from '../../lib/workshop/checks/decode-token.js'
import { decodeJwt } from '../../lib/aws/oidc/jwt.js'

describe('the workshop', () => {
  it('has at least eight exercises, unique ids, growing in difficulty', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(8)
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length)
    const rank = { 'warm-up': 0, core: 1, advanced: 2 }
    const levels = EXERCISES.map((e) => rank[e.level])
    expect(levels).toEqual([...levels].sort((a, b) => a - b))
  })

  for (const exercise of EXERCISES) {
    describe(`${exerciseNumber(exercise)}. ${exercise.id}`, () => {
      it('its solution passes every check', async () => {
        const result = await exercise.check(exercise.solution)
        const failed = result.checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`)
        expect(failed).toEqual([])
        expect(result.ok).toBe(true)
      })

      it('its starting file fails at least one check', async () => {
        const result = await exercise.check(exercise.start)
        expect(result.ok).toBe(false)
        expect(result.checks.some((c) => !c.ok)).toBe(true)
      })

      it('has a brief, hints and a file name', () => {
        expect(exercise.brief.length).toBeGreaterThan(0)
        expect(exercise.hints.length).toBeGreaterThan(0)
        expect(exercise.fileName).toMatch(/^[a-z-]+\.json$/)
        expect(exercise.start).not.toBe(exercise.solution)
      })

      it('rejects a file that is not JSON with one failing check, never a throw', async () => {
        const result = await exercise.check('{ "Version": ')
        expect(result.ok).toBe(false)
        expect(result.checks).toHaveLength(1)
        expect(result.checks[0]!.detail.length).toBeGreaterThan(0)
      })
    })
  }

  it('finds exercises by number or id', () => {
    expect(findExercise(2)?.id).toBe('only-main')
    expect(findExercise('02')?.id).toBe('only-main')
    expect(findExercise('only-main')).toBe(findExercise(2))
    expect(findExercise(0)).toBeUndefined()
    expect(findExercise(EXERCISES.length + 1)).toBeUndefined()
    expect(findExercise('nope')).toBeUndefined()
  })

  it('checkAnswer refuses an unknown exercise', async () => {
    await expect(checkAnswer('nope', '{}')).rejects.toThrow(/No exercise nope/)
  })
})

describe('specific checks', () => {
  it('only-main: a policy with main* lets main-hotfix in and says so', async () => {
    const text = findExercise('only-main')!.solution.replace(
      'refs/heads/main"',
      'refs/heads/main*"',
    )
    const loose = text.replace('"StringEquals"', '"StringLike"')
    const result = await checkAnswer('only-main', loose)
    const check = result.checks.find((c) => c.id === 'deny.main-prefix')!
    expect(check.ok).toBe(false)
    expect(check.detail).toContain(
      'repo:octo-org/octo-repo:ref:refs/heads/main-hotfix: the policy allows it (Allow)',
    )
    expect(check.label).toBe('Must be denied: a push to the branch main-hotfix')
  })

  it('only-main: dropping the audience condition (the brief says keep it) fails a check', async () => {
    const exercise = findExercise('only-main')!
    const noAud = JSON.parse(exercise.solution)
    delete noAud.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']
    const result = await exercise.check(JSON.stringify(noAud))
    expect(result.ok).toBe(false)
    const check = result.checks.find((c) => c.id === 'deny.other-audience')!
    expect(check.ok).toBe(false)
    expect(check.detail).toContain('aud https://github.com/octo-org')
    expect(check.detail).toContain('the policy allows it')
  })

  it('only-main: an aud-only policy fails the CreateRole guardrail', async () => {
    const exercise = findExercise('only-main')!
    const audOnly = JSON.parse(exercise.solution)
    delete audOnly.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']
    const result = await exercise.check(JSON.stringify(audOnly))
    const guardrail = result.checks.find((c) => c.id === 'policy.guardrail')!
    expect(guardrail.ok).toBe(false)
    expect(guardrail.detail).toContain('MalformedPolicyDocument')
  })

  it('decode-a-token: the right value with the wrong type is called out', async () => {
    const exercise = findExercise('decode-a-token')!
    const answer = JSON.parse(exercise.solution)
    answer.exp = String(answer.exp)
    const result = await exercise.check(JSON.stringify(answer))
    const exp = result.checks.find((c) => c.id === 'claim.exp')!
    expect(exp.ok).toBe(false)
    expect(exp.detail).toContain('wrong type')
  })

  it('decode-a-token: the solution is what the material token says', async () => {
    const exercise = findExercise('decode-a-token')!
    const material = await exercise.material!()
    const spec = CONTENT.find((c) => c.id === 'decode-a-token')!.check
    if (spec.kind !== 'decode-token') throw new Error('decode-a-token checks a token')
    expect(material.label).toBe('The token')
    expect(material.text).toBe(await exerciseToken(spec))
    const claims = decodeJwt(material.text).payload
    expect(JSON.parse(exercise.solution).sub).toBe(claims.sub)
    expect(claims.sub).toBe('repo:octo-org/octo-repo:pull_request')
  })

  it('oidc-provider: fixing only the URL moves the failure to the audience', async () => {
    const result = await checkAnswer(
      'oidc-provider',
      JSON.stringify({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sigstore'],
      }),
    )
    const main = result.checks.find((c) => c.id === 'allow.main')!
    expect(main.ok).toBe(false)
    expect(main.detail).toContain('Incorrect token audience')
  })

  it('oidc-provider: a provider IAM refuses is reported as such', async () => {
    const result = await checkAnswer(
      'oidc-provider',
      JSON.stringify({ Url: 'http://example.com', ClientIDList: [] }),
    )
    expect(result.ok).toBe(false)
    expect(result.checks[0]!.id).toBe('provider.valid')
    expect(result.checks[0]!.ok).toBe(false)
  })

  it('key-rotation: an empty pinned JWKS accepts nothing, not even the token of today', async () => {
    const result = await checkAnswer(
      'key-rotation',
      JSON.stringify({
        issuer: 'https://token.actions.githubusercontent.com',
        audience: 'sts.amazonaws.com',
        jwks: { keys: [] },
      }),
    )
    expect(result.ok).toBe(false)
    expect(result.checks.find((c) => c.id === 'accept.today')!.ok).toBe(false)
  })

  it('key-rotation: the starting file pins day one’s key: today passes, the rotation does not', async () => {
    const exercise = findExercise('key-rotation')!
    const result = await exercise.check(exercise.start)
    const ok = (id: string) => result.checks.find((c) => c.id === id)!.ok
    expect(ok('accept.today')).toBe(true)
    expect(ok('accept.after-rotation')).toBe(false)
  })

  it('key-rotation: both jwks and jwks_uri is refused with a sentence', async () => {
    const result = await checkAnswer(
      'key-rotation',
      JSON.stringify({ issuer: 'x', audience: 'y', jwks: { keys: [] }, jwks_uri: 'https://x' }),
    )
    expect(result.checks[0]!.detail).toContain('exactly one of')
  })
})
