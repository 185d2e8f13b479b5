/** Human renderings of JWT times (seconds since 1970) for the inspector. */

/** `2026-10-08 19:26:15 UTC` */
export function utcDate(seconds: number): string {
  const d = new Date(seconds * 1000)
  if (Number.isNaN(d.getTime())) return 'not a valid time'
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
}

/** `in 4 min 10 s`, `3 days ago`, `just now` — relative to `nowSeconds`. */
export function relativeTime(seconds: number, nowSeconds: number): string {
  const delta = seconds - nowSeconds
  // Within the second: "in 0 s" for a token issued this second reads as a glitch.
  if (Math.abs(delta) < 1) return 'just now'
  const abs = Math.abs(delta)
  const text =
    abs < 60
      ? `${abs} s`
      : abs < 3600
        ? `${Math.floor(abs / 60)} min ${abs % 60} s`
        : abs < 86400
          ? `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`
          : `${Math.floor(abs / 86400)} days`
  return delta >= 0 ? `in ${text}` : `${text} ago`
}
