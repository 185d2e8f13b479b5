/**
 * Reads the workshop's exercises from their folders, `examples/workshop/<NN>-<id>/` (Node only):
 * `brief.md` (YAML frontmatter — title, level, minutes, file, hints — and the brief's paragraphs),
 * the starting file, `solution/<file>` and `check.json`. `trustwalk exercise` uses it; the site reads
 * the same folders with its content collection. A broken folder is an error naming the file and
 * the field.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { briefParagraphs, exerciseFromContent } from '../workshop/content.js'
import type { Exercise, ExerciseContent, ExerciseLevel } from '../workshop/exercise.js'

/**
 * The exercises' folder in this package: `examples/workshop/`, two levels above this module both
 * in the sources (`lib/node/`) and in the build (`dist/node/`).
 */
export const EXERCISES_DIR = fileURLToPath(new URL('../../examples/workshop/', import.meta.url))

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/
const LEVELS: readonly ExerciseLevel[] = ['warm-up', 'core', 'advanced']

/**
 * The workshop's exercises, easiest first, each with its check ready to run (read once per
 * process from `dir`).
 *
 * @example
 * const exercises = loadExercises()
 * (await checkAnswer('only-main', policyText, exercises)).ok
 */
export function loadExercises(dir = EXERCISES_DIR): readonly Exercise[] {
  let exercises = loaded.get(dir)
  if (!exercises)
    loaded.set(dir, (exercises = Object.freeze(readExerciseFolders(dir).map(exerciseFromContent))))
  return exercises
}
const loaded = new Map<string, readonly Exercise[]>()

/**
 * Every exercise folder under `dir`, in order of their numbers, which run 01, 02, … without gaps.
 *
 * @example
 * readExerciseFolders().map((e) => e.id) // ['decode-a-token', 'only-main', …]
 */
export function readExerciseFolders(dir = EXERCISES_DIR): ExerciseContent[] {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  return folders.map((name, i) => {
    const match = FOLDER.exec(name)
    if (!match) throw new Error(`${join(dir, name)}: an exercise folder is named NN-id`)
    if (Number(match[1]) !== i + 1)
      throw new Error(`${join(dir, name)}: expected exercise number ${i + 1}`)
    return readExerciseFolder(join(dir, name), match[2]!)
  })
}

/** One exercise folder. */
export function readExerciseFolder(folder: string, id: string): ExerciseContent {
  const read = (file: string) => readFileSync(join(folder, file), 'utf8')
  const brief = parseBrief(read('brief.md'), join(folder, 'brief.md'))
  let check: unknown
  try {
    check = JSON.parse(read('check.json'))
  } catch (error) {
    throw new Error(`${join(folder, 'check.json')}: ${(error as Error).message}`)
  }
  return {
    id,
    ...brief,
    start: read(brief.fileName),
    solution: read(join('solution', brief.fileName)),
    check: check as ExerciseContent['check'],
  }
}

type Brief = Pick<ExerciseContent, 'title' | 'level' | 'minutes' | 'fileName' | 'hints' | 'brief'>

/**
 * `brief.md`: the frontmatter's fields, and the body's paragraphs (separated by blank lines).
 *
 * @example
 * parseBrief('---\ntitle: Read a token\nlevel: warm-up\nminutes: 5\nfile: answers.json\nhints: [Look.]\n---\n\nRead it.\n', 'brief.md')
 */
export function parseBrief(text: string, where: string): Brief {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text)
  if (!match) throw new Error(`${where}: expected YAML frontmatter between --- lines`)
  const front = parseYaml(match[1]!) as Record<string, unknown> | null
  const field = <T>(name: string, ok: (v: unknown) => boolean, what: string): T => {
    const value = front?.[name]
    if (!ok(value)) throw new Error(`${where}: "${name}" must be ${what}`)
    return value as T
  }
  const isText = (v: unknown) => typeof v === 'string' && v.trim() !== ''
  return {
    title: field('title', isText, 'a title'),
    level: field('level', (v) => LEVELS.includes(v as ExerciseLevel), LEVELS.join(', ')),
    minutes: field('minutes', (v) => Number.isInteger(v) && (v as number) > 0, 'whole minutes'),
    fileName: field('file', (v) => isText(v) && !/[/\\]/.test(v as string), 'a file name'),
    hints: field('hints', (v) => Array.isArray(v) && v.length > 0 && v.every(isText), 'a list'),
    brief: briefParagraphs(match[2]!),
  }
}
