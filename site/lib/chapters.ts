/**
 * The reading order. Navigation, the progress indicator and the table of contents all come from
 * here, so a new MDX file in site/content/chapters appears everywhere without further edits.
 */
import { getCollection, type CollectionEntry } from 'astro:content'

export type Chapter = CollectionEntry<'chapters'>

/** All chapters, sorted by `order`. */
export async function getChapters(): Promise<Chapter[]> {
  const all = await getCollection('chapters')
  return all.sort((a: Chapter, b: Chapter) => a.data.order - b.data.order)
}

export interface ChapterPosition {
  index: number
  total: number
  previous: Chapter | undefined
  next: Chapter | undefined
}

/** Where a chapter sits in the reading order. */
export function positionOf(chapters: Chapter[], id: string): ChapterPosition {
  const index = chapters.findIndex((c) => c.id === id)
  return {
    index,
    total: chapters.length,
    previous: index > 0 ? chapters[index - 1] : undefined,
    next: index >= 0 && index < chapters.length - 1 ? chapters[index + 1] : undefined,
  }
}
