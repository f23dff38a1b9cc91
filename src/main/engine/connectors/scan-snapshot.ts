import type { MarketEvent } from '../../../shared/market-event'
import { fundingAprFromPerHour, fundingRatePerHour } from '../../../shared/scoring/funding/funding-units'

/** One market's state after a scan, as `radar scan --json` prints it. Missing values are null, not 0. */
export interface ScanSnapshot {
  venue: string
  symbol: string
  last: number | null
  mark: number | null
  index: number | null
  fundingRatePerPeriod: number | null
  fundingRatePerHour: number | null
  fundingApr: number | null
  fundingIntervalHours: number | null
  nextFundingTsMs: number | null
  oiContracts: number | null
  oiUsd: number | null
  /** 'venue' when the venue reported the USD notional, 'oiBase x mark' when derived here. */
  oiUsdSource: 'venue' | 'oiBase x mark' | null
  spotPrice: number | null
  basisBps: number | null
  bestBid: number | null
  bestAsk: number | null
  lastEventAgeMs: Record<string, number>
  eventCounts: Record<string, number>
  gaps: number
}

/** Folds live events (not backfilled history) of one market into a snapshot. */
export function buildScanSnapshot(
  venue: string,
  symbol: string,
  events: readonly MarketEvent[],
  spotEvents: readonly MarketEvent[],
  nowMs: number,
): ScanSnapshot {
  const s: ScanSnapshot = {
    venue,
    symbol,
    last: null,
    mark: null,
    index: null,
    fundingRatePerPeriod: null,
    fundingRatePerHour: null,
    fundingApr: null,
    fundingIntervalHours: null,
    nextFundingTsMs: null,
    oiContracts: null,
    oiUsd: null,
    oiUsdSource: null,
    spotPrice: null,
    basisBps: null,
    bestBid: null,
    bestAsk: null,
    lastEventAgeMs: {},
    eventCounts: {},
    gaps: 0,
  }
  let oiBase: number | null = null
  for (const e of events) {
    s.eventCounts[e.type] = (s.eventCounts[e.type] ?? 0) + 1
    s.lastEventAgeMs[e.type] = nowMs - e.receiveTsMs
    if (e.type === 'trade') s.last = e.price
    else if (e.type === 'mark') {
      s.mark = e.markPrice
      s.index = e.indexPrice
    } else if (e.type === 'funding' && !e.settled) {
      s.fundingRatePerPeriod = e.fundingRatePerPeriod
      s.fundingIntervalHours = e.fundingIntervalHours
      s.nextFundingTsMs = e.nextFundingTsMs
    } else if (e.type === 'openInterest') {
      s.oiContracts = e.oiContracts
      oiBase = e.oiBase
      s.oiUsd = e.oiUsd
      s.oiUsdSource = e.oiUsd === null ? null : 'venue'
    } else if (e.type === 'book') {
      s.bestBid = e.bids[0]?.[0] ?? null
      s.bestAsk = e.asks[0]?.[0] ?? null
    } else if (e.type === 'gap') s.gaps++
  }
  if (s.fundingRatePerPeriod !== null && s.fundingIntervalHours !== null) {
    s.fundingRatePerHour = fundingRatePerHour(s.fundingRatePerPeriod, s.fundingIntervalHours)
    s.fundingApr = fundingAprFromPerHour(s.fundingRatePerHour)
  }
  if (s.oiUsd === null && oiBase !== null && s.mark !== null) {
    s.oiUsd = oiBase * s.mark
    s.oiUsdSource = 'oiBase x mark'
  }
  for (const e of spotEvents) {
    if (e.type === 'trade') s.spotPrice = e.price
    else if (e.type === 'quote' && s.spotPrice === null) s.spotPrice = (e.bid + e.ask) / 2
  }
  const perpPrice = s.mark ?? s.last
  if (perpPrice !== null && s.spotPrice !== null)
    s.basisBps = ((perpPrice - s.spotPrice) / s.spotPrice) * 10_000
  return s
}
