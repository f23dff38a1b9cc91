import type { SessionSummary } from '../../../shared/contract/sessions'

const KIND_BADGE: Record<SessionSummary['kind'], { text: string; className: string }> = {
  sample: { text: 'SAMPLE', className: 'badge badge-sample' },
  recording: { text: 'RECORDED', className: 'badge badge-recorded' },
  import: { text: 'IMPORTED', className: 'badge badge-imported' },
}

export function kindBadge(kind: SessionSummary['kind']): { text: string; className: string } {
  return KIND_BADGE[kind]
}

/** Binary units, as file managers show sizes. */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return 'n/a'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`
}

/** A duration as the largest two units: "6 min 54 s", "6 d 23 h". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return 'n/a'
  const s = Math.floor(ms / 1000)
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ]
  const first = parts.findIndex(([v]) => v > 0)
  if (first < 0) return `${ms} ms`
  return parts
    .slice(first, first + 2)
    .filter(([v]) => v > 0)
    .map(([v, u]) => `${v} ${u}`)
    .join(' ')
}

/** "2023-04-05 00:00:00 → 00:06:54 UTC"; the end drops the date when it is the same day. */
export function fmtSpan(startTsMs: number | null, endTsMs: number | null): string {
  if (startTsMs === null || endTsMs === null) return 'span unknown'
  const a = new Date(startTsMs).toISOString().replace('T', ' ').slice(0, 19)
  const b = new Date(endTsMs).toISOString().replace('T', ' ').slice(0, 19)
  const end = a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b
  return `${a} → ${end} UTC`
}

/** The session clock: time of day with milliseconds, the date beside it. */
export function fmtClock(tsMs: number | null | undefined): { date: string; time: string } {
  if (tsMs === null || tsMs === undefined || !Number.isFinite(tsMs))
    return { date: '----------', time: '--:--:--.---' }
  const iso = new Date(tsMs).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 23) }
}

/** Notes that warn (cut short, damage, refused rows) get the warning colour; the rest are plain facts. */
export function isWarningNote(note: string): boolean {
  return /cut short|damag|lost|corrupt|unreadable|bad row|could not|cop(y|ies|ied)\b|empty|missing|gap|refus|not imported|off .*schedule/i.test(
    note,
  )
}
