/**
 * The chapters collection: ordered MDX files in site/content/chapters; and the exercises: the
 * `brief.md` of each folder in examples/workshop/ (the same folders `trustwalk exercise` reads).
 * An entry with a missing or mistyped field fails the build with a message naming the file and
 * the field.
 */
import { defineCollection, z } from 'astro:content'
import { glob } from 'astro/loaders'
import type { ExerciseLevel } from '../lib/index.js'

const STEPS = ['discovery', 'issue', 'verify', 'conditions', 'credentials'] as const

const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './site/content/chapters' }),
  schema: z
    .object({
      title: z.string().min(3),
      /** Position in the reading order; chapters are sorted by it (decimals allowed for inserts). */
      order: z.number().positive(),
      /** One sentence shown on the home page and under the title. */
      summary: z.string().min(10).max(300),
      /** The handshake step this chapter lights up on the cast diagram, if any. */
      step: z.enum(STEPS).optional(),
      /** Example ids (examples/NN-name.ts) shown next to this chapter, for the runnable-examples section. */
      examples: z.array(z.string()).optional(),
    })
    .strict(),
})

const LEVELS = ['warm-up', 'core', 'advanced'] as const satisfies readonly ExerciseLevel[]

const exercises = defineCollection({
  // The entry id is the folder, `02-only-main`: its number orders the workshop.
  loader: glob({
    pattern: '*/brief.md',
    base: './examples/workshop',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: z
    .object({
      title: z.string().min(3),
      level: z.enum(LEVELS),
      /** Suggested minutes in a workshop. */
      minutes: z.number().int().positive(),
      /** The file the learner edits; the folder holds it, and the solution in solution/<file>. */
      file: z.string().regex(/^[\w.-]+$/),
      /** From gentle to explicit. */
      hints: z.array(z.string().min(1)).min(1),
    })
    .strict(),
})

export const collections = { chapters, exercises }
