/**
 * An exercise as content: what one folder of `examples/workshop/<NN>-<id>/` holds — the brief
 * (`brief.md`: frontmatter and paragraphs), the starting file, the solution (`solution/<file>`) and
 * the check (`check.json`). Whoever reads the folder (the CLI's loader, the site's content
 * collection, the build of `EXERCISES`) hands it here; this module turns it into an `Exercise`
 * whose check runs the real engine.
 */
import { checkDecodedToken, tokenMaterial } from './checks/decode-token.js'
import { checkKeyRotation } from './checks/key-rotation.js'
import { checkOidcProvider } from './checks/oidc-provider.js'
import { checkTrustPolicy } from './checks/trust-policy.js'
import { ISSUER_KINDS, isIssuerKind } from '../issuers/kinds.js'
import type {
  CheckReport,
  Exercise,
  ExerciseCheckSpec,
  ExerciseContent,
  ExerciseLevel,
  ExerciseMaterial,
} from './exercise.js'

/** Checks that cannot be declared, by name. */
const CHECK_MODULES: Record<
  Extract<ExerciseCheckSpec, { kind: 'module' }>['module'],
  (text: string) => Promise<CheckReport>
> = { 'key-rotation': checkKeyRotation }

const LEVELS: readonly ExerciseLevel[] = ['warm-up', 'core', 'advanced']

/**
 * The paragraphs of a brief's body: separated by blank lines; a paragraph wrapped over several lines
 * is one line of text.
 *
 * @example
 * briefParagraphs('One,\nwrapped.\n\nTwo.\n') // ['One, wrapped.', 'Two.']
 */
export function briefParagraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim().replace(/\s*\r?\n\s*/g, ' '))
    .filter(Boolean)
}

/**
 * Read `check.json`'s value; throws an error naming what is wrong.
 *
 * @example
 * parseCheckSpec({ kind: 'trust-policy', allow: [], deny: [] }, '02-only-main/check.json')
 */
export function parseCheckSpec(value: unknown, where: string): ExerciseCheckSpec {
  const fail = (why: string): never => {
    throw new TypeError(`${where}: ${why}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('expected a JSON object')
  const spec = value as Record<string, unknown>
  const cases = (name: string) => {
    const list = spec[name]
    if (!Array.isArray(list)) return fail(`"${name}" must be a list of runs`)
    list.forEach((c: Record<string, unknown>, i) => {
      if (typeof c?.id !== 'string' || typeof c.label !== 'string' || typeof c.run !== 'object')
        fail(`${name}[${i}] needs "id", "label" and "run"`)
    })
  }
  switch (spec.kind) {
    case 'trust-policy':
      if (spec.issuer !== undefined && !isIssuerKind(spec.issuer))
        fail(`"issuer" must be one of ${ISSUER_KINDS.join(', ')}`)
      cases('allow')
      cases('deny')
      break
    case 'oidc-provider':
      cases('runs')
      if (typeof spec.role !== 'object' || spec.role === null) fail('"role" must be an object')
      break
    case 'decode-token':
      if (typeof spec.run !== 'object' || !Array.isArray(spec.fields))
        fail('"run" and "fields" are required')
      break
    case 'module':
      if (!Object.hasOwn(CHECK_MODULES, String(spec.module)))
        fail(`no check module "${String(spec.module)}" (${Object.keys(CHECK_MODULES).join(', ')})`)
      break
    default:
      fail(`"kind" must be trust-policy, oidc-provider, decode-token or module`)
  }
  return spec as unknown as ExerciseCheckSpec
}

/**
 * Run an exercise's check on the learner's file. Never throws for a bad answer.
 *
 * @example
 * const report = await runExerciseCheck(spec, policyText)
 * report.ok // true when every check passed
 */
export function runExerciseCheck(spec: ExerciseCheckSpec, text: string): Promise<CheckReport> {
  switch (spec.kind) {
    case 'trust-policy':
      return checkTrustPolicy(text, spec)
    case 'oidc-provider':
      return checkOidcProvider(text, spec)
    case 'decode-token':
      return checkDecodedToken(text, spec)
    case 'module':
      return CHECK_MODULES[spec.module](text)
  }
}

/** What the brief refers to that is computed, not written (the token to decode), if anything. */
export async function exerciseMaterial(
  spec: ExerciseCheckSpec,
): Promise<ExerciseMaterial | undefined> {
  return spec.kind === 'decode-token' ? tokenMaterial(spec) : undefined
}

/**
 * An exercise from its folder's content; throws naming the field when the content is broken.
 *
 * @example
 * const exercise = exerciseFromContent(content)
 * await exercise.check(exercise.solution) // { ok: true, checks: [...] }
 */
export function exerciseFromContent(content: ExerciseContent): Exercise {
  const where = `exercise ${content.id}`
  if (!LEVELS.includes(content.level)) throw new TypeError(`${where}: unknown level`)
  const check = parseCheckSpec(content.check, `${where}: check.json`)
  return {
    id: content.id,
    title: content.title,
    level: content.level,
    minutes: content.minutes,
    brief: content.brief,
    fileName: content.fileName,
    start: content.start,
    solution: content.solution,
    hints: content.hints,
    ...(check.kind === 'decode-token'
      ? { material: () => exerciseMaterial(check) as Promise<ExerciseMaterial> }
      : {}),
    check: (text) => runExerciseCheck(check, text),
  }
}
