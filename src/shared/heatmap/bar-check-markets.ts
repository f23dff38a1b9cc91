import type { MarketEvent } from '../market-event'
import { isPerpSymbol, marketKey } from '../market-event'
import type { BarCheckOptions, BarCheckResult } from './bar-check'
import { collectBarRows, scoreBarRows } from './bar-check'
import type { MapFeed } from './map-feed'

export interface MarketBarCheck extends BarCheckResult {
  key: string
  /** Where the bar prices came from when the market has no candles of its own (e.g. the spot pair). */
  priceFrom: string
}

export interface BarCheckRun {
  markets: MarketBarCheck[]
  /** Every market with events that was not scored, and why. */
  skippedMarkets: { key: string; reason: string }[]
}

/** "BTC/USDT:USDT" → "BTC/USDT": the spot pair whose candles stand in for a perp's missing ones. */
const spotOf = (symbol: string): string => symbol.split(':')[0]!

/** One perp market's events ready for the bar check, with where its prices came from. */
export interface BarCheckStream {
  key: string
  priceFrom: string
  events: MarketEvent[]
}

/**
 * Splits an event stream into the perp markets the bar check can score (they have liquidation bars and
 * open interest). Events are buffered per market (bar data: small). A market without 'last' candles of its
 * own takes the candles of the spot pair on any venue of the stream (history files give the spot price
 * beside perp OI), and says so. Every market that cannot be checked is listed with why.
 */
export function barCheckStreams(events: Iterable<MarketEvent>): {
  streams: BarCheckStream[]
  skippedMarkets: { key: string; reason: string }[]
} {
  const byKey = new Map<string, MarketEvent[]>()
  const candlesBySpot = new Map<string, { key: string; events: MarketEvent[] }>()
  const hasOwnCandles = new Set<string>()
  const hasLiqBars = new Set<string>()
  const hasOi = new Set<string>()
  for (const e of events) {
    const key = marketKey(e.venue, e.symbol)
    if (e.type === 'candle' && e.priceKind === 'last') {
      if (!isPerpSymbol(e.symbol)) {
        let c = candlesBySpot.get(e.symbol)
        if (!c) candlesBySpot.set(e.symbol, (c = { key, events: [] }))
        c.events.push(e)
      } else hasOwnCandles.add(key)
    }
    if (e.type === 'liquidationBar') hasLiqBars.add(key)
    if (e.type === 'openInterest') hasOi.add(key)
    let list = byKey.get(key)
    if (!list) byKey.set(key, (list = []))
    list.push(e)
  }
  const streams: BarCheckStream[] = []
  const skippedMarkets: { key: string; reason: string }[] = []
  for (const [key, list] of byKey) {
    const symbol = list[0]!.symbol
    if (!isPerpSymbol(symbol)) continue
    if (!hasLiqBars.has(key)) {
      skippedMarkets.push({ key, reason: 'no liquidation bars (realized totals per bar) to check against' })
      continue
    }
    if (!hasOi.has(key)) {
      skippedMarkets.push({ key, reason: 'no open interest: the map cannot be built' })
      continue
    }
    if (hasOwnCandles.has(key)) {
      streams.push({ key, priceFrom: key, events: list })
      continue
    }
    const spot = candlesBySpot.get(spotOf(symbol))
    if (!spot) {
      skippedMarkets.push({ key, reason: 'no price bars: neither its own candles nor its spot pair’s' })
      continue
    }
    const retagged = spot.events.map((e) => ({ ...e, venue: list[0]!.venue, symbol }))
    const merged = [...list, ...retagged].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
    streams.push({ key, priceFrom: spot.key, events: merged })
  }
  for (const [key, list] of byKey)
    if (!isPerpSymbol(list[0]!.symbol) && !streams.some((m) => m.priceFrom === key))
      skippedMarkets.push({ key, reason: 'spot market: no leveraged positions to map' })
  return { streams, skippedMarkets }
}

/**
 * Runs the bar check on every perp market of an event stream that has liquidation bars, each through a feed
 * of its own (`makeFeed`: a scoring pipeline; null where the market has no tiers).
 */
export function runBarCheck(
  events: Iterable<MarketEvent>,
  makeFeed: (key: string) => MapFeed | null,
  opts: BarCheckOptions,
): BarCheckRun {
  const { streams, skippedMarkets } = barCheckStreams(events)
  const markets: MarketBarCheck[] = []
  const skipped = [...skippedMarkets]
  for (const st of streams) {
    const feed = makeFeed(st.key)
    if (!feed) {
      skipped.push({ key: st.key, reason: 'no maintenance-margin tiers for this market' })
      continue
    }
    const rows = collectBarRows(st.events, feed, st.key, opts)
    markets.push({ key: st.key, priceFrom: st.priceFrom, ...scoreBarRows(rows, opts) })
  }
  return { markets, skippedMarkets: skipped }
}
