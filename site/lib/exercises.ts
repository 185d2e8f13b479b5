/**
 * The workshop's exercises for the pages: each folder of examples/workshop/ — its brief from the
 * `exercises` content collection, its starting file, solution and check.json read by Vite at build
 * time — turned into an `Exercise` by the library, as `trustwalk exercise` does from the same
 * folders.
 */
import { getCollection } from 'astro:content'
import {
  briefParagraphs,
  exerciseFromContent,
  type Exercise,
  type ExerciseCheckSpec,
} from '../../lib/index.js'

const DIR = '../../examples/workshop'
const files = import.meta.glob<string>('../../examples/workshop/*/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const solutions = import.meta.glob<string>('../../examples/workshop/*/solution/*', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export interface SiteExercise {
  /** Its number in the workshop, from 1 (the folder's `NN`). */
  n: number
  exercise: Exercise
  check: ExerciseCheckSpec
}

function file(table: Record<string, string>, path: string): string {
  const text = table[path]
  if (text === undefined) throw new Error(`${path.replace('../../', '')} is missing`)
  return text
}

/** Every exercise, in the order of the folders' numbers. */
export async function siteExercises(): Promise<SiteExercise[]> {
  const entries = (await getCollection('exercises')).sort((a, b) => a.id.localeCompare(b.id))
  return entries.map((entry, i) => {
    const folder = `${DIR}/${entry.id}`
    const check = JSON.parse(file(files, `${folder}/check.json`)) as ExerciseCheckSpec
    const exercise = exerciseFromContent({
      id: entry.id.replace(/^\d+-/, ''),
      title: entry.data.title,
      level: entry.data.level,
      minutes: entry.data.minutes,
      brief: briefParagraphs(entry.body ?? ''),
      fileName: entry.data.file,
      start: file(files, `${folder}/${entry.data.file}`),
      solution: file(solutions, `${folder}/solution/${entry.data.file}`),
      hints: entry.data.hints,
      check,
    })
    if (Number(entry.id.slice(0, 2)) !== i + 1)
      throw new Error(`examples/workshop/${entry.id}: expected exercise number ${i + 1}`)
    return { n: i + 1, exercise, check }
  })
}
