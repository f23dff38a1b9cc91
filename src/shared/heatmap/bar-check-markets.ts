import type { MarketEvent } from '../market-event'
import { isPerpSymbol, marketKey } from '../market-event'
import type { BarCheckOptions, BarCheckResult } from './bar-check'
import { collectBarRows, scoreBarRows } from './bar-check'
import type { HeatmapState } from './heatmap-state'

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

/**
 * Runs the bar check on every perp market of an event stream that has liquidation bars. Events are
 * buffered per market (bar data: small). A market without 'last' candles of its own takes the candles of
 * the spot pair on any venue of the stream (history files give the spot price beside perp OI), and says so.
 */
export function runBarCheck(
  events: Iterable<MarketEvent>,
  makeState: (key: string) => HeatmapState | null,
  opts: BarCheckOptions,
): BarCheckRun {
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
  const markets: MarketBarCheck[] = []
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
    let stream = list
    let priceFrom = key
    if (!hasOwnCandles.has(key)) {
      const spot = candlesBySpot.get(spotOf(symbol))
      if (!spot) {
        skippedMarkets.push({ key, reason: 'no price bars: neither its own candles nor its spot pair’s' })
        continue
      }
      priceFrom = spot.key
      const retagged = spot.events.map((e) => ({ ...e, venue: list[0]!.venue, symbol }))
      stream = [...list, ...retagged].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
    }
    const state = makeState(key)
    if (!state) {
      skippedMarkets.push({ key, reason: 'no maintenance-margin tiers for this market' })
      continue
    }
    markets.push({ key, priceFrom, ...scoreBarRows(collectBarRows(stream, state, opts), opts) })
  }
  for (const [key, list] of byKey)
    if (!isPerpSymbol(list[0]!.symbol) && !markets.some((m) => m.priceFrom === key))
      skippedMarkets.push({ key, reason: 'spot market: no leveraged positions to map' })
  return { markets, skippedMarkets }
}
