import type { FundingEvent } from '../../market-event'
import type { ScoringConfig } from '../config'
import { DAY_MS, MINUTE_MS } from '../metric'
import type { WeightedRank } from '../stats/percentile'
import { weightedRank } from '../stats/percentile'
import type { TimedRing } from '../stats/timed-ring'
import {
  ringCreate,
  ringIndexAsOf,
  ringLastTs,
  ringPush,
  ringShift,
  ringTs,
  ringVal,
} from '../stats/timed-ring'
import { fundingRatePerHour } from './funding-units'

/**
 * Funding state of one perp. History holds settled payments as (funding time, rate per hour, interval hours):
 * the interval is the sample's weight, so an 8 h payment counts as much time as eight 1 h payments and a
 * mid-stream interval change does not bias the percentile.
 */
export interface FundingState {
  ratePerPeriod: number | null
  intervalHours: number | null
  ratePerHour: number | null
  predictedRatePerPeriod: number | null
  nextFundingTsMs: number | null
  asOfMs: number | null
  firstTsMs: number | null
  /** Last live estimate, recorded as the settled rate once the venue rolls to the next period. */
  pendingEstimate: { ratePerHour: number; intervalHours: number; fundingTsMs: number } | null
  history: TimedRing
  historyVersion: number
  /** Rank of the current rate, cached until the history or the rate changes. */
  rankCache: { version: number; ratePerHour: number; result: WeightedRank | null } | null
  /** Samples of the current rate per hour for the 4 / 8 / 24 h trajectory. */
  path: TimedRing
  /** When the market entered its current extreme regime (debounced), for persistence. */
  extremeSinceMs: number | null
  extremeLabel: string | null
}

export function fundingCreate(cfg: ScoringConfig): FundingState {
  // 1 h is the shortest interval any venue uses: size the history for it.
  const historyCap = cfg.fundingHistoryDays * 24 + 16
  const pathCap = Math.ceil((26 * 60) / cfg.fundingPathSampleMinutes) + 2
  return {
    ratePerPeriod: null,
    intervalHours: null,
    ratePerHour: null,
    predictedRatePerPeriod: null,
    nextFundingTsMs: null,
    asOfMs: null,
    firstTsMs: null,
    pendingEstimate: null,
    history: ringCreate(historyCap, 2),
    historyVersion: 0,
    rankCache: null,
    path: ringCreate(pathCap),
    extremeSinceMs: null,
    extremeLabel: null,
  }
}

function pushSettled(
  f: FundingState,
  cfg: ScoringConfig,
  tsMs: number,
  rph: number,
  intervalHours: number,
): void {
  const last = ringLastTs(f.history)
  if (last !== null && tsMs <= last) {
    // A warm start's history can land after the live feed already settled a period (Go live within seconds of
    // a settlement): the older rows go in at their time, a period already held is not counted twice.
    insertSettled(f, cfg, tsMs, rph, intervalHours)
    return
  }
  ringPush(f.history, tsMs, rph, intervalHours)
  const minTs = tsMs - cfg.fundingHistoryDays * DAY_MS
  while (f.history.size > 0 && ringTs(f.history, 0) < minTs) ringShift(f.history)
  f.historyVersion++
}

/** Puts an older settled payment in time order; a payment at a time already held or out of the window is dropped. */
function insertSettled(f: FundingState, cfg: ScoringConfig, tsMs: number, rph: number, hours: number): void {
  const h = f.history
  const newest = ringTs(h, h.size - 1)
  const at = ringIndexAsOf(h, tsMs)
  if (tsMs < newest - cfg.fundingHistoryDays * DAY_MS || (at >= 0 && ringTs(h, at) === tsMs)) return
  const rows: [number, number, number][] = []
  for (let i = 0; i < h.size; i++) rows.push([ringTs(h, i), ringVal(h, i, 0), ringVal(h, i, 1)])
  rows.splice(at + 1, 0, [tsMs, rph, hours])
  while (h.size > 0) ringShift(h)
  for (const [ts, v, w] of rows) ringPush(h, ts, v, w)
  f.historyVersion++
}

export function fundingApply(f: FundingState, cfg: ScoringConfig, ev: FundingEvent): void {
  if (!Number.isFinite(ev.fundingRatePerPeriod)) {
    throw new Error(
      `funding event ${ev.venue}:${ev.symbol} at ${ev.exchangeTsMs}: fundingRatePerPeriod is not a number`,
    )
  }
  const rph = fundingRatePerHour(ev.fundingRatePerPeriod, ev.fundingIntervalHours)
  const ts = ev.exchangeTsMs
  if (f.firstTsMs === null || ts < f.firstTsMs) f.firstTsMs = ts
  if (ev.settled) {
    pushSettled(f, cfg, ts, rph, ev.fundingIntervalHours)
  } else {
    const p = f.pendingEstimate
    if (p && ev.nextFundingTsMs !== null && ev.nextFundingTsMs > p.fundingTsMs && ts >= p.fundingTsMs) {
      // The venue rolled to the next period: the last estimate before the roll is what was paid.
      pushSettled(f, cfg, p.fundingTsMs, p.ratePerHour, p.intervalHours)
    }
    if (ev.nextFundingTsMs !== null) {
      f.pendingEstimate = {
        ratePerHour: rph,
        intervalHours: ev.fundingIntervalHours,
        fundingTsMs: ev.nextFundingTsMs,
      }
    }
  }
  if (f.asOfMs !== null && ts < f.asOfMs) return // an older settled row (backfill) must not replace the current rate
  f.ratePerPeriod = ev.fundingRatePerPeriod
  f.intervalHours = ev.fundingIntervalHours
  f.ratePerHour = rph
  f.predictedRatePerPeriod = ev.predictedRatePerPeriod
  f.nextFundingTsMs = ev.nextFundingTsMs
  f.asOfMs = ts
  const lastPath = ringLastTs(f.path)
  if (lastPath === null || ts - lastPath >= cfg.fundingPathSampleMinutes * MINUTE_MS)
    ringPush(f.path, ts, rph)
}

/** Percentile, mean and std of the settled history for the current rate (cached). */
export function fundingRank(f: FundingState, ratePerHour: number): WeightedRank | null {
  const c = f.rankCache
  if (c && c.version === f.historyVersion && c.ratePerHour === ratePerHour) return c.result
  const result = weightedRank(f.history, ratePerHour)
  f.rankCache = { version: f.historyVersion, ratePerHour, result }
  return result
}

/** Time covered by the history: from the start of the oldest period to the newest funding time. */
export function fundingHistorySpanMs(f: FundingState): number {
  if (f.history.size === 0) return 0
  const first = ringTs(f.history, 0) - ringVal(f.history, 0, 1) * 3_600_000
  return ringTs(f.history, f.history.size - 1) - first
}
