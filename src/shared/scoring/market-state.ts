import { MINUTE_MS } from './metric'
import type { MarketEvent, MarketKey, VenueId } from '../market-event'
import { isPerpSymbol } from '../market-event'
import type { BasisState, Mid } from './basis/basis-state'
import { basisCreate } from './basis/basis-state'
import type { ScoringConfig } from './config'
import type { LiquidationState } from './flow/liquidations'
import { liquidationApply, liquidationBarApply, liquidationCreate } from './flow/liquidations'
import type { VpinState } from './flow/vpin'
import { vpinCreate, vpinOnCandle, vpinOnTrade } from './flow/vpin'
import type { FundingState } from './funding/funding-state'
import { fundingApply, fundingCreate } from './funding/funding-state'
import type { GapRecord } from './gaps'
import { recordGap } from './gaps'
import type { BandLabelState, DwellLabelState } from './hysteresis'
import type { LongShortState } from './positioning/long-short'
import { longShortApply, longShortCreate } from './positioning/long-short'
import type { OpenInterestState } from './positioning/open-interest'
import { baseAsset, oiApply, oiCreate } from './positioning/open-interest'
import type { RollingStats } from './stats/rolling-stats'
import { rollingCreate } from './stats/rolling-stats'
import type { PriceBars } from './volatility/price-bars'
import { barsCreate, barsOnCandle, barsOnTrade } from './volatility/price-bars'

/** Liquidation proximity from the heatmap model, fed in from outside the event stream. */
export interface LiquidationProximityInput {
  asOfMs: number
  /** Nearest estimated cluster above / below the price, USD at it; null when none in range. */
  nearestAbovePrice: number | null
  nearestAboveUsd: number | null
  nearestBelowPrice: number | null
  nearestBelowUsd: number | null
  usdWithin1Pct: number
  usdWithin2Pct: number
}

export interface MarketState {
  key: MarketKey
  venue: VenueId
  symbol: string
  asset: string
  isPerp: boolean
  asOfMs: number | null
  lastPrice: number | null
  markPrice: number | null
  indexPrice: number | null
  eventCount: number
  mid: Mid | null
  book: { bids: [number, number][]; asks: [number, number][]; tsMs: number } | null
  funding: FundingState
  oi: OpenInterestState
  longShort: LongShortState
  liq: LiquidationState
  vpin: VpinState
  bars: PriceBars
  basis: BasisState
  gaps: GapRecord[]
  liqProximity: LiquidationProximityInput | null
  bands: Record<string, BandLabelState>
  dwell: Record<string, DwellLabelState>
  lastEvalMs: number | null
  /** When the debounced deleveraging state last left "flushing", for Post-Flush. */
  lastFlushEndMs: number | null
  /** Hourly Leverage Stress Index samples, for "relative to itself". */
  selfLsi: RollingStats
  lastSelfSampleMs: number | null
}

export function marketCreate(
  cfg: ScoringConfig,
  key: MarketKey,
  venue: VenueId,
  symbol: string,
): MarketState {
  return {
    key,
    venue,
    symbol,
    asset: baseAsset(symbol),
    isPerp: isPerpSymbol(symbol),
    asOfMs: null,
    lastPrice: null,
    markPrice: null,
    indexPrice: null,
    eventCount: 0,
    mid: null,
    book: null,
    funding: fundingCreate(cfg),
    oi: oiCreate(cfg),
    longShort: longShortCreate(),
    liq: liquidationCreate(),
    vpin: vpinCreate(cfg, key),
    bars: barsCreate(cfg),
    basis: basisCreate(cfg, venue, symbol),
    gaps: [],
    liqProximity: null,
    bands: {},
    dwell: {},
    lastEvalMs: null,
    lastFlushEndMs: null,
    selfLsi: rollingCreate(cfg.selfHistoryHours, cfg.selfHistoryHours * 3_600_000),
    lastSelfSampleMs: null,
  }
}

function where(ev: MarketEvent): string {
  return `${ev.type} event ${ev.venue}:${ev.symbol} at ${ev.exchangeTsMs}`
}

/**
 * The market's mid, rewritten in place: quotes and books are most of a live feed's events, and nothing keeps
 * the object itself (readers copy its two numbers; a checkpoint is a structured clone).
 */
function setMid(m: MarketState, price: number, tsMs: number): void {
  if (m.mid === null) m.mid = { price, tsMs }
  else {
    m.mid.price = price
    m.mid.tsMs = tsMs
  }
}

/** Routes one event into the market's incremental state; O(1) amortized for trades and book updates. */
export function marketApply(m: MarketState, cfg: ScoringConfig, ev: MarketEvent): void {
  if (!Number.isFinite(ev.exchangeTsMs)) throw new Error(`${where(ev)}: exchangeTsMs is not a number`)
  m.eventCount++
  if (m.asOfMs === null || ev.exchangeTsMs > m.asOfMs) m.asOfMs = ev.exchangeTsMs
  switch (ev.type) {
    case 'trade': {
      if (!(ev.price > 0) || !(ev.qtyBase >= 0))
        throw new Error(`${where(ev)}: price/qtyBase must be positive`)
      m.lastPrice = ev.price
      barsOnTrade(m.bars, ev.exchangeTsMs, ev.price)
      vpinOnTrade(m.vpin, cfg, ev.exchangeTsMs, ev.price, ev.qtyBase, ev.takerSide === 'buy')
      return
    }
    case 'book': {
      const b = ev.bids[0]
      const a = ev.asks[0]
      if (m.book === null) m.book = { bids: ev.bids, asks: ev.asks, tsMs: ev.exchangeTsMs }
      else {
        m.book.bids = ev.bids
        m.book.asks = ev.asks
        m.book.tsMs = ev.exchangeTsMs
      }
      if (b && a) setMid(m, (b[0] + a[0]) / 2, ev.exchangeTsMs)
      return
    }
    case 'quote':
      if (ev.bid > 0 && ev.ask > 0) setMid(m, (ev.bid + ev.ask) / 2, ev.exchangeTsMs)
      return
    case 'mark':
      m.markPrice = ev.markPrice
      m.indexPrice = ev.indexPrice
      if (m.lastPrice === null) m.lastPrice = ev.markPrice
      return
    case 'funding':
      fundingApply(m.funding, cfg, ev)
      return
    case 'openInterest':
      oiApply(m.oi, cfg, ev, m.lastPrice)
      return
    case 'longShort':
      longShortApply(m.longShort, ev)
      return
    case 'liquidation':
      liquidationApply(m.liq, ev)
      return
    case 'liquidationBar':
      liquidationBarApply(m.liq, ev)
      return
    case 'candle':
      if (ev.priceKind === 'last') {
        // Bars longer than a minute (5-minute futures-data bars) are filed under their last minute, so the
        // price path never reads a close before the bar has ended.
        const minutes = Math.max(1, Math.round(ev.intervalSec / 60))
        barsOnCandle(m.bars, ev.openTsMs + (minutes - 1) * MINUTE_MS, ev.high, ev.low, ev.close, minutes)
        vpinOnCandle(m.vpin, ev.exchangeTsMs, ev.volumeBase, ev.takerBuyBase)
        if (m.lastPrice === null || !m.bars.fromTrades) m.lastPrice = ev.close
      }
      return
    case 'takerVolume':
      return
    case 'gap':
      recordGap(m.gaps, ev)
      return
  }
}
