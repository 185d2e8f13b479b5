/**
 * The chapters collection: ordered MDX files in site/content/chapters. A chapter with a missing or
 * mistyped field fails the build with a message naming the file and the field.
 */
import { defineCollection, z } from 'astro:content'
import { glob } from 'astro/loaders'

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

export const collections = { chapters }
