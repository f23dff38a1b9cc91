import type { ScoringConfig } from '../config'
import { gapReason } from '../gaps'
import type { GapRecord } from '../gaps'
import { MINUTES_PER_YEAR, MINUTE_MS, formatDuration, na, ok } from '../metric'
import type { Metric } from '../snapshot'
import type { RollingStats } from '../stats/rolling-stats'
import { ringLastTs, ringTs, ringVal } from '../stats/timed-ring'
import type { PriceBars } from './price-bars'

/**
 * Annualized Parkinson volatility over a window of bars of any length, or a reason it is n/a. Each bar's
 * variance is stored per minute (divided by its length), so what must be covered is minutes of price
 * path, not a count of bars: 12 five-minute bars cover an hour as well as 60 one-minute bars do.
 */
function windowVol(
  s: RollingStats,
  windowMin: number,
  minFraction: number,
  nowMs: number,
  gaps: readonly GapRecord[],
  minutesPerBar: number,
): { vol: number | null; reason: string | null } {
  const minMinutes = Math.max(10, Math.ceil(windowMin * minFraction))
  // An hourly bar's range is itself a (noisy, unbiased) estimate of the hour's variance.
  const minBars = Math.max(1, Math.ceil(minMinutes / minutesPerBar))
  // Windows are evicted on push; drop (read-only) what expired since, walking from the oldest: O(expired).
  let inWindow = s.ring.size
  let sum = s.sum
  const from = nowMs - windowMin * MINUTE_MS
  for (let i = 0; i < s.ring.size && ringTs(s.ring, i) < from; i++) {
    inWindow--
    sum -= ringVal(s.ring, i)
  }
  if (inWindow < minBars) {
    const size = minutesPerBar === 1 ? 'one-minute' : `${formatDuration(minutesPerBar * MINUTE_MS)}`
    return {
      vol: null,
      reason: `needs ${minBars} ${size} bars in the last ${formatDuration(windowMin * MINUTE_MS)}, has ${inWindow}`,
    }
  }
  const gap = gapReason(gaps, 'trades', from, nowMs)
  if (gap) return { vol: null, reason: gap }
  return { vol: Math.sqrt((sum / inWindow) * MINUTES_PER_YEAR), reason: null }
}

export interface VolResult {
  volShort: number | null
  volLong: number | null
  ratio: number | null
}

export function volatilityMetrics(
  b: PriceBars,
  cfg: ScoringConfig,
  nowMs: number,
  gaps: readonly GapRecord[],
  out: Record<string, Metric>,
): VolResult {
  const lastBar = ringLastTs(b.bars)
  const asOf = lastBar === null ? null : lastBar + MINUTE_MS
  const perBar = b.minutesPerBar ?? 1
  const s = windowVol(b.varShort, cfg.volShortWindowMinutes, 0.5, nowMs, gaps, perBar)
  const l = windowVol(b.varLong, cfg.volLongWindowMinutes, 0.25, nowMs, gaps, perBar)
  out['vol-short'] = s.vol === null ? na('annualized', s.reason!, asOf) : ok(s.vol, 'annualized', asOf)
  out['vol-long'] = l.vol === null ? na('annualized', l.reason!, asOf) : ok(l.vol, 'annualized', asOf)
  let ratio: number | null = null
  if (s.vol !== null && l.vol !== null && l.vol > 0) {
    ratio = s.vol / l.vol
    out['vol-ratio'] = ok(ratio, 'ratio', asOf)
  } else {
    out['vol-ratio'] = na('ratio', s.reason ?? l.reason ?? 'long-window volatility is zero', asOf)
  }
  return { volShort: s.vol, volLong: l.vol, ratio }
}
