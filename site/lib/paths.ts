/**
 * Links that respect Astro's `base` (TRUSTWALK_BASE), so the site works under a sub-path such as
 * GitHub Pages' `/trustwalk/`. Every internal link goes through `href`.
 */
const BASE = import.meta.env.BASE_URL

/** `href('chapters/cast/')` → `/trustwalk/chapters/cast/` when base is `/trustwalk`. */
export function href(path = ''): string {
  return `${BASE.replace(/\/$/, '')}/${path.replace(/^\//, '')}`
}

/** The URL of a chapter page. */
export function chapterHref(id: string): string {
  return href(`chapters/${id}/`)
}
