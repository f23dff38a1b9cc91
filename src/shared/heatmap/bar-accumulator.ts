import type { MarketEvent } from '../market-event'

/**
 * What one bar of a market contributes to the heatmap, gathered from whichever streams the data path has:
 * trades (live), 1-minute or 5-minute candles (imports), mark prices, taker volume and open interest.
 */
export interface BarAccumulator {
  startMs: number
  tradeUsd: number
  tradeBase: number
  tradeHigh: number
  tradeLow: number
  tradeLast: number | null
  tradeBuyBase: number
  tradeSellBase: number
  candleHigh: number
  candleLow: number
  candleClose: number | null
  /** Σ (H+L+C)/3 and count, for a typical price when candles carry no volume. */
  candleTypicalSum: number
  candleCount: number
  candleVolUsd: number
  candleVolBase: number
  markHigh: number
  markLow: number
  markLast: number | null
  takerBuyBase: number | null
  takerSellBase: number | null
  oiBase: number | null
  oiUsd: number | null
}

export function emptyBar(startMs: number): BarAccumulator {
  return {
    startMs,
    tradeUsd: 0,
    tradeBase: 0,
    tradeHigh: Number.NEGATIVE_INFINITY,
    tradeLow: Number.POSITIVE_INFINITY,
    tradeLast: null,
    tradeBuyBase: 0,
    tradeSellBase: 0,
    candleHigh: Number.NEGATIVE_INFINITY,
    candleLow: Number.POSITIVE_INFINITY,
    candleClose: null,
    candleTypicalSum: 0,
    candleCount: 0,
    candleVolUsd: 0,
    candleVolBase: 0,
    markHigh: Number.NEGATIVE_INFINITY,
    markLow: Number.POSITIVE_INFINITY,
    markLast: null,
    takerBuyBase: null,
    takerSellBase: null,
    oiBase: null,
    oiUsd: null,
  }
}

/**
 * The time that places an event in a bar. A candle belongs to its open time (its event time is its close);
 * an open-interest reading at t is the state at the end of the bar holding t − 1 ms, so a reading stamped
 * on a boundary (Binance's 5-minute history) closes the bar before it, where the change happened.
 */
export function barTimeOf(e: MarketEvent): number {
  if (e.type === 'candle') return e.openTsMs
  if (e.type === 'openInterest') return e.exchangeTsMs - 1
  return e.exchangeTsMs
}

/** Folds one event into the bar. Returns false for events the heatmap does not read. */
export function accumulate(b: BarAccumulator, e: MarketEvent): boolean {
  switch (e.type) {
    case 'trade':
      if (!(e.price > 0 && e.qtyBase > 0)) return false
      b.tradeUsd += e.price * e.qtyBase
      b.tradeBase += e.qtyBase
      if (e.price > b.tradeHigh) b.tradeHigh = e.price
      if (e.price < b.tradeLow) b.tradeLow = e.price
      b.tradeLast = e.price
      if (e.takerSide === 'buy') b.tradeBuyBase += e.qtyBase
      else b.tradeSellBase += e.qtyBase
      return true
    case 'candle':
      if (e.priceKind === 'mark') {
        b.markHigh = Math.max(b.markHigh, e.high)
        b.markLow = Math.min(b.markLow, e.low)
        b.markLast = e.close
        return true
      }
      if (e.priceKind !== 'last') return false
      b.candleHigh = Math.max(b.candleHigh, e.high)
      b.candleLow = Math.min(b.candleLow, e.low)
      b.candleClose = e.close
      b.candleTypicalSum += (e.high + e.low + e.close) / 3
      b.candleCount++
      if (e.volumeUsd !== null && e.volumeBase !== null && e.volumeBase > 0) {
        b.candleVolUsd += e.volumeUsd
        b.candleVolBase += e.volumeBase
      }
      return true
    case 'mark':
      if (!(e.markPrice > 0)) return false
      b.markHigh = Math.max(b.markHigh, e.markPrice)
      b.markLow = Math.min(b.markLow, e.markPrice)
      b.markLast = e.markPrice
      return true
    case 'takerVolume':
      if (e.buyVolBase === null || e.sellVolBase === null) return false
      b.takerBuyBase = (b.takerBuyBase ?? 0) + e.buyVolBase
      b.takerSellBase = (b.takerSellBase ?? 0) + e.sellVolBase
      return true
    case 'openInterest':
      if (e.oiBase === null && e.oiUsd === null) return false
      b.oiBase = e.oiBase
      b.oiUsd = e.oiUsd
      return true
    default:
      return false
  }
}

/** Where new positions are assumed opened: trade VWAP, else candle VWAP, else typical price, else mark. */
export function entryPrice(b: BarAccumulator): number | null {
  if (b.tradeBase > 0) return b.tradeUsd / b.tradeBase
  if (b.candleVolBase > 0) return b.candleVolUsd / b.candleVolBase
  if (b.candleCount > 0) return b.candleTypicalSum / b.candleCount
  if (b.markLast !== null) return (b.markHigh + b.markLow) / 2
  return null
}

/** The bar's wick for removal: mark where the bar has marks, else the candle, else the trades. */
export function wick(b: BarAccumulator): { low: number; high: number } | null {
  if (b.markLast !== null) return { low: b.markLow, high: b.markHigh }
  if (b.candleCount > 0) return { low: b.candleLow, high: b.candleHigh }
  if (b.tradeLast !== null) return { low: b.tradeLow, high: b.tradeHigh }
  return null
}

export function closePrice(b: BarAccumulator): number | null {
  return b.candleClose ?? b.tradeLast ?? b.markLast
}

/** Taker buy share of the bar: the taker-volume stream, else the trades' aggressor sides; null if neither. */
export function takerBuyShare(b: BarAccumulator): number | null {
  if (b.takerBuyBase !== null && b.takerSellBase !== null && b.takerBuyBase + b.takerSellBase > 0)
    return b.takerBuyBase / (b.takerBuyBase + b.takerSellBase)
  const t = b.tradeBuyBase + b.tradeSellBase
  return t > 0 ? b.tradeBuyBase / t : null
}

export function barRange(b: BarAccumulator): { high: number; low: number; close: number } | null {
  const w = wick(b)
  const c = closePrice(b)
  if (!w || c === null) return null
  return { high: w.high, low: w.low, close: c }
}
