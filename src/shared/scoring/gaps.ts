import type { GapEvent } from '../market-event'
import { formatDuration } from './metric'

/** Stream families the metrics care about; GapEvent.stream is free text from connectors and importers. */
export type StreamFamily =
  'trades' | 'book' | 'funding' | 'openInterest' | 'liquidations' | 'longShort' | 'other'

export interface GapRecord {
  family: StreamFamily
  fromTsMs: number
  toTsMs: number
  reason: string
}

const MAX_GAPS = 16

export function streamFamily(stream: string): StreamFamily {
  const s = stream.toLowerCase()
  if (s.includes('liq') || s.includes('forceorder')) return 'liquidations'
  if (s.includes('trade')) return 'trades'
  if (s.includes('book') || s.includes('depth') || s.includes('quote') || s.includes('ticker')) return 'book'
  if (s.includes('fund') || s.includes('mark') || s.includes('premium')) return 'funding'
  if (s.includes('open') || s === 'oi') return 'openInterest'
  if (s.includes('long') || s.includes('ratio')) return 'longShort'
  return 'other'
}

/** Records a hole that was not backfilled; backfilled gaps leave the data whole. */
export function recordGap(gaps: GapRecord[], ev: GapEvent): void {
  if (ev.backfilled) return
  if (!(ev.toTsMs > ev.fromTsMs)) {
    throw new Error(`gap event ${ev.venue}:${ev.symbol} stream "${ev.stream}": toTsMs must be after fromTsMs`)
  }
  gaps.push({ family: streamFamily(ev.stream), fromTsMs: ev.fromTsMs, toTsMs: ev.toTsMs, reason: ev.reason })
  if (gaps.length > MAX_GAPS) gaps.shift()
}

/** A readable reason when a gap of `family` overlaps [fromMs, toMs], else null. */
export function gapReason(
  gaps: readonly GapRecord[],
  family: StreamFamily,
  fromMs: number,
  toMs: number,
): string | null {
  for (let i = gaps.length - 1; i >= 0; i--) {
    const g = gaps[i]!
    if (g.family === family && g.fromTsMs < toMs && g.toTsMs > fromMs) {
      return `gap of ${formatDuration(g.toTsMs - g.fromTsMs)} in ${family} data inside the window (${g.reason})`
    }
  }
  return null
}
