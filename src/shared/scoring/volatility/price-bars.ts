import type { ScoringConfig } from '../config'
import { MINUTE_MS } from '../metric'
import type { RollingStats } from '../stats/rolling-stats'
import { rollingCreate, rollingPush } from '../stats/rolling-stats'
import type { TimedRing } from '../stats/timed-ring'
import { ringCreate, ringIndexAsOf, ringLastTs, ringPush, ringVal } from '../stats/timed-ring'

const FOUR_LN2 = 4 * Math.LN2

/**
 * One-minute high/low/close bars built from trades (O(1) per trade), feeding the Parkinson variance windows,
 * the price path (for price changes over 4 h / 24 h) and the minute returns used for correlation.
 */
export interface PriceBars {
  bars: TimedRing
  curMinute: number
  curHigh: number
  curLow: number
  curClose: number
  /** Parkinson variance per 1-minute bar over the short and long windows. */
  varShort: RollingStats
  varLong: RollingStats
  /** Log return of each bar's close vs the previous minute's close (consecutive minutes only). */
  returns: TimedRing
  firstBarMs: number | null
  fromTrades: boolean
  /** Minutes the newest bar spans (1 from trades, 5 or 60 from imported bars); absent in old checkpoints. */
  minutesPerBar?: number
}

export function barsCreate(cfg: ScoringConfig): PriceBars {
  return {
    bars: ringCreate(cfg.volLongWindowMinutes + 2, 3),
    curMinute: -1,
    curHigh: 0,
    curLow: 0,
    curClose: 0,
    varShort: rollingCreate(cfg.volShortWindowMinutes + 1, cfg.volShortWindowMinutes * MINUTE_MS),
    varLong: rollingCreate(cfg.volLongWindowMinutes + 1, cfg.volLongWindowMinutes * MINUTE_MS),
    returns: ringCreate(cfg.correlationWindowMinutes + 2),
    firstBarMs: null,
    fromTrades: false,
  }
}

/** Parkinson (1980) variance of one bar: ln(H/L)^2 / (4 ln 2). */
export function parkinsonVariance(high: number, low: number): number {
  const r = Math.log(high / low)
  return (r * r) / FOUR_LN2
}

function pushBar(
  b: PriceBars,
  minute: number,
  high: number,
  low: number,
  close: number,
  minutesPerBar = 1,
): void {
  const tsMs = minute * MINUTE_MS
  const lastTs = ringLastTs(b.bars)
  if (lastTs !== null && tsMs <= lastTs) return
  if (lastTs === tsMs - MINUTE_MS) {
    const prevClose = ringVal(b.bars, b.bars.size - 1, 2)
    ringPush(b.returns, tsMs, Math.log(close / prevClose))
  }
  ringPush(b.bars, tsMs, high, low, close)
  b.minutesPerBar = minutesPerBar
  // Variance per minute: a 5-minute bar's range covers five minutes of price diffusion.
  const v = parkinsonVariance(high, low) / minutesPerBar
  rollingPush(b.varShort, tsMs, v)
  rollingPush(b.varLong, tsMs, v)
  if (b.firstBarMs === null) b.firstBarMs = tsMs
}

/** Closes the open bar if tsMs is in a later minute (also called before a snapshot reads the windows). */
export function barsOnTrade(b: PriceBars, tsMs: number, price: number): void {
  b.fromTrades = true
  const minute = Math.floor(tsMs / MINUTE_MS)
  if (minute === b.curMinute) {
    if (price > b.curHigh) b.curHigh = price
    else if (price < b.curLow) b.curLow = price
    b.curClose = price
    return
  }
  if (minute < b.curMinute) return // a late print cannot reopen a closed bar
  if (b.curMinute >= 0) pushBar(b, b.curMinute, b.curHigh, b.curLow, b.curClose)
  b.curMinute = minute
  b.curHigh = price
  b.curLow = price
  b.curClose = price
}

/**
 * A venue's own candle, filed under the minute it ends in; used only for markets without a trade feed, so
 * nothing counts twice.
 */
export function barsOnCandle(
  b: PriceBars,
  lastMinuteTsMs: number,
  high: number,
  low: number,
  close: number,
  minutesPerBar = 1,
): void {
  if (b.fromTrades) return
  pushBar(b, Math.floor(lastMinuteTsMs / MINUTE_MS), high, low, close, minutesPerBar)
}

/** Close of the last completed bar that ended at or before tsMs, or null. */
export function priceAsOf(b: PriceBars, tsMs: number): number | null {
  const i = ringIndexAsOf(b.bars, tsMs - MINUTE_MS)
  return i < 0 ? null : ringVal(b.bars, i, 2)
}
