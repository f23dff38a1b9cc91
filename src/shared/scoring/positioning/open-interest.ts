import type { OpenInterestEvent } from '../../market-event'
import type { ScoringConfig } from '../config'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../metric'
import type { MaxDeque } from '../stats/monotonic-deque'
import { maxDequeCreate, maxDequePush } from '../stats/monotonic-deque'
import type { RollingStats } from '../stats/rolling-stats'
import { rollingCreate, rollingPush } from '../stats/rolling-stats'
import type { TimedRing } from '../stats/timed-ring'
import { ringCreate, ringLastTs, ringPush } from '../stats/timed-ring'

/**
 * Open interest of one perp. Rates of change use the position size (base units, else contracts) so a price
 * move alone does not read as leverage being added; USD is kept for spend and OI / market cap.
 */
export interface OpenInterestState {
  oiContracts: number | null
  oiBase: number | null
  oiUsd: number | null
  asOfMs: number | null
  firstTsMs: number | null
  /** Which unit the size path uses; fixed at the first event so the path never mixes units. */
  qtyUnit: 'base' | 'contracts' | 'usd' | null
  /** (ts, size) samples every `oiSampleMinutes`, 7 days + slack. */
  path: TimedRing
  /** 24 h peak of the size, for the flush drawdown. */
  peak24h: MaxDeque
  /** Hourly OI / market cap, 30-day rolling mean and std. */
  mcapRatio: RollingStats
  lastMcapSampleMs: number | null
}

export function oiCreate(cfg: ScoringConfig): OpenInterestState {
  const perDay = (24 * 60) / cfg.oiSampleMinutes
  return {
    oiContracts: null,
    oiBase: null,
    oiUsd: null,
    asOfMs: null,
    firstTsMs: null,
    qtyUnit: null,
    path: ringCreate(Math.ceil(perDay * 7.2) + 4),
    peak24h: maxDequeCreate(Math.ceil(perDay) + 4, DAY_MS),
    mcapRatio: rollingCreate(cfg.oiMcapWindowDays * 24 + 2, cfg.oiMcapWindowDays * DAY_MS),
    lastMcapSampleMs: null,
  }
}

export function baseAsset(symbol: string): string {
  const i = symbol.indexOf('/')
  return i < 0 ? symbol : symbol.slice(0, i)
}

function pickQty(ev: OpenInterestEvent, unit: OpenInterestState['qtyUnit']): number | null {
  if (unit === 'base') return ev.oiBase
  if (unit === 'contracts') return ev.oiContracts
  return ev.oiUsd
}

export function oiApply(
  s: OpenInterestState,
  cfg: ScoringConfig,
  ev: OpenInterestEvent,
  lastPrice: number | null,
): void {
  const t = ev.exchangeTsMs
  if (s.asOfMs !== null && t <= s.asOfMs) return
  if (s.qtyUnit === null) {
    s.qtyUnit =
      ev.oiBase !== null ? 'base' : ev.oiContracts !== null ? 'contracts' : ev.oiUsd !== null ? 'usd' : null
  }
  s.oiContracts = ev.oiContracts
  s.oiBase = ev.oiBase
  s.oiUsd = ev.oiUsd ?? (ev.oiBase !== null && lastPrice !== null ? ev.oiBase * lastPrice : null)
  s.asOfMs = t
  if (s.firstTsMs === null) s.firstTsMs = t
  const qty = pickQty(ev, s.qtyUnit)
  if (qty === null || !(qty >= 0)) return
  const last = ringLastTs(s.path)
  if (last === null || t - last >= cfg.oiSampleMinutes * MINUTE_MS) ringPush(s.path, t, qty)
  maxDequePush(s.peak24h, t, qty)
  const mcap = cfg.marketCapUsdByAsset[baseAsset(ev.symbol)]
  if (
    mcap &&
    mcap > 0 &&
    s.oiUsd !== null &&
    (s.lastMcapSampleMs === null || t - s.lastMcapSampleMs >= HOUR_MS)
  ) {
    rollingPush(s.mcapRatio, t, s.oiUsd / mcap)
    s.lastMcapSampleMs = t
  }
}

/** Current size in the path's unit. */
export function oiQty(s: OpenInterestState): number | null {
  if (s.qtyUnit === 'base') return s.oiBase
  if (s.qtyUnit === 'contracts') return s.oiContracts
  return s.oiUsd
}
