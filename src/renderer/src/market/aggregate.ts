import type { Bar, LiquidationMarker, SeriesPoint } from '../../../shared/contract/series'

/** Start of the time-frame bucket holding `timeSec` (UTC-aligned, as exchanges align their candles). */
export function bucketOf(timeSec: number, bucketSec: number): number {
  return Math.floor(timeSec / bucketSec) * bucketSec
}

/** OHLCV of the finer bars inside each bucket: first open, max high, min low, last close, summed volume. */
export function aggregateBars(bars: readonly Bar[], bucketSec: number): Bar[] {
  const out: Bar[] = []
  for (const b of bars) {
    const t = bucketOf(b.timeSec, bucketSec)
    const last = out[out.length - 1]
    if (last && last.timeSec === t) {
      last.high = Math.max(last.high, b.high)
      last.low = Math.min(last.low, b.low)
      last.close = b.close
      // Unknown volume stays unknown; a partly known bucket sums what is known.
      if (b.volumeBase !== null) last.volumeBase = (last.volumeBase ?? 0) + b.volumeBase
      // A bucket mixing traded and taker-derived volume no longer says it is taker-only.
      if (b.volumeFrom !== last.volumeFrom) delete last.volumeFrom
    } else out.push({ ...b, timeSec: t })
  }
  return out
}

/** A line's value at each bucket is its last value inside it (the state at the bucket's close). */
export function aggregatePoints(points: readonly SeriesPoint[], bucketSec: number): SeriesPoint[] {
  const out: SeriesPoint[] = []
  for (const p of points) {
    const t = bucketOf(p.timeSec, bucketSec)
    const last = out[out.length - 1]
    if (last && last.timeSec === t) last.value = p.value
    else out.push({ timeSec: t, value: p.value })
  }
  return out
}

export interface LiquidationBucket {
  timeSec: number
  positionSide: 'long' | 'short'
  usd: number
  count: number
}

/** Realized liquidations summed per bucket and side, so one bar carries at most two markers. */
export function aggregateLiquidations(
  liqs: readonly LiquidationMarker[],
  bucketSec: number,
): LiquidationBucket[] {
  const map = new Map<string, LiquidationBucket>()
  for (const l of liqs) {
    const t = bucketOf(l.timeSec, bucketSec)
    const k = `${t}:${l.positionSide}`
    const b = map.get(k)
    if (b) {
      b.usd += l.usd
      b.count += 1
    } else map.set(k, { timeSec: t, positionSide: l.positionSide, usd: l.usd, count: 1 })
  }
  return [...map.values()].sort(
    (a, b) => a.timeSec - b.timeSec || a.positionSide.localeCompare(b.positionSide),
  )
}

/**
 * Merges new or changed items (sorted by time) into a sorted array in place, replacing equal times.
 * Returns the smallest time touched, so the caller knows which buckets to redraw.
 */
export function mergeByTime<T extends { timeSec: number }>(
  target: T[],
  incoming: readonly T[],
): number | null {
  let minTouched: number | null = null
  for (const item of incoming) {
    minTouched = minTouched === null ? item.timeSec : Math.min(minTouched, item.timeSec)
    const last = target[target.length - 1]
    if (!last || item.timeSec > last.timeSec) {
      target.push(item)
      continue
    }
    let lo = 0
    let hi = target.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (target[mid]!.timeSec < item.timeSec) lo = mid + 1
      else hi = mid
    }
    if (target[lo]?.timeSec === item.timeSec) target[lo] = item
    else target.splice(lo, 0, item)
  }
  return minTouched
}

/** Wilder's average true range over the last `period` bars; null with fewer than period + 1 bars. */
export function averageTrueRange(bars: readonly Bar[], period = 14): number | null {
  if (bars.length < period + 1) return null
  let atr = 0
  const start = bars.length - period
  for (let i = start; i < bars.length; i++) {
    const b = bars[i]!
    const prevClose = bars[i - 1]!.close
    atr += Math.max(b.high - b.low, Math.abs(b.high - prevClose), Math.abs(b.low - prevClose))
  }
  return atr / period
}
