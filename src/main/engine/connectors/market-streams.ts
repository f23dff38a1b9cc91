import type { Exchange, Market } from 'ccxt'
import type { MarketEvent } from '../../../shared/market-event'
import { isPerpSymbol } from '../../../shared/market-event'
import type { CcxtBook, CcxtLiquidation, CcxtTrade } from './normalize'
import {
  bookEvent,
  fundingEvent,
  liquidationEvent,
  markEvent,
  openInterestEvent,
  tradeEvent,
} from './normalize'
import type { ConnectorVenue } from './url-override'
import type { BybitCcxtLiquidation } from './bybit-liquidations'
import { bybitLiquidationEvents } from './bybit-liquidations'
import type { OkxFunding, OkxMark } from './okx-derivatives'
import { okxFundingEvent, okxLiquidationEvents, okxMarkEvent } from './okx-derivatives'
import { liquidationCache, watchMethod } from './ccxt-internals'

/** One watched market: what the streams need to normalize it. */
export interface WatchedMarket {
  symbol: string
  /** The venue's own id of the market (`BTCUSDT`). */
  marketId: string
  market: Market
  contractSize: number
  /** Coin-margined: a contract is worth `contractSize` of the quote currency, not of the base. */
  inverse: boolean
  fundingIntervalHours: number | null
  lastExchangeTsMs: number | null
  lastBookEmitMs: number
  /** Last values emitted from a ticker, so repeated tickers emit only what changed. */
  lastMark: string
  lastFunding: string
  lastOi: string
}

/** A named ccxt watch call and how its result becomes events. */
export interface StreamSpec {
  stream: string
  watch: () => Promise<unknown>
  toEvents: (value: unknown, receiveTsMs: number) => MarketEvent[]
}

type Info = Record<string, unknown>

export function streamsFor(
  ex: Exchange,
  venue: ConnectorVenue,
  m: WatchedMarket,
  opts: { bookDepth: number; bookThrottleMs: number },
): StreamSpec[] {
  const ctx = (receiveTsMs: number) => ({ venue, symbol: m.symbol, receiveTsMs })
  const perp = isPerpSymbol(m.symbol)
  const specs: StreamSpec[] = [
    {
      stream: 'trade',
      watch: () => ex.watchTrades(m.symbol),
      toEvents: (v, now) =>
        (v as CcxtTrade[])
          .map((t) => tradeEvent(ctx(now), t, m.contractSize, m.inverse))
          .filter((e) => e !== null),
    },
    {
      stream: 'book',
      // Bybit streams fixed depths; 200 is offered for spot and linear alike.
      watch: () => ex.watchOrderBook(m.symbol, venue === 'bybit' ? 200 : undefined),
      toEvents: (v, now) => {
        if (now - m.lastBookEmitMs < opts.bookThrottleMs) return []
        const b = bookEvent(ctx(now), v as CcxtBook, opts.bookDepth, m.contractSize, m.inverse)
        if (!b) return []
        m.lastBookEmitMs = now
        const bid = b.bids[0]
        const ask = b.asks[0]
        if (perp || !bid || !ask) return [b]
        const quote = {
          type: 'quote' as const,
          ...ctx(now),
          exchangeTsMs: b.exchangeTsMs,
          bid: bid[0],
          bidQtyBase: bid[1],
          ask: ask[0],
          askQtyBase: ask[1],
        }
        return [b, quote]
      },
    },
  ]
  if (!perp) return specs
  if (venue === 'binanceusdm') {
    specs.push({
      stream: 'mark',
      watch: () => watchMethod<[string]>(ex, 'watchMarkPrice')(m.symbol),
      toEvents: (v, now) => {
        const info = (v as { info: Info }).info
        const ts = Number(info.E)
        return [
          markEvent(ctx(now), ts, info.p, info.i),
          fundingEvent(ctx(now), ts, info.r, m.fundingIntervalHours, info.T, false),
        ].filter((e) => e !== null)
      },
    })
  } else if (venue === 'bybit') {
    specs.push({
      stream: 'ticker',
      watch: () => ex.watchTicker(m.symbol),
      // ccxt leaves a Bybit ticker's timestamp unset; the receive time stands in for the exchange time.
      toEvents: (v, now) =>
        bybitTickerEvents(
          m,
          (v as { info: Info; timestamp?: number }).info,
          (v as { timestamp?: number }).timestamp ?? now,
          ctx(now),
        ),
    })
  } else if (venue === 'okx') {
    specs.push({
      stream: 'mark',
      watch: () => watchMethod<[string]>(ex, 'watchMarkPrice')(m.symbol),
      toEvents: (v, now) => {
        const e = okxMarkEvent(ctx(now), v as OkxMark)
        return e ? [e] : []
      },
    })
    specs.push({
      stream: 'funding',
      watch: () => ex.watchFundingRate(m.symbol),
      toEvents: (v, now) => {
        const e = okxFundingEvent(ctx(now), v as OkxFunding, m.fundingIntervalHours)
        return e ? [e] : []
      },
    })
  }
  if (venue === 'bybit') {
    const seen = new WeakSet<object>()
    specs.push({
      stream: 'liquidation',
      watch: () => watchMethod<[string]>(ex, 'watchLiquidations')(m.symbol),
      toEvents: (v, now) =>
        bybitLiquidationEvents(
          ctx(now),
          v as BybitCcxtLiquidation[],
          liquidationCache<BybitCcxtLiquidation[]>(ex),
          m.contractSize,
          seen,
        ),
    })
  } else if (venue === 'okx') {
    specs.push({
      stream: 'liquidation',
      watch: () => watchMethod<[string[]]>(ex, 'watchLiquidationsForSymbols')([m.symbol]),
      toEvents: (v, now) =>
        (v as { info?: Info }[]).flatMap((l) => okxLiquidationEvents(ctx(now), l.info, m)),
    })
  }
  return specs
}

/** Bybit's linear ticker carries mark, index, funding and OI; ccxt merges its deltas into `info`. */
function bybitTickerEvents(
  m: WatchedMarket,
  info: Info,
  tsMs: number,
  ctx: { venue: ConnectorVenue; symbol: string; receiveTsMs: number },
): MarketEvent[] {
  const out: MarketEvent[] = []
  const markKey = `${info.markPrice}|${info.indexPrice}`
  if (markKey !== m.lastMark) {
    const e = markEvent(ctx, tsMs, info.markPrice, info.indexPrice)
    if (e) out.push(e)
    m.lastMark = markKey
  }
  const hours = Number(info.fundingIntervalHour) || m.fundingIntervalHours
  const fundKey = `${info.fundingRate}|${info.nextFundingTime}|${hours}`
  if (fundKey !== m.lastFunding) {
    const e = fundingEvent(ctx, tsMs, info.fundingRate, hours ?? null, info.nextFundingTime, false)
    if (e) out.push(e)
    m.lastFunding = fundKey
  }
  const oiKey = `${info.openInterest}|${info.openInterestValue}`
  if (oiKey !== m.lastOi) {
    const e = openInterestEvent(ctx, tsMs, { contracts: info.openInterest, usd: info.openInterestValue }, m)
    if (e) out.push(e)
    m.lastOi = oiKey
  }
  return out
}

/** Binance's all-market liquidation stream (`!forceOrder@arr`), filtered to the watched perps. */
export function binanceLiquidationStream(ex: Exchange, watched: Map<string, WatchedMarket>): StreamSpec {
  return {
    stream: 'liquidation',
    watch: () => watchMethod<[string[]]>(ex, 'watchLiquidationsForSymbols')([]),
    toEvents: (v, now) =>
      (v as (CcxtLiquidation & { symbol?: string })[])
        .filter((l) => l.symbol !== undefined && watched.has(l.symbol))
        .map((l) =>
          liquidationEvent({ venue: 'binanceusdm', symbol: l.symbol as string, receiveTsMs: now }, l),
        )
        .filter((e) => e !== null),
  }
}
