import type { LiquidationBarEvent, LiquidationEvent } from '../../market-event'
import type { ScoringConfig } from '../config'
import type { GapRecord } from '../gaps'
import { gapReason } from '../gaps'
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDuration, na, ok } from '../metric'
import type { Metric } from '../snapshot'
import type { BucketedSum } from '../stats/bucketed-sum'
import { bucketedAdd, bucketedCreate, bucketedSum } from '../stats/bucketed-sum'

/**
 * Realized liquidations in USD by liquidated side over 5 min / 1 h / 24 h, in 60 buckets per window (edge
 * resolution 5 s / 1 min / 24 min). Binance's stream reports at most one liquidation per symbol per second,
 * so its sums are a lower bound of what was liquidated.
 */
export interface LiquidationState {
  long5m: BucketedSum
  long1h: BucketedSum
  long24h: BucketedSum
  short5m: BucketedSum
  short1h: BucketedSum
  short24h: BucketedSum
  firstTsMs: number | null
  lastTsMs: number | null
  /**
   * Length of the longest liquidation bar seen (history exports give totals per bar, not single orders), or
   * null when only single liquidations came: windows shorter than a bar cannot be told and report n/a.
   */
  barMs?: number | null
}

export const LIQ_WINDOWS = [
  { id: '5m', ms: 5 * MINUTE_MS },
  { id: '1h', ms: HOUR_MS },
  { id: '24h', ms: DAY_MS },
] as const

export function liquidationCreate(): LiquidationState {
  return {
    long5m: bucketedCreate(5 * MINUTE_MS),
    long1h: bucketedCreate(HOUR_MS),
    long24h: bucketedCreate(DAY_MS),
    short5m: bucketedCreate(5 * MINUTE_MS),
    short1h: bucketedCreate(HOUR_MS),
    short24h: bucketedCreate(DAY_MS),
    firstTsMs: null,
    lastTsMs: null,
  }
}

/**
 * A bar's realized liquidation totals, at the bar's last millisecond: added to every window at least as long
 * as the bar (a 30-minute total says nothing of any 5 minutes inside it, so the 5-minute sums and the cascade
 * check report n/a while bars are that coarse).
 */
export function liquidationBarApply(s: LiquidationState, ev: LiquidationBarEvent): void {
  if (!(ev.longUsd >= 0 && ev.shortUsd >= 0) || !Number.isFinite(ev.longUsd + ev.shortUsd))
    throw new Error(
      `liquidationBar ${ev.venue}:${ev.symbol} at ${ev.exchangeTsMs}: longUsd/shortUsd must be numbers ≥ 0`,
    )
  const t = ev.exchangeTsMs
  const barMs = ev.intervalSec * 1000
  s.barMs = Math.max(s.barMs ?? 0, barMs)
  const sides = [
    [ev.longUsd, [s.long5m, s.long1h, s.long24h]],
    [ev.shortUsd, [s.short5m, s.short1h, s.short24h]],
  ] as const
  for (const [usd, sums] of sides)
    LIQ_WINDOWS.forEach((w, i) => {
      if (w.ms >= barMs) bucketedAdd(sums[i]!, t, usd)
    })
  if (s.firstTsMs === null || t < s.firstTsMs) s.firstTsMs = t
  if (s.lastTsMs === null || t > s.lastTsMs) s.lastTsMs = t
}

export function liquidationApply(s: LiquidationState, ev: LiquidationEvent): void {
  const usd = ev.usd > 0 ? ev.usd : ev.price * ev.qtyBase
  if (!(usd >= 0) || !Number.isFinite(usd)) {
    throw new Error(
      `liquidation ${ev.venue}:${ev.symbol} at ${ev.exchangeTsMs}: usd is not a positive number`,
    )
  }
  const t = ev.exchangeTsMs
  if (ev.positionSide === 'long') {
    bucketedAdd(s.long5m, t, usd)
    bucketedAdd(s.long1h, t, usd)
    bucketedAdd(s.long24h, t, usd)
  } else {
    bucketedAdd(s.short5m, t, usd)
    bucketedAdd(s.short1h, t, usd)
    bucketedAdd(s.short24h, t, usd)
  }
  if (s.firstTsMs === null || t < s.firstTsMs) s.firstTsMs = t
  if (s.lastTsMs === null || t > s.lastTsMs) s.lastTsMs = t
}

export type CascadeSide = 'long-cascade' | 'short-cascade' | 'none'

export interface LiquidationResult {
  cascade: CascadeSide | null
  longUsd1h: number | null
  shortUsd1h: number | null
}

/**
 * A cascade is a 5-minute burst above `cascadeMultiple` x the average 5-minute amount of the last 24 h (or of
 * the observed span when shorter, at least 1 h) and above `cascadeMinUsd`.
 */
function cascadeSide(
  s: LiquidationState,
  cfg: ScoringConfig,
  nowMs: number,
  spanMs: number,
): CascadeSide | null {
  if (spanMs < HOUR_MS) return null
  const baseMs = Math.min(spanMs, DAY_MS)
  const check = (b5: BucketedSum, b24: BucketedSum): boolean => {
    const burst = bucketedSum(b5, nowMs)
    const baseline = (bucketedSum(b24, nowMs) * 5 * MINUTE_MS) / baseMs
    return burst >= cfg.cascadeMinUsd && burst > cfg.cascadeMultiple * baseline
  }
  const longBurst = check(s.long5m, s.long24h)
  const shortBurst = check(s.short5m, s.short24h)
  if (longBurst && shortBurst) {
    return bucketedSum(s.long5m, nowMs) >= bucketedSum(s.short5m, nowMs) ? 'long-cascade' : 'short-cascade'
  }
  return longBurst ? 'long-cascade' : shortBurst ? 'short-cascade' : 'none'
}

export function liquidationMetrics(
  s: LiquidationState,
  cfg: ScoringConfig,
  nowMs: number,
  gaps: readonly GapRecord[],
  out: Record<string, Metric>,
): LiquidationResult {
  const res: LiquidationResult = { cascade: null, longUsd1h: null, shortUsd1h: null }
  if (s.firstTsMs === null) {
    // A venue that sends nothing and a venue we do not hear from look the same: do not call it zero.
    for (const w of LIQ_WINDOWS) {
      out[`liq-long-${w.id}`] = na('USD', 'no liquidation stream seen for this market')
      out[`liq-short-${w.id}`] = na('USD', 'no liquidation stream seen for this market')
    }
    return res
  }
  const spanMs = nowMs - s.firstTsMs
  const sums = { long: [s.long5m, s.long1h, s.long24h], short: [s.short5m, s.short1h, s.short24h] }
  const barMs = s.barMs ?? 0
  LIQ_WINDOWS.forEach((w, i) => {
    const gap = gapReason(gaps, 'liquidations', nowMs - w.ms, nowMs)
    for (const side of ['long', 'short'] as const) {
      const id = `liq-${side}-${w.id}`
      if (gap) out[id] = na('USD', gap, s.lastTsMs)
      else if (w.ms < barMs)
        out[id] = na(
          'USD',
          `liquidations come as ${formatDuration(barMs)} bar totals: a ${w.id} window is finer than the bars`,
          s.lastTsMs,
        )
      else {
        const m = ok(bucketedSum(sums[side][i]!, nowMs), 'USD', s.lastTsMs)
        if (spanMs < w.ms) m.reason = `covers ${formatDuration(spanMs)} of the ${w.id} window`
        out[id] = m
      }
    }
  })
  res.longUsd1h = out['liq-long-1h']!.value
  res.shortUsd1h = out['liq-short-1h']!.value
  const gap = gapReason(gaps, 'liquidations', nowMs - DAY_MS, nowMs)
  // A 5-minute burst cannot be read from coarser bars.
  res.cascade = gap || barMs > 5 * MINUTE_MS ? null : cascadeSide(s, cfg, nowMs, spanMs)
  return res
}
