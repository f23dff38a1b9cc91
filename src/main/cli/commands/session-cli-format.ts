/** Small text helpers shared by the session commands (import, replay, export). */

export function progressBar(fraction: number, width = 30): string {
  const f = Math.min(1, Math.max(0, fraction))
  const full = Math.round(f * width)
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%`
}

export function formatSpan(startTsMs: number | null, endTsMs: number | null): string {
  if (startTsMs === null || endTsMs === null) return 'no events'
  const iso = (t: number) =>
    new Date(t)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z')
  return `${iso(startTsMs)} → ${iso(endTsMs)} (${((endTsMs - startTsMs) / 1000).toFixed(0)} s)`
}
